namespace Leapfrog.EndToEnd.Tests;

public sealed class RunFromControllerTests(ITestOutputHelper output)
{
    [Fact]
    public void On_the_controller_each_hop_is_one_async_job_that_the_role_waits_for()
    {
        using var box = Sandbox.Up("victoria wallaby xena", "keystone glance");

        // leapfrog_run_from=controller: Ansible's own connection runs the hop module on the controller, so each hop's
        // module run is started with async (it outlives a dropped connection) and waited for as one job.
        var run = Playbook.Run(box, "leapfrog.yml", "-e", "leapfrog_preflight=false", "-e", "leapfrog_backup=false", "-e", "leapfrog_run_from=controller");
        output.WriteLine($"2 hops x 2 services on the controller: {run.Elapsed.TotalSeconds:0.0} s");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.All(new[] { "keystone", "glance" }, s => Assert.Equal("xena", box.ReleaseOf(s)));
        Assert.Equal(["Wait for the hops of keystone, glance", "Wait for the hops of keystone, glance"], run.TasksWith("ok", "Wait for the hops"));
        Assert.Equal(["Hop glance victoria -> wallaby", "Hop glance wallaby -> xena", "Hop keystone victoria -> wallaby", "Hop keystone wallaby -> xena"],
            run.ChangedHops.Order(StringComparer.Ordinal));
        Assert.Empty(box.Witness.NotOnce(0)); // from the tools' own log: each schema step of each hop ran once
        // Without backups there are no manifests to copy: the report reads every input it is given.
        Assert.Contains("report: ", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("could not read", run.Output, StringComparison.Ordinal);
    }
}
