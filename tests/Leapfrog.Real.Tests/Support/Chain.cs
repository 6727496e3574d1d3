using System.Diagnostics;
using System.Text.Json.Nodes;
using Leapfrog.Core.Planning;
using Leapfrog.Core.Releases;

namespace Leapfrog.Real.Tests.Support;

/// <summary>
/// One service database walked through real releases by the hop module. After each hop: the release's
/// own checks are run by the test and logged, and the same hop run again must change and run nothing.
/// </summary>
public sealed class Chain
{
    private readonly RealCloud _cloud;
    private readonly ITestOutputHelper _log;
    private readonly Func<Suite, IReadOnlyList<Verdict>> _check;
    private readonly Func<Suite, IReadOnlyDictionary<string, IReadOnlyList<string>>> _versions;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <param name="cloud">The controller.</param>
    /// <param name="log">Test output.</param>
    /// <param name="service">The service.</param>
    /// <param name="configFile">Its config file, visible inside every chroot.</param>
    /// <param name="check">The release's own checks for a database at that suite's release.</param>
    /// <param name="versions">Per database, the revision the release's own tools (or its version table) say it is at.</param>
    public Chain(RealCloud cloud, ITestOutputHelper log, string service, string configFile, Func<Suite, IReadOnlyList<Verdict>> check,
        Func<Suite, IReadOnlyDictionary<string, IReadOnlyList<string>>> versions)
    {
        _cloud = cloud;
        _log = log;
        _check = check;
        _versions = versions;
        Service = service;
        ConfigFile = configFile;
        StateDir = Path.Combine(cloud.Root, "state", service);
    }

    public string Service { get; }

    public string ConfigFile { get; }

    public string StateDir { get; }

    /// <summary>Runs the release's own checks and fails unless every one says the database is up to date.</summary>
    public void AssertCurrent(Suite suite, string when)
    {
        foreach (var v in _check(suite))
        {
            _log.WriteLine($"verdict {when}: [{suite}] {v.Check}: {(v.Ok ? "UP TO DATE" : "NOT UP TO DATE")} ({v.Detail})");
            Assert.True(v.Ok, $"{Service} at {suite.ReleaseOf(Service)} {when}: {v.Check}: {v.Detail}");
        }
    }

    /// <summary>
    /// Walks the database through <paramref name="suites"/> (oldest first; the first made it): one hop per suite, to
    /// the release its tools really are, allowing the hops upstream does not support. A suite that does not carry
    /// the service fails the test (the chain would silently lose a hop otherwise).
    /// </summary>
    /// <returns>The hops made, as "from -> to" releases.</returns>
    public IReadOnlyList<string> Walk(params Suite[] suites)
    {
        var made = new List<string>();
        var at = suites[0];
        foreach (var next in suites.Skip(1))
        {
            Assert.True(next.ReleaseOf(Service) is not null,
                $"{next} no longer carries {Service}: the chain would end at {at.ReleaseOf(Service)} instead of hopping on (hops so far: {string.Join(", ", made)})");
            Hop(at, next);
            made.Add($"{at.ReleaseOf(Service)} -> {next.ReleaseOf(Service)}");
            at = next;
        }

        return made;
    }

