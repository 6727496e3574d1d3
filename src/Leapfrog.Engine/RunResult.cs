namespace Leapfrog.Engine;

/// <summary>How one detached run of a step ended.</summary>
/// <param name="Run">Run number within the step (attempt, or batch for data migrations).</param>
/// <param name="Rc">Exit code; null when the run was lost (its process vanished without an exit status).</param>
/// <param name="Stdout">Last part of its stdout.</param>
/// <param name="Stderr">Last part of its stderr.</param>
/// <param name="DurationS">Seconds it ran, from the controller's clock.</param>
/// <param name="TimedOut">It was killed for running past the step timeout.</param>
public sealed record RunResult(int Run, int? Rc, string Stdout, string Stderr, double DurationS, bool TimedOut);
