using Leapfrog.Core.Outcomes;
using Leapfrog.Core.Toolboxes;

namespace Leapfrog.Engine;

/// <summary>The result of one hop for one service.</summary>
public sealed record HopOutcome
{
    /// <summary>Something changed (or, in check mode, would change).</summary>
    public bool Changed { get; init; }

    /// <summary>The hop failed; <see cref="Message"/> says why and how to resume.</summary>
    public bool Failed { get; init; }

    /// <summary>One-line summary.</summary>
    public required string Message { get; init; }

    /// <summary>The state file said this hop was done already; nothing ran.</summary>
    public bool AlreadyDone { get; init; }

    /// <summary>
    /// True when every database of the service records the heads the target toolbox ships (<see cref="SchemaAfter"/>)
    /// and the release's own check, where the catalog has one, passed; false when not; null when nothing was checked
    /// (a finished hop run again).
    /// </summary>
    public bool? Verified { get; init; }

    /// <summary>The version the target toolbox's tools reported before the hop (null when not checked).</summary>
    public string? ToolboxVersion { get; init; }

    /// <summary>The probe's answer before the hop (rc and meaning).</summary>
    public StepReport? Probe { get; init; }

    /// <summary>Each database before the hop: the revision it records and the heads the target toolbox ships.</summary>
    public IReadOnlyList<DatabaseRevision> SchemaBefore { get; init; } = [];

    /// <summary>Each database after the hop, judged against the heads the target toolbox ships.</summary>
    public IReadOnlyList<DatabaseRevision> SchemaAfter { get; init; } = [];

    /// <summary>Each check of the release's own <c>*-status upgrade check</c>, when the verification is one.</summary>
    public IReadOnlyList<UpgradeCheck> UpgradeChecks { get; init; } = [];

    /// <summary>Each online data migration as the tool's tables reported it, summed over this run's batches.</summary>
    public IReadOnlyList<MigrationProgress> DataMigrations { get; init; } = [];

    /// <summary>Online data migration batches run in this module run, and how they ended.</summary>
    public int DataBatches { get; init; }

    /// <summary>How the online data migrations ended. A stuck data step is failed.</summary>
    public DataOutcome DataOutcome { get; init; } = DataOutcome.None;

    /// <summary>Every step, in order.</summary>
    public IReadOnlyList<StepReport> Steps { get; init; } = [];

    /// <summary>Every cell the service's own tool listed (nova's cells v2), with its steps and verdict; empty for a service without cells.</summary>
    public IReadOnlyList<CellReport> Cells { get; init; } = [];

    /// <summary>The toolbox the hop used, its path resolved on the controller (<see cref="InstalledToolbox"/>).</summary>
    public Toolbox? Toolbox { get; init; }

    /// <summary>Known blockers the pre-check found or could not check (none found: empty).</summary>
    public IReadOnlyList<BlockerReport> Blockers { get; init; } = [];

    /// <summary>The registry after the jump (final hop only): the service rows judged by the target release; null when not read.</summary>
    public RegistryReport? Registry { get; init; }

    /// <summary>Warnings for the operator.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The hop run's id (its directory under the state directory).</summary>
    public string? RunId { get; init; }

    /// <summary>The state file on the controller.</summary>
    public required string StateFile { get; init; }

    /// <summary>Commands sent to the controller (benchmark figure).</summary>
    public int ControllerCalls { get; init; }

    /// <summary>Times the connection dropped and was re-established.</summary>
    public int Reconnects { get; init; }
}
