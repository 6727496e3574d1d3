using Leapfrog.Core.Outcomes;

namespace Leapfrog.Engine;

/// <summary>One row of a service's registry (its <c>services</c> table) after the jump, judged by the target release.</summary>
public sealed record RegistryRow
{
    /// <summary>The cell whose database holds it (nova); null for the service's own database.</summary>
    public string? Cell { get; init; }

    /// <summary>The row's id.</summary>
    public long Id { get; init; }

    /// <summary>The host the service ran on.</summary>
    public string? Host { get; init; }

    /// <summary>The service binary, e.g. <c>nova-compute</c>.</summary>
    public string? Binary { get; init; }

    /// <summary>The recorded version columns (nova <c>version</c>; cinder <c>rpc_current_version</c>, <c>object_current_version</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> Versions { get; init; } = [];

    /// <summary>The last heartbeat (<c>updated_at</c>, else <c>created_at</c>), as the database stores it (UTC).</summary>
    public string? LastSeen { get; init; }

    /// <summary>Seconds since <see cref="LastSeen"/>, by the database server's clock.</summary>
    public long? AgeS { get; init; }

    /// <summary>The row is soft-deleted.</summary>
    public bool Deleted { get; init; }

    /// <summary>The service is disabled.</summary>
    public bool Disabled { get; init; }

    /// <summary>The target release's judgement of this row (or <see cref="RegistryVerdict.Deleted"/>).</summary>
    public required RegistryVerdict Status { get; init; }

    /// <summary>Not deleted, and no heartbeat for longer than the dead age.</summary>
    public bool Dead { get; init; }

    /// <summary>Removed (soft-deleted) by this run.</summary>
    public bool Removed { get; init; }

    /// <summary>One line for messages, e.g. <c>compute1 nova-compute (cell cell1, version=52)</c>.</summary>
    public string Describe() =>
        $"{Host} {Binary} ({(Cell is null ? "" : $"cell {Cell}, ")}{string.Join(", ", Versions.Select(v => $"{v.Key}={v.Value}"))})";
}

/// <summary>The registry step's report for one service: every row, the target release's verdict, dead rows and what was removed.</summary>
public sealed record RegistryReport
{
    /// <summary>The service.</summary>
    public required string Service { get; init; }

    /// <summary>The table read.</summary>
    public required string Table { get; init; }

    /// <summary>The target release.</summary>
    public required string Release { get; init; }

    /// <summary>The target release's judgement of the rows (never <see cref="RegistryVerdict.Deleted"/>).</summary>
    public required RegistryVerdict Verdict { get; init; }

    /// <summary>One line: what the rows mean for the target release and what to do.</summary>
    public required string Message { get; init; }

    /// <summary>The target release's own check, as its code answered (nova: <c>ok</c> or <c>too_old</c> with its message); null when not asked.</summary>
    public string? ReleaseCheck { get; init; }

    /// <summary>The oldest version the target accepts, as its code says (nova: e.g. <c>66 (Caracal)</c>); null when not applicable.</summary>
    public string? Oldest { get; init; }

    /// <summary>What to set until the too-old services are upgraded; null when none is needed.</summary>
    public string? Workaround { get; init; }

    /// <summary>The upstream code the verdict and removal follow.</summary>
    public required string Source { get; init; }

    /// <summary>Every row.</summary>
    public IReadOnlyList<RegistryRow> Rows { get; init; } = [];

    /// <summary>The age after which a row without heartbeat counts as dead, in seconds.</summary>
    public long DeadAfterS { get; init; }

    /// <summary>Dead rows are removed in this run (<c>registry_remove_dead_after</c> set).</summary>
    public bool RemoveDead { get; init; }

    /// <summary>The backup of the removed rows on the controller (JSON, mode 0600), written before the removal; null when nothing was removed.</summary>
    public string? Backup { get; init; }

    /// <summary>Why something could not be read, judged or removed.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];
}
