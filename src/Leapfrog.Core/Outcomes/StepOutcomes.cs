namespace Leapfrog.Core.Outcomes;

/// <summary>What a <see cref="StepOutcome"/> means for the hop.</summary>
public static class StepOutcomes
{
    /// <summary>The step's work is done: it ran and passed (<c>ok</c>) or an earlier run finished it (<c>done_earlier</c>).</summary>
    public static bool Passed(this StepOutcome outcome) => outcome is StepOutcome.Ok or StepOutcome.DoneEarlier;

    /// <summary>The step ran and did not succeed: failed, timeout, interrupted, gave_up or stuck.</summary>
    public static bool IsFailure(this StepOutcome outcome) =>
        outcome is StepOutcome.Failed or StepOutcome.Timeout or StepOutcome.Interrupted or StepOutcome.GaveUp or StepOutcome.Stuck;
}
