namespace Leapfrog.Remote;

/// <summary>How a script ended: its exit code (128 + signal number when killed by a signal) and its output.</summary>
/// <param name="ExitCode">Exit status of the script.</param>
/// <param name="Stdout">Everything it wrote to standard output.</param>
/// <param name="Stderr">Everything it wrote to standard error.</param>
public sealed record ShellResult(int ExitCode, string Stdout, string Stderr);
