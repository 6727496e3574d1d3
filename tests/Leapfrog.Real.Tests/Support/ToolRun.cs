namespace Leapfrog.Real.Tests.Support;

/// <summary>One run of a release's own tool inside its chroot, made by the tests themselves (not by our code).</summary>
/// <param name="Suite">The chroot.</param>
/// <param name="Argv">The tool and its arguments.</param>
/// <param name="ExitCode">Its exit code.</param>
/// <param name="Stdout">Its stdout.</param>
/// <param name="Stderr">Its stderr.</param>
/// <param name="Seconds">How long it ran.</param>
public sealed record ToolRun(Suite Suite, IReadOnlyList<string> Argv, int ExitCode, string Stdout, string Stderr, double Seconds)
{
    /// <summary>The last non-empty stdout line (where the manage tools print versions).</summary>
    public string LastLine => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";

    /// <summary>The tail of stderr, for failure messages.</summary>
    public string StderrTail => Stderr.Length <= 1500 ? Stderr : Stderr[^1500..];

    public override string ToString() => $"[{Suite.Name}/{Suite.Release}] {string.Join(' ', Argv)} -> rc {ExitCode} ({Seconds:0.0}s)";
}
