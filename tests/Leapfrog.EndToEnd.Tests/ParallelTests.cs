namespace Leapfrog.EndToEnd.Tests;

public sealed class ParallelTests(ITestOutputHelper output)
{
    private const string Services = "keystone glance cinder placement nova";

    [Fact]
    public void Parallel_hops_reach_the_same_end_state_as_serial_ones_and_nova_waits_for_placement()
    {
        using var serialBox = Sandbox.Up("victoria wallaby xena", Services);
        using var parallelBox = Sandbox.Up("victoria wallaby xena", Services);

        var serial = Playbook.Run(serialBox, "leapfrog.yml", "-e", "leapfrog_preflight=false");
        var parallel = Playbook.Run(parallelBox, "leapfrog.yml", "-e", "leapfrog_preflight=false", "-e", "leapfrog_parallel=true");
        output.WriteLine($"2 hops x 5 services: serial {serial.Elapsed.TotalSeconds:0.0} s, parallel {parallel.Elapsed.TotalSeconds:0.0} s");
        Assert.True(serial.ExitCode == 0, serial.ToString());
        Assert.True(parallel.ExitCode == 0, parallel.ToString());

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

        var placement = RealHops(parallelBox, "placement");
        var nova = RealHops(parallelBox, "nova");
        for (var i = 0; i < 2; i++)
        {
            Assert.True(nova[i].Started >= placement[i].Finished, $"hop {i + 1}: nova started {nova[i].Started:O} before placement finished {placement[i].Finished:O}");
        }

        var again = Playbook.Run(parallelBox, "leapfrog.yml", "-e", "leapfrog_preflight=false", "-e", "leapfrog_parallel=true");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(0, again.RecapChanged);
    }

    [Fact]
    public void Four_services_with_slow_steps_finish_a_parallel_hop_within_1_4_times_the_slowest_one()
    {
        const string four = "keystone glance cinder placement";
        using var serialBox = Sandbox.Up("victoria wallaby", four, "slow_step=*", "slow_seconds=2");
        using var parallelBox = Sandbox.Up("victoria wallaby", four, "slow_step=*", "slow_seconds=2");

        var serial = Playbook.Run(serialBox, "leapfrog.yml", "-e", "leapfrog_preflight=false", "-e", "leapfrog_backup=false");
        var parallel = Playbook.Run(parallelBox, "leapfrog.yml", "-e", "leapfrog_preflight=false", "-e", "leapfrog_backup=false", "-e", "leapfrog_parallel=true");
        Assert.True(serial.ExitCode == 0, serial.ToString());
        Assert.True(parallel.ExitCode == 0, parallel.ToString());

        var single = four.Split(' ').ToDictionary(s => s, s => RealHops(serialBox, s)[0] is var h ? (h.Finished!.Value - h.Started).TotalSeconds : 0);
        var slowest = single.Values.Max();
        var serialSum = single.Values.Sum();
        var hops = four.Split(' ').Select(s => RealHops(parallelBox, s)[0]).ToList();
        var wall = (hops.Max(h => h.Finished!.Value) - hops.Min(h => h.Started)).TotalSeconds;
        output.WriteLine($"one hop, 4 services, every step +2 s: single services {string.Join(", ", single.Select(p => $"{p.Key} {p.Value:0.0} s"))}");
        output.WriteLine($"serial hop {serialSum:0.0} s (playbook {serial.Elapsed.TotalSeconds:0.0} s); parallel hop {wall:0.0} s (playbook {parallel.Elapsed.TotalSeconds:0.0} s); ratio to slowest {wall / slowest:0.00}");
        Assert.True(wall <= 1.4 * slowest, $"parallel hop took {wall:0.0} s, slowest single service {slowest:0.0} s");
    }

    /// <summary>The hops of <paramref name="service"/> from one release to the next (not the start release's own data migrations).</summary>
    private static List<(string From, string To, string Outcome, DateTimeOffset Started, DateTimeOffset? Finished)> RealHops(Sandbox box, string service) =>
        [.. box.Hops(service).Where(h => h.From != h.To)];
}
