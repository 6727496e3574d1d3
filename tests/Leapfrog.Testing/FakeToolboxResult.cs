namespace Leapfrog.Testing;

/// <summary>The outcome of one fake tool invocation.</summary>
/// <param name="ExitCode">Exit code (128 + signal when killed by a signal).</param>
/// <param name="Stdout">Everything written to stdout.</param>
/// <param name="Stderr">Everything written to stderr.</param>
/// <param name="Elapsed">Wall time from start to exit.</param>
public sealed record FakeToolboxResult(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed);
