namespace Leapfrog.Engine;

/// <summary>What a backup, restore or probe did.</summary>
public sealed record BackupOutcome
{
    /// <summary>Something was written or loaded.</summary>
    public bool Changed { get; init; }

    /// <summary>What happened, in one sentence.</summary>
    public required string Message { get; init; }

    /// <summary>The service's backup directory.</summary>
    public required string Directory { get; init; }

    /// <summary>The dumps (backup: written or kept; restore: loaded).</summary>
    public IReadOnlyList<DumpRecord> Dumps { get; init; } = [];

    /// <summary>Probe: every database found, with presence and size.</summary>
    public IReadOnlyList<ProbedDatabase> Databases { get; init; } = [];

    /// <summary>Databases the catalog lists that the server does not have.</summary>
    public IReadOnlyList<string> Absent { get; init; } = [];

    /// <summary>The manifest's path (backup, restore).</summary>
    public string? Manifest { get; init; }

    /// <summary>When the backup was taken (kept or restored).</summary>
    public string? Created { get; init; }

    /// <summary>Backup directories removed by the retention.</summary>
    public IReadOnlyList<string> Removed { get; init; } = [];

    /// <summary>Check mode: what a real run would do.</summary>
    public IReadOnlyList<string> WouldRun { get; init; } = [];

    /// <summary>Warnings (stale lock taken over, host key accepted...).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Commands sent to the controller.</summary>
    public int ControllerCalls { get; init; }

    /// <summary>Times the connection dropped and was re-established.</summary>
    public int Reconnects { get; init; }
}

/// <summary>One database a probe found (or did not).</summary>
/// <param name="Database">Its name.</param>
/// <param name="Origin">The catalog's schema name, <c>cell</c> or <c>catalog</c>.</param>
/// <param name="Present">It exists on the server.</param>
/// <param name="Bytes">Data and index size.</param>
/// <param name="Server">host:port or socket path.</param>
public sealed record ProbedDatabase(string Database, string Origin, bool Present, long Bytes, string Server);
