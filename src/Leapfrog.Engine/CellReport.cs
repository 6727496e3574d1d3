namespace Leapfrog.Engine;

/// <summary>What happened to one cell (nova's cells v2) in this module run, as the module returns it. Never holds its database URL.</summary>
public sealed record CellReport
{
    /// <summary>The cell's name as its mapping has it (may be empty).</summary>
    public required string Name { get; init; }

    /// <summary>The cell mapping's UUID.</summary>
    public required string Uuid { get; init; }

    /// <summary>
    /// done (its steps ran and passed), done_earlier (the state file recorded it done: nothing ran), failed,
    /// not_run (an earlier cell failed first), unfinished (its schema steps ran, then another cell failed before the
    /// data migrations), skipped (cell0, or the service's own cell: the main steps cover it), would_run (check mode).
    /// </summary>
    public required string Outcome { get; init; }

    /// <summary>Why it was skipped or how it failed (passwords masked).</summary>
    public string? Message { get; init; }

    /// <summary>Its steps in this module run.</summary>
    public IReadOnlyList<StepReport> Steps { get; init; } = [];

    /// <summary>Its online data migrations, per migration over its batches, as the tool's tables reported them.</summary>
    public IReadOnlyList<MigrationProgress> DataMigrations { get; init; } = [];
}
