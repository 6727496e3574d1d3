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
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <param name="cloud">The controller.</param>
    /// <param name="log">Test output.</param>
    /// <param name="service">The service.</param>
    /// <param name="configFile">Its config file, visible inside every chroot.</param>
    /// <param name="check">The release's own checks for a database at that suite's release.</param>
    public Chain(RealCloud cloud, ITestOutputHelper log, string service, string configFile, Func<Suite, IReadOnlyList<Verdict>> check)
    {
        _cloud = cloud;
        _log = log;
        _check = check;
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
    /// Walks the database through <paramref name="suites"/> (oldest first; the first made it): one hop per suite
    /// that carries the service, to the release its tools really are, allowing the hops upstream does not support.
    /// </summary>
    public void Walk(params Suite[] suites)
    {
        var at = suites[0];
        foreach (var next in suites.Skip(1).Where(s => s.ReleaseOf(Service) is not null))
        {
            Hop(at, next);
            at = next;
        }
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

        var (result, seconds) = HopModule.Run(_cloud, _log, Service, fromRelease, toRelease, to, ConfigFile, StateDir, allowUnsupported);
        Assert.False(result["failed"]!.GetValue<bool>(), $"{Service} {fromRelease} -> {toRelease}: {result["msg"]}");
        Assert.True(result["changed"]!.GetValue<bool>());
        var steps = result["steps"]!.AsArray().Select(n => n!.AsObject()).ToList();
        var ran = steps.Where(st => st["outcome"]!.GetValue<string>() != "skipped").ToList();
        Assert.NotEmpty(ran);
        Assert.All(ran, st => Assert.NotNull(st["rc"]));
        Assert.All(ran, st => Assert.True(st["duration_s"]!.GetValue<double>() > 0));
        if (ran.Any(st => st["kind"]!.GetValue<string>() == "verify"))
        {
            Assert.True(result["verified"]!.GetValue<bool>());
        }
        else
        {
            // The catalog has no verify step for this service (nova): our own checks below are the verdict.
            Assert.Null(result["verified"]);
        }

        // Every cell the release's own list_cells named was run or is covered by the service's own steps (nova).
        Assert.All(result["cells"]!.AsArray(), c => Assert.Contains(c!["outcome"]!.GetValue<string>(), new[] { "done", "skipped" }));
        AssertCurrent(to, $"after {fromRelease} -> {toRelease}");

        var (again, _) = HopModule.Run(_cloud, _log, Service, fromRelease, toRelease, to, ConfigFile, StateDir, allowUnsupported);
        Assert.False(again["failed"]!.GetValue<bool>(), $"rerun: {again["msg"]}");
        Assert.False(again["changed"]!.GetValue<bool>());
        Assert.True(again["already_done"]!.GetValue<bool>());
        Assert.Empty(again["steps"]!.AsArray());
        Assert.Empty(again["cells"]!.AsArray());
        _log.WriteLine($"timing: {Service} {fromRelease} -> {toRelease}: hop {seconds:0.0}s; chain so far {_clock.Elapsed.TotalSeconds:0}s");
        return result;
    }
}
