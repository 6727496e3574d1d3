namespace Leapfrog.Engine;

/// <summary>What the start or stop of a rehearsal's scratch copy did. Holds no secret.</summary>
public sealed record ScratchOutcome
{
    /// <summary>Something was started, written or removed.</summary>
    public bool Changed { get; init; }

    /// <summary>Stop only: the scratch server had been started but was no longer running (stopped or killed during the rehearsal).</summary>
    public bool ServerLost { get; init; }

    /// <summary>What happened, in one sentence.</summary>
    public required string Message { get; init; }

    /// <summary>The scratch server's port on 127.0.0.1.</summary>
    public int Port { get; init; }

    /// <summary>Per service, its overlay config (production config pointing at the copy).</summary>
    public IReadOnlyDictionary<string, string> Overlays { get; init; } = new Dictionary<string, string>();

    /// <summary>Every database copied.</summary>
    public IReadOnlyList<CopiedDatabase> Databases { get; init; } = [];

    /// <summary>Per service, the seconds its backup (the dumps, taken from production) took.</summary>
    public IReadOnlyDictionary<string, double> BackupSeconds { get; init; } = new Dictionary<string, double>();

    /// <summary>The largest tables of the copy.</summary>
    public IReadOnlyList<TableSize> LargestTables { get; init; } = [];

    /// <summary>Bytes the databases hold (data and indexes), measured before the copy.</summary>
    public long Bytes { get; init; }

    /// <summary>Free bytes on the filesystem of the rehearsal directory before the copy.</summary>
    public long FreeBytes { get; init; }

    /// <summary>nova cell mappings pointed at the copy.</summary>
    public int CellsPointed { get; init; }

    /// <summary>Warnings.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Stop only: every hop the rehearsal's own state files recorded, read before they were removed (the chain's wall time on the copy).</summary>
    public IReadOnlyList<HopTime> HopTimes { get; init; } = [];

    /// <summary>The controller's load average over one minute: before the copy (start) or when the rehearsal ended (stop); null when unread.</summary>
    public double? Load { get; init; }
}

/// <summary>One hop of one service as the rehearsal's state file recorded it.</summary>
/// <param name="Service">The service.</param>
/// <param name="RunId">The hop module run (the hop result's run_id).</param>
/// <param name="From">Release the hop started from.</param>
/// <param name="To">Release the hop went to.</param>
/// <param name="Started">When the hop module started it (UTC, ISO 8601).</param>
/// <param name="Finished">When it ended, or null.</param>
/// <param name="Outcome">running, done or failed.</param>
public sealed record HopTime(string Service, string RunId, string From, string To, string Started, string? Finished, string Outcome);

/// <summary>One database of the copy.</summary>
/// <param name="Service">The service that owns it.</param>
/// <param name="Database">Its name (the same in the copy).</param>
/// <param name="Origin">The catalog's schema name, <c>cell</c> or <c>catalog</c>.</param>
/// <param name="Bytes">Size of its dump.</param>
/// <param name="DumpSeconds">How long the dump from production took.</param>
/// <param name="LoadSeconds">How long the load into the scratch server took.</param>
public sealed record CopiedDatabase(string Service, string Database, string Origin, long Bytes, double DumpSeconds, double LoadSeconds);

/// <summary>One table of the copy.</summary>
/// <param name="Database">Database.</param>
/// <param name="Table">Table.</param>
/// <param name="Bytes">Data and index size.</param>
/// <param name="Rows">Rows, counted.</param>
public sealed record TableSize(string Database, string Table, long Bytes, long Rows);
