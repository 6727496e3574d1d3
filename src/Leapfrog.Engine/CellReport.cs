using System.Text.Json.Serialization;
using Leapfrog.Core.Outcomes;

namespace Leapfrog.Engine;

/// <summary>What happened to one cell (nova's cells v2) in this module run, as the module returns it. Never holds its database URL.</summary>
public sealed record CellReport
{
    /// <summary>The cell's name as its mapping has it (may be empty).</summary>
    public required string Name { get; init; }

    /// <summary>The cell mapping's UUID.</summary>
    public required string Uuid { get; init; }

    /// <summary>What happened to it in this module run.</summary>
    public required CellOutcome Outcome { get; init; }

    /// <summary>Why it was skipped or how it failed (passwords masked); <c>msg</c> in the module result.</summary>
    [JsonPropertyName("msg")]
    public string? Message { get; init; }

    /// <summary>Its steps in this module run.</summary>
    public IReadOnlyList<StepReport> Steps { get; init; } = [];

    /// <summary>Its online data migrations, per migration over its batches, as the tool's tables reported them.</summary>
    public IReadOnlyList<MigrationProgress> DataMigrations { get; init; } = [];
}
