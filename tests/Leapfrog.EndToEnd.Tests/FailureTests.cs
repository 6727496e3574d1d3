namespace Leapfrog.EndToEnd.Tests;

public sealed class FailureTests(ITestOutputHelper output)
{
    [Fact]
    public void A_failure_at_hop_2_stops_the_chain_and_the_rerun_resumes_at_hop_2()
    {
        using var box = Sandbox.Up("victoria wallaby xena yoga", "keystone glance cinder");
        box.Fault("glance", "xena", "db expand");
        var start = box.Witness.Mark();

        // Serial (forced): the chain stops at the failing service, later services of the hop never start.
        var failed = Playbook.Run(box, "leapfrog.yml", "-e", "leapfrog_preflight=false", "-e", "leapfrog_parallel=false");
        output.WriteLine($"failing run: {failed.Elapsed.TotalSeconds:0.0} s");
        Assert.NotEqual(0, failed.ExitCode);
        Assert.Contains("glance failed in hop 2/3 (wallaby -> xena)", failed.Output, StringComparison.Ordinal);
        Assert.Contains("rerun the same playbook", failed.Output, StringComparison.Ordinal);
        Assert.Equal("xena", box.ReleaseOf("keystone"));
        Assert.Equal("wallaby", box.ReleaseOf("glance"));
        Assert.Equal("failed", box.Hops("glance")[^1].Outcome);
        Assert.Equal("wallaby", box.ReleaseOf("cinder")); // after glance in catalog order: never started hop 2
        Assert.DoesNotContain("xena -> yoga", string.Join('\n', failed.TasksWith("changed", "Hop ")), StringComparison.Ordinal);

        box.Fault("glance", "xena", null);
        var resumed = Playbook.Run(box, "leapfrog.yml", "-e", "leapfrog_preflight=false", "-e", "leapfrog_parallel=false");
        output.WriteLine($"resumed run: {resumed.Elapsed.TotalSeconds:0.0} s");
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        // Hop 1, which every service has made, is not entered at all; in hop 2 keystone's finished hop reports ok.
        Assert.Equal(["Hop keystone wallaby -> xena"], resumed.TasksWith("ok", "Hop "));
        Assert.DoesNotContain("victoria -> wallaby", string.Join('\n', resumed.TasksWith("changed", "Hop ")), StringComparison.Ordinal);
        Assert.Equal(["Hop glance wallaby -> xena", "Hop cinder wallaby -> xena", "Hop keystone xena -> yoga", "Hop glance xena -> yoga", "Hop cinder xena -> yoga"],
            resumed.TasksWith("changed", "Hop "));
        Assert.Contains("resuming glance wallaby -> xena", resumed.Output, StringComparison.Ordinal);
        Assert.All(new[] { "keystone", "glance", "cinder" }, s => Assert.Equal("yoga", box.ReleaseOf(s)));

        // From the tools' own log, across the failed run and its resume: every schema step of every hop ran once,
        // but glance's xena expand, which ran twice (failed, then again on the resume).
        Assert.Equal(["glance-manage xena db expand ran 2 times"], box.Witness.NotOnce(start));
        var changes = box.Witness.Changes(start);
        Assert.All(new[] { "keystone-manage", "glance-manage", "cinder-manage" }, tool =>
            Assert.All(new[] { "wallaby", "xena", "yoga" }, r => Assert.Contains(changes, c => c.StartsWith($"{tool} {r} ", StringComparison.Ordinal))));
    }
}
