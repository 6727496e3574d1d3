using Leapfrog.Testing;

namespace Leapfrog.EndToEnd.Tests;

/// <summary>
/// What really ran on the controller, from the sandbox's exec.log: every fake release tool appends its
/// invocation there before it does anything (scripts/sandbox passes --exec-log to each venv's tools), so the
/// count comes from the tools' side, not from the product's state files or its changed/ok status.
/// </summary>
public sealed class Witness(string path)
{
    /// <summary>Every invocation so far, oldest first.</summary>
    public IReadOnlyList<FakeToolboxLogEntry> All => FakeToolboxLogEntry.ReadAll(path);

    /// <summary>How many invocations the log holds (take it before a run, pass it to <see cref="Since"/> after).</summary>
    public int Mark() => All.Count;

    /// <summary>The invocations after <paramref name="mark"/>.</summary>
    public IReadOnlyList<FakeToolboxLogEntry> Since(int mark) => [.. All.Skip(mark)];

    /// <summary>
    /// The invocations after <paramref name="mark"/> that change a database (schema steps, cell set-up; online data
    /// migration batches too when <paramref name="withBatches"/>), as "tool release step", in the order they ran.
    /// </summary>
    public IReadOnlyList<string> Changes(int mark, bool withBatches = false) =>
        [.. Since(mark).Where(e => Changes(e) && (withBatches || !IsBatch(e))).Select(Name)];

    /// <summary>
    /// The changing steps after <paramref name="mark"/> (batches left out) that ran other than exactly once,
    /// with their counts: empty when every schema step of every hop ran once.
    /// </summary>
    public IReadOnlyList<string> NotOnce(int mark) =>
        [.. Changes(mark).GroupBy(n => n).Where(g => g.Count() != 1).Select(g => $"{g.Key} ran {g.Count()} times")];

    /// <summary>"tool release step" of an invocation.</summary>
    public static string Name(FakeToolboxLogEntry e) => $"{e.Tool} {e.Release} {e.Step}";

    /// <summary>
    /// True for an invocation that may change a database: anything but versions, checks, listings and the hop's
    /// read-only inspection (its python3 reads revisions and heads).
    /// </summary>
    public static bool Changes(FakeToolboxLogEntry e) =>
        e.Step is { } s && !s.EndsWith("version", StringComparison.Ordinal) && !s.EndsWith("check", StringComparison.Ordinal)
        && s is not ("current" or "has_offline_migrations" or "cell_v2 list_cells" or "upgrade heads" or "inspect");

    private static bool IsBatch(FakeToolboxLogEntry e) => e.Step!.EndsWith("online_data_migrations", StringComparison.Ordinal);
}
