namespace Leapfrog.Real.Tests.Support;

/// <summary>What a release's own check said about a database, judged by the tests (not by our code).</summary>
/// <param name="Check">The check, e.g. <c>keystone-manage db_sync --check</c>.</param>
/// <param name="Ok">Whether the release's tool calls the database up to date.</param>
/// <param name="Detail">rc, output or version compared with the heads, for the log.</param>
public sealed record Verdict(string Check, bool Ok, string Detail)
{
    /// <summary>A check whose verdict is its exit code 0.</summary>
    public static Verdict ExitZero(ToolRun run) =>
        new(string.Join(' ', run.Argv.Where(a => !a.StartsWith('/') && a != "--config-file")), run.ExitCode == 0,
            $"rc {run.ExitCode}{(run.ExitCode == 0 ? "" : ": " + run.StderrTail)}");

    /// <summary>A `db version` run whose last line must be one of <paramref name="heads"/>.</summary>
    public static Verdict AtHeads(ToolRun run, IReadOnlySet<string> heads) =>
        new(string.Join(' ', run.Argv.Where(a => !a.StartsWith('/') && a != "--config-file")), run.ExitCode == 0 && heads.Contains(run.LastLine),
            $"rc {run.ExitCode}, version {run.LastLine}, heads shipped by the release: {string.Join(", ", heads)}");
}
