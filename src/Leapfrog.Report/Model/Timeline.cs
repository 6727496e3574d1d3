namespace Leapfrog.Report.Model;

/// <summary>Every step on one time axis: one lane per service and hop, and per nova cell.</summary>
internal sealed record Timeline
{
    /// <summary>Time zero of the axis (UTC, ISO 8601); null when nothing ran.</summary>
    public string? Origin { get; init; }

    public double SpanS { get; init; }

    /// <summary>True when every step's start was recorded; false when some were laid end to end from the hop's start.</summary>
    public bool ExactStarts { get; init; }

    public List<Lane> Lanes { get; init; } = [];
}

/// <summary>One row of the chart.</summary>
internal sealed record Lane
{
    public required string Label { get; init; }

    public required string Hop { get; init; }

    public required string Service { get; init; }

    public string? Cell { get; init; }

    public double StartS { get; init; }

    public double? EndS { get; init; }

    public required string Outcome { get; init; }

    public List<Bar> Bars { get; init; } = [];
}

/// <summary>One step on the axis.</summary>
/// <param name="Order">Position in the recorded order (state files read in order, steps as recorded).</param>
/// <param name="Step">kind:name.</param>
/// <param name="Outcome">As recorded.</param>
/// <param name="StartS">Seconds from the axis origin.</param>
/// <param name="DurationS">Recorded seconds: the bar's length.</param>
/// <param name="Rc">Exit code.</param>
internal sealed record Bar(int Order, string Step, string Outcome, double StartS, double DurationS, int? Rc);

/// <summary>The rehearsal's predicted window beside the actual one.</summary>
internal sealed record RehearsalComparison
{
    public required string File { get; init; }

    public double? PredictedWindowS { get; init; }

    public double? ActualWindowS { get; init; }

    public List<PredictedHop> Hops { get; init; } = [];
}

/// <summary>Predicted and actual seconds of one service's hop.</summary>
internal sealed record PredictedHop(string From, string To, string Service, double? PredictedS, double? ActualS);
