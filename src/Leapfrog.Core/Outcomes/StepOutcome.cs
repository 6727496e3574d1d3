using System.Text.Json.Serialization;

namespace Leapfrog.Core.Outcomes;

/// <summary>How one step ended in one module run: the hop result's <c>steps[].outcome</c> and the state file's step records.</summary>
[JsonConverter(typeof(WireEnumConverter<StepOutcome>))]
public enum StepOutcome
{
    /// <summary><c>ok</c>: ran and its tool said it succeeded (or succeeded with warnings).</summary>
    Ok,

    /// <summary><c>pending</c>: the probe ran and answered that schema work is pending.</summary>
    Pending,

    /// <summary><c>probed</c>: check mode ran the read-only probe; its rc and meaning say what it answered.</summary>
    Probed,

    /// <summary><c>skipped</c>: not needed (the probe said nothing is pending, the phases leave it out, or another hop's final step).</summary>
    Skipped,

    /// <summary><c>done_earlier</c>: an earlier module run of the same hop finished it; not run again.</summary>
    DoneEarlier,

    /// <summary><c>would_run</c>: check mode: the step would run.</summary>
    WouldRun,

    /// <summary><c>failed</c>: its tool exited with a code that means failure.</summary>
    Failed,

    /// <summary><c>timeout</c>: ran past <c>step_timeout</c> and was killed on the controller.</summary>
    Timeout,

    /// <summary><c>interrupted</c>: its process vanished without an exit status; the rerun starts it again.</summary>
    Interrupted,

    /// <summary><c>gave_up</c>: data migrations still reported more work after the allowed number of batches.</summary>
    GaveUp,

    /// <summary><c>stuck</c>: data migrations reported more work but completed nothing over several batches.</summary>
    Stuck,
}
