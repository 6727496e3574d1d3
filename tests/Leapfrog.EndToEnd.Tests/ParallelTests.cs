using System.Globalization;
using System.Text.Json;

namespace Leapfrog.EndToEnd.Tests;

public sealed class ParallelTests(ITestOutputHelper output)
{
    private const string Services = "keystone glance cinder placement nova";

    [Fact]
    public void Parallel_hops_reach_the_same_end_state_as_serial_ones_and_nova_waits_for_placement()
    {
        using var serialBox = Sandbox.Up("victoria wallaby xena", Services);
        using var parallelBox = Sandbox.Up("victoria wallaby xena", Services);

        var serial = Playbook.Run(serialBox, "leapfrog.yml", "-e", "leapfrog_preflight=false", "-e", "leapfrog_parallel=false");
        var parallel = Playbook.Run(parallelBox, "leapfrog.yml", "-e", "leapfrog_preflight=false", "-e", "leapfrog_parallel=true");
        output.WriteLine($"2 hops x 5 services: serial {serial.Elapsed.TotalSeconds:0.0} s, parallel {parallel.Elapsed.TotalSeconds:0.0} s");
        Assert.True(serial.ExitCode == 0, serial.ToString());
        Assert.True(parallel.ExitCode == 0, parallel.ToString());

        // From the tools' own logs: the same invocations that change a database, batches included, each schema
        // step once in both (the creation at victoria is the first lines of each log, the same in both).
        Assert.Empty(parallelBox.Witness.NotOnce(0));
        Assert.Equal(serialBox.Witness.Changes(0, withBatches: true).Order(StringComparer.Ordinal),
            parallelBox.Witness.Changes(0, withBatches: true).Order(StringComparer.Ordinal));
        Assert.Contains("nova-manage xena db sync", parallelBox.Witness.Changes(0));

        foreach (var s in Services.Split(' '))
        {
            Assert.Equal("xena", parallelBox.ReleaseOf(s));
            Assert.Equal(serialBox.ReleaseOf(s), parallelBox.ReleaseOf(s));
        }

        foreach (var db in new[] { "keystone", "glance", "cinder", "placement", "nova", "nova_api" })
        {
            Assert.Equal(serialBox.Schema(db), parallelBox.Schema(db));
            Assert.Equal(serialBox.Sql("SELECT column_name FROM information_schema.columns WHERE table_schema = '" + db + "' ORDER BY table_name, ordinal_position"),
                parallelBox.Sql("SELECT column_name FROM information_schema.columns WHERE table_schema = '" + db + "' ORDER BY table_name, ordinal_position"));
            Assert.Equal(serialBox.Sql("SELECT COUNT(*) FROM fake_items", db), parallelBox.Sql("SELECT COUNT(*) FROM fake_items", db));
        }

        // Serial: one service's steps at a time. From the state files' step times: in each hop, a service's first schema
        // or data step starts after the previous service's last one ended (its verification, which only reads, may run
        // beside them).
        foreach (var hop in new[] { ("victoria", "wallaby"), ("wallaby", "xena") })
        {
            var spans = Services.Split(' ').Select(s => (Service: s, Span: StepSpan(serialBox, s, hop)))
                .Where(x => x.Span is not null).OrderBy(x => x.Span!.Value.First).ToList();
            Assert.True(spans.Count >= 2, $"{hop}: fewer than two services ran steps");
            for (var i = 1; i < spans.Count; i++)
            {
                Assert.True(spans[i].Span!.Value.First >= spans[i - 1].Span!.Value.LastEnd,
                    $"{hop}: {spans[i].Service}'s steps started {spans[i].Span!.Value.First:O}, before {spans[i - 1].Service}'s ended {spans[i - 1].Span!.Value.LastEnd:O}");
            }
        }

        var placement = RealHops(parallelBox, "placement");
        var nova = RealHops(parallelBox, "nova");
        for (var i = 0; i < 2; i++)
        {
            Assert.True(nova[i].Started >= placement[i].Finished, $"hop {i + 1}: nova started {nova[i].Started:O} before placement finished {placement[i].Finished:O}");
        }

        // The tools' log agrees: no nova tool of a release started before the last placement tool of that release.
        var log = parallelBox.Witness.All;
        foreach (var release in new[] { "wallaby", "xena" })
        {
            var lastPlacement = log.Select((e, i) => (e, i)).Last(x => x.e.Tool == "placement-manage" && x.e.Release == release).i;
            var firstNova = log.Select((e, i) => (e, i)).First(x => x.e.Tool == "nova-manage" && x.e.Release == release).i;
            Assert.True(firstNova > lastPlacement, $"{release}: a nova tool ran (line {firstNova}) before placement's last one (line {lastPlacement})");
        }

        var mark = parallelBox.Witness.Mark();
        var again = Playbook.Run(parallelBox, "leapfrog.yml", "-e", "leapfrog_preflight=false", "-e", "leapfrog_parallel=true");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(0, again.RecapChanged);
        Assert.Empty(parallelBox.Witness.Since(mark)); // a rerun runs no tool at all
    }

    /// <summary>When the service's first schema or data step of the hop started, and when its last one ended (start plus its run time).</summary>
    private static (DateTimeOffset First, DateTimeOffset LastEnd)? StepSpan(Sandbox box, string service, (string From, string To) hop)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(box.StateDir, service + ".json")));
        var steps = doc.RootElement.GetProperty("hops").EnumerateArray()
            .Single(h => h.GetProperty("from").GetString() == hop.From && h.GetProperty("to").GetString() == hop.To)
            .GetProperty("steps").EnumerateArray()
            .Where(st => st.GetProperty("name").GetString()! is var n && (n.StartsWith("schema:", StringComparison.Ordinal) || n.StartsWith("data:", StringComparison.Ordinal))
                         && st.TryGetProperty("started", out var at) && at.ValueKind == JsonValueKind.String)
            .Select(st => (Start: DateTimeOffset.Parse(st.GetProperty("started").GetString()!, CultureInfo.InvariantCulture),
                           Seconds: st.GetProperty("duration_s").GetDouble()))
            .ToList();
        return steps.Count == 0 ? null : (steps.Min(x => x.Start), steps.Max(x => x.Start.AddSeconds(x.Seconds)));
    }

    /// <summary>The hops of <paramref name="service"/> from one release to the next (not the start release's own data migrations).</summary>
    private static List<(string From, string To, string Outcome, DateTimeOffset Started, DateTimeOffset? Finished)> RealHops(Sandbox box, string service) =>
        [.. box.Hops(service).Where(h => h.From != h.To)];
}
