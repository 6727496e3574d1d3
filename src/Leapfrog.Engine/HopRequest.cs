using Leapfrog.Core.Toolboxes;
using Leapfrog.Core.Catalog;
using Leapfrog.Core.Releases;

namespace Leapfrog.Engine;

/// <summary>Everything one hop needs, validated.</summary>
public sealed record HopRequest
{
    /// <summary>The catalog (embedded, possibly corrected by a catalog file).</summary>
    public required ServiceCatalog Catalog { get; init; }

    /// <summary>The service whose database hops.</summary>
    public required ServiceDefinition Service { get; init; }

    /// <summary>Release the database is at.</summary>
    public required Release From { get; init; }

    /// <summary>Release whose tools run the hop.</summary>
    public required Release To { get; init; }

    /// <summary>The target release's toolbox, placeholders filled.</summary>
    public required Toolbox Toolbox { get; init; }

    /// <summary>The service configuration file on the controller.</summary>
    public required string ConfigFile { get; init; }

    /// <summary>State directory on the controller.</summary>
    public string StateDir { get; init; } = "/var/lib/leapfrog";

    /// <summary>Step kinds to run (probe and verify always run when present).</summary>
    public IReadOnlySet<StepKind> Phases { get; init; } = new HashSet<StepKind> { StepKind.Schema, StepKind.Data };

    /// <summary>Rows per online data migration batch (<c>--max-count</c>).</summary>
    public int Batch { get; init; } = 50;

    /// <summary>Most batches one data step may take before the hop gives up.</summary>
    public int MaxBatches { get; init; } = 1000;

    /// <summary>Batches in a row that report more work but complete nothing before the data step fails as stuck.</summary>
    public int StuckBatches { get; init; } = 3;

    /// <summary>Most cells (nova's cells v2) whose steps run at the same time.</summary>
    public int CellConcurrency { get; init; } = 4;

    /// <summary>Longest one step may run before it is killed.</summary>
    public TimeSpan StepTimeout { get; init; } = TimeSpan.FromHours(2);

    /// <summary>A lock whose holder sent no heartbeat for this long is stale.</summary>
    public TimeSpan LockStaleAfter { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Check that the toolbox's tools report a version of <see cref="To"/> before running anything.</summary>
    public bool CheckToolboxVersion { get; init; } = true;

    /// <summary>Known blockers to check read-only before anything runs (<see cref="HopRunner.BlockersFor"/>); none by default.</summary>
    public IReadOnlyList<BlockerDefinition> Blockers { get; init; } = [];

    /// <summary>This is the chain's last hop: its final-hop-only steps run too (cinder's <c>db sync --bump-versions</c>).</summary>
    public bool FinalHop { get; init; }

    /// <summary>The service's registry (its services table), reported on the final hop; null when it has none.</summary>
    public RegistryDefinition? Registry { get; init; }

    /// <summary>Remove registry rows without heartbeat for longer than this (backed up first); null: list them only.</summary>
    public TimeSpan? RegistryRemoveDeadAfter { get; init; }

    /// <summary>Report only; change nothing.</summary>
    public bool CheckMode { get; init; }

    /// <summary>
    /// Only check the toolbox of <see cref="To"/>: resolve it and run the catalog's version command in it; no database,
    /// state file or lock is read or written (leapfrog.openstack.toolbox, after building a toolbox).
    /// </summary>
    public bool ToolboxOnly { get; init; }

    /// <summary>Preflight: the pre-check also wants the release's status tool, which <see cref="HopRunner.UpgradeCheckAsync"/> runs after it.</summary>
    public bool UpgradeCheck { get; init; }

    /// <summary>Values that must never appear in output (passwords, keys, passphrases).</summary>
    public IReadOnlyList<string> Secrets { get; init; } = [];

    /// <summary>Who runs this (user@host), for the lock.</summary>
    public string Owner { get; init; } = $"{Environment.UserName}@{Environment.MachineName}";

    /// <summary>
    /// True when from and to are the same release: the hop only finishes that release's online data migrations (before the
    /// first real hop; the module allows it with phases [data] only).
    /// </summary>
    public bool FinishesData => From.Order == To.Order;

    /// <summary>The hop's name, e.g. <c>victoria -> wallaby</c>, or <c>victoria (finishing its data migrations)</c>.</summary>
    public string Name => FinishesData ? $"{From.Id} (finishing its data migrations)" : $"{From.Id} -> {To.Id}";
}
