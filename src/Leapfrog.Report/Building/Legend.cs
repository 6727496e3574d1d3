using Leapfrog.Report.Model;

namespace Leapfrog.Report.Building;

/// <summary>The outcomes the hop module records, their colour in the chart, and what each means.</summary>
internal static class Legend
{
    public static readonly IReadOnlyList<LegendEntry> Entries =
    [
        new("ok", "#2e7d32", "ran and its tool said it succeeded (exit code meant done)"),
        new("done_earlier", "#81c784", "finished by an earlier run of the same hop; not run again"),
        new("pending", "#8d6e63", "a probe found work to do (its exit code says so; not a failure)"),
        new("skipped", "#9e9e9e", "not needed: the probe or an earlier step said there was nothing to do"),
        new("running", "#1565c0", "still running when the report was written"),
        new("would_run", "#64b5f6", "check mode: would run"),
        new("interrupted", "#ef6c00", "stopped before it ended (connection lost or run stopped); the rerun resumes it"),
        new("timeout", "#d84315", "ran past the step timeout and was stopped"),
        new("stuck", "#c62828", "data migrations made no progress over several batches"),
        new("gave_up", "#b71c1c", "retried the allowed number of times, then gave up"),
        new("failed", "#c62828", "its tool exited with a code that means failure"),
        new("unknown", "#6d4c41", "an outcome this report does not know"),
    ];

    public static string Colour(string outcome) =>
        Entries.FirstOrDefault(e => e.Outcome == outcome)?.Colour ?? outcome switch
        {
            "done" => "#2e7d32",
            _ => "#6d4c41",
        };

    /// <summary>The words for a hop's outcome.</summary>
    public static string Hop(string outcome) => outcome switch
    {
        "done" => "done",
        "failed" => "FAILED",
        "running" => "still running",
        _ => outcome,
    };
}
