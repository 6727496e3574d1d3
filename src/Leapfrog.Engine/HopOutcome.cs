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

    /// <summary>True when the target release's own check passed; null when there is none or it did not run.</summary>
    public bool? Verified { get; init; }

    /// <summary>The probe's answer before the hop (rc and meaning).</summary>
    public StepReport? SchemaBefore { get; init; }

    /// <summary>The verification's answer after the hop.</summary>
    public StepReport? SchemaAfter { get; init; }

    /// <summary>Online data migration batches run in this module run, and how they ended.</summary>
    public int DataBatches { get; init; }

    /// <summary>done, failed, not_run or none (the release has no data migrations).</summary>
    public string DataOutcome { get; init; } = "none";

    /// <summary>Every step, in order.</summary>
    public IReadOnlyList<StepReport> Steps { get; init; } = [];

    /// <summary>Every cell the service's own tool listed (nova's cells v2), with its steps and verdict; empty for a service without cells.</summary>
    public IReadOnlyList<CellReport> Cells { get; init; } = [];

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
