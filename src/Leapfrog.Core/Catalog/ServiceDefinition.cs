namespace Leapfrog.Core.Catalog;

/// <summary>One OpenStack service's database migration knowledge across releases.</summary>
public sealed record ServiceDefinition
{
    // The source-generated reader assigns null to init-only properties missing from the JSON: keep them empty instead.
    private readonly IReadOnlyList<string> _after = [];
    private readonly IReadOnlyDictionary<string, string> _versions = new Dictionary<string, string>();
    private readonly IReadOnlyList<string> _versionArgv = [];
    private readonly IReadOnlyList<SchemaDatabase> _schema = [];
    private readonly IReadOnlyList<DataLeftover> _dataLeftovers = [];
    private readonly IReadOnlyList<UpgradeCheckRule> _upgradeChecks = [];

    /// <summary>Service name, e.g. <c>nova</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Default database name (informational; backups, checks).</summary>
    public required IReadOnlyList<string> Databases { get; init; }

    /// <summary>Default configuration file passed to the tools.</summary>
    public required string ConfigFile { get; init; }

    /// <summary>First release that has this service's own migration tools.</summary>
    public required string Since { get; init; }

    /// <summary>Services whose hop to a release must finish before this one's (e.g. nova after placement).</summary>
    public IReadOnlyList<string> After { get => _after; init => _after = value ?? []; }

    /// <summary>Project version per release (release name to version, e.g. <c>zed</c>: <c>22.0.0</c>).</summary>
    public IReadOnlyDictionary<string, string> Versions { get => _versions; init => _versions = value ?? new Dictionary<string, string>(); }

    /// <summary>Command that prints the tool's version (for the toolbox check).</summary>
    public IReadOnlyList<string> VersionArgv { get => _versionArgv; init => _versionArgv = value ?? []; }

    /// <summary>Every step of every release, in run order.</summary>
    public required IReadOnlyList<StepDefinition> Steps { get; init; }

    /// <summary>The databases whose schema revision the hop's verdict compares with the heads the target toolbox ships.</summary>
    public IReadOnlyList<SchemaDatabase> Schema { get => _schema; init => _schema = value ?? []; }

    /// <summary>Where the facts come from.</summary>
    public string? Source { get; init; }

    /// <summary>The service's further databases (nova's cells), when it has them; null otherwise.</summary>
    public CellsDefinition? Cells { get; init; }

    /// <summary>What rows a finished online data migration leaves behind mean, per migration and release.</summary>
    public IReadOnlyList<DataLeftover> DataLeftovers { get => _dataLeftovers; init => _dataLeftovers = value ?? []; }

    /// <summary>Checks of the service's <c>*-status upgrade check</c> that do not judge the database (reported not applicable).</summary>
    public IReadOnlyList<UpgradeCheckRule> UpgradeChecks { get => _upgradeChecks; init => _upgradeChecks = value ?? []; }
}
