using Leapfrog.Core.Outcomes;
using Leapfrog.Report.Model;

namespace Leapfrog.Report.Building;

/// <summary>
/// The outcomes the hop module records (the engine's enums, by the names it writes), their colour in the chart, and what
/// each means. A value this version does not know is kept as written and coloured as unknown: the report never fails on it.
/// </summary>
internal static class Legend
{
    public static readonly IReadOnlyList<LegendEntry> Entries =
    [
        new(StepOutcome.Ok.Name(), "#2e7d32", "ran and its tool said it succeeded (exit code meant done)"),
        new(StepOutcome.DoneEarlier.Name(), "#81c784", "finished by an earlier run of the same hop; not run again"),
        new(StepOutcome.Pending.Name(), "#8d6e63", "a probe found work to do (its exit code says so; not a failure)"),
        new(StepOutcome.Skipped.Name(), "#9e9e9e", "not needed: the probe or an earlier step said there was nothing to do"),
        new(HopStatus.Running.Name(), "#1565c0", "still running when the report was written"),
        new(StepOutcome.WouldRun.Name(), "#64b5f6", "check mode: would run"),
        new(StepOutcome.Interrupted.Name(), "#ef6c00", "stopped before it ended (connection lost or run stopped); the rerun resumes it"),
        new(StepOutcome.Timeout.Name(), "#d84315", "ran past the step timeout and was stopped"),
        new(StepOutcome.Stuck.Name(), "#c62828", "data migrations made no progress over several batches"),
        new(StepOutcome.GaveUp.Name(), "#b71c1c", "retried the allowed number of times, then gave up"),
        new(StepOutcome.Failed.Name(), "#c62828", "its tool exited with a code that means failure"),
        new("unknown", "#6d4c41", "an outcome this report does not know"),
    ];

    public static string Colour(string outcome) =>
        Entries.FirstOrDefault(e => e.Outcome == outcome)?.Colour ?? (outcome == HopStatus.Done.Name() ? "#2e7d32" : "#6d4c41");

    /// <summary>The words for a hop's outcome.</summary>
    public static string Hop(string outcome) => Wire.TryParse<HopStatus>(outcome, out var status)
        ? status switch
        {
            HopStatus.Failed => "FAILED",
            HopStatus.Running => "still running",
            _ => outcome,
        }
        : outcome;
}
