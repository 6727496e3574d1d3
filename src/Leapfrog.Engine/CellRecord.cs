using Leapfrog.Core.Outcomes;

namespace Leapfrog.Engine;

/// <summary>One cell of a hop in the state file: a rerun skips the cells recorded <c>done</c>. Never holds its database URL.</summary>
public sealed record CellRecord
{
    /// <summary>The cell's name as its mapping has it (may be empty).</summary>
    public required string Name { get; init; }

    /// <summary>The cell mapping's UUID.</summary>
    public required string Uuid { get; init; }

    /// <summary><see cref="CellOutcome.Done"/> or <see cref="CellOutcome.Failed"/>.</summary>
    public required CellOutcome Outcome { get; init; }

    /// <summary>Why it failed (passwords masked).</summary>
    public string? Message { get; init; }

    /// <summary>When it ended (UTC, ISO 8601).</summary>
    public string? Finished { get; init; }

    /// <summary>Each of its steps.</summary>
    public List<StepRecord> Steps { get; init; } = [];
}
