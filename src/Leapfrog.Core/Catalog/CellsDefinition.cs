namespace Leapfrog.Core.Catalog;

/// <summary>
/// A service whose data lives in several databases ("cells", nova's cells v2): how the release's own tool
/// lists them, and the steps run against each one. Each cell step's argv names the cell's configuration
/// overlay with the <c>{cell_config}</c> placeholder (an extra <c>--config-file</c> setting <c>[database] connection</c>).
/// </summary>
public sealed record CellsDefinition
{
    /// <summary>First release (any spelling) that has cells.</summary>
    public required string Since { get; init; }

    /// <summary>
    /// The command that prints the cells as a table with (at least) the columns <c>Name</c>, <c>UUID</c> and
    /// <c>Database Connection</c>, passwords shown (they are needed for the overlays; they are masked everywhere else).
    /// </summary>
    public required IReadOnlyList<string> ListArgv { get; init; }

    /// <summary>The cell whose UUID is this is never run on its own (nova's cell0: the schema sync of the service's own cell covers it).</summary>
    public string? SkipUuid { get; init; }

    /// <summary>
    /// The service's own schema step (by name) that the cells' schema steps may run alongside: each touches only its own
    /// database, and what must come first (nova's api_db sync) has run. Null: the cells' schema steps start after the
    /// service's own schema steps. Either way they end before the first data step.
    /// </summary>
    public string? SchemaAlongside { get; init; }

    /// <summary>Every cell step of every release, in run order (kinds schema and data).</summary>
    public required IReadOnlyList<StepDefinition> Steps { get; init; }

    /// <summary>Where upstream defines the commands.</summary>
    public string? Source { get; init; }
}