    /// <summary>Hops from <paramref name="from"/>'s release to <paramref name="to"/>'s with <paramref name="to"/>'s tools, checks, and reruns.</summary>
    public JsonObject Hop(Suite from, Suite to)
    {
        var fromRelease = from.ReleaseOf(Service)!;
        var toRelease = to.ReleaseOf(Service)!;
        var releases = ReleaseCatalog.Default;
        var allowUnsupported = !new Planner(releases).IsSupported(releases.Find(fromRelease, "from"), releases.Find(toRelease, "to"));
        if (toRelease != releases.Find(to.Release, "suite").Id)
        {
            _log.WriteLine($"note: {to} carries {Service} of {toRelease}, not {to.Release}: hopping to {toRelease}");
        }

        var mark = Witness.Runs(to, ConfigFile).Count;
        var (result, seconds) = HopModule.Run(_cloud, _log, Service, fromRelease, toRelease, to, ConfigFile, StateDir, allowUnsupported);
        Assert.False(result["failed"]!.GetValue<bool>(), $"{Service} {fromRelease} -> {toRelease}: {result["msg"]}");
        Assert.True(result["changed"]!.GetValue<bool>());
        var steps = result["steps"]!.AsArray().Select(n => n!.AsObject()).ToList();
        var ran = steps.Where(st => st["outcome"]!.GetValue<string>() != "skipped").ToList();
        Assert.NotEmpty(ran);
        Assert.All(ran, st => Assert.NotNull(st["rc"]));
        Assert.All(ran, st => Assert.True(st["duration_s"]!.GetValue<double>() > 0));
        Assert.True(result["verified"]!.GetValue<bool>(), $"{Service} {fromRelease} -> {toRelease} not verified: {result["msg"]}");
        AssertSchemaAfter(to, result);

        // Every cell the release's own list_cells named was run or is covered by the service's own steps (nova).
        Assert.All(result["cells"]!.AsArray(), c => Assert.Contains(c!["outcome"]!.GetValue<string>(), new[] { "done", "skipped" }));
        AssertCurrent(to, $"after {fromRelease} -> {toRelease}");
        AssertRanOnce(to, mark, $"{fromRelease} -> {toRelease}");

        var beforeAgain = Witness.Runs(to, ConfigFile).Count;
        var (again, _) = HopModule.Run(_cloud, _log, Service, fromRelease, toRelease, to, ConfigFile, StateDir, allowUnsupported);
        Assert.False(again["failed"]!.GetValue<bool>(), $"rerun: {again["msg"]}");
        Assert.False(again["changed"]!.GetValue<bool>());
        Assert.True(again["already_done"]!.GetValue<bool>());
        Assert.Empty(again["steps"]!.AsArray());
        Assert.Equal(beforeAgain, Witness.Runs(to, ConfigFile).Count); // from the chroot's witness: the rerun ran no tool on this database
        Assert.Empty(again["cells"]!.AsArray());
        _log.WriteLine($"timing: {Service} {fromRelease} -> {toRelease}: hop {seconds:0.0}s; chain so far {_clock.Elapsed.TotalSeconds:0}s");
        return result;
    }

    /// <summary>
    /// From <paramref name="suite"/>'s witness log (the tools' side): the hop's tools ran on this database after
    /// <paramref name="mark"/> (its probe at least: a hop with nothing pending changes nothing), and each run that
    /// changes it ran exactly once (online data migration batches aside).
    /// </summary>
    public void AssertRanOnce(Suite suite, int mark, string hop)
    {
        var runs = Witness.Runs(suite, ConfigFile).Skip(mark).ToList();
        foreach (var run in runs)
        {
            _log.WriteLine($"  witness [{suite.Name}]: {run}");
        }

        Assert.True(runs.Count > 0, $"{Service} {hop}: the witness in {suite} saw no tool run on this database");
        var changes = runs.Where(Witness.Changes).ToList();
        Assert.Empty(changes.Where(r => !Witness.IsBatch(r)).GroupBy(r => r).Where(g => g.Count() != 1).Select(g => $"{Service} {hop}: {g.Key} ran {g.Count()} times"));
    }

    /// <summary>
    /// The hop's schema verdict: every database at the shipped heads, and each revision it reports equal to what the
    /// release's own `db version` command (or the database's version table) says.
    /// </summary>
    private void AssertSchemaAfter(Suite to, JsonObject result)
    {
        var after = result["schema_after"]!.AsArray().Select(n => n!.AsObject()).ToList();
        Assert.NotEmpty(after);
        foreach (var d in after)
        {
            _log.WriteLine($"  schema_after: {d.ToJsonString()}");
            Assert.True(d["at_head"]!.GetValue<bool>(), d.ToJsonString());
        }

        foreach (var (database, version) in _versions(to))
        {
            var entry = after.SingleOrDefault(d => d["database"]!.GetValue<string>() == database);
            Assert.True(entry is not null, $"schema_after has no {database}: {result["schema_after"]!.ToJsonString()}");
            Assert.Equal(version.Order(StringComparer.Ordinal), entry!["revision"]!.AsArray().Select(r => r!.GetValue<string>()).Order(StringComparer.Ordinal));
        }
    }
}
