using Leapfrog.Core.Catalog;
using Leapfrog.Core.Outcomes;

namespace Leapfrog.Engine;

/// <summary>What one catalog step did in this module run, as the module returns it.</summary>
public sealed record StepReport
{
    /// <summary>Step name.</summary>
    public required string Name { get; init; }

    /// <summary>What the step is for (probe, schema, data or verify).</summary>
    public required StepKind Kind { get; init; }

    /// <summary>The command line run on the controller (secrets removed).</summary>
    public required string Command { get; init; }

    /// <summary>Exit code of the last run; null when nothing ran or the run was lost.</summary>
    public int? Rc { get; init; }

    /// <summary>What <see cref="Rc"/> means for this command in this release.</summary>
    public ExitMeaning? Meaning { get; init; }

    /// <summary>How it ended in this module run.</summary>
    public required StepOutcome Outcome { get; init; }

    /// <summary>Last lines of stdout (secrets removed).</summary>
    public string Stdout { get; init; } = "";

    /// <summary>Last lines of stderr (secrets removed).</summary>
    public string Stderr { get; init; } = "";

    /// <summary>
    /// For a run that failed: the tool's own error line (a traceback's exception line or its last CRITICAL/ERROR log
    /// line, from either stream; never interpreter teardown noise), else its last line of output; secrets removed.
    /// </summary>
    public string? Error { get; init; }

    /// <summary>When this module run started the step (UTC, ISO 8601); null when it did not run.</summary>
    public string? Started { get; init; }

    /// <summary>Seconds its runs took in this module run.</summary>
    public double DurationS { get; init; }

    /// <summary>Runs started in this module run (attempts, or batches for data migrations).</summary>
    public int Attempts { get; init; }

    /// <summary>True when this module run re-attached to a run started earlier.</summary>
    public bool Resumed { get; init; }
}
