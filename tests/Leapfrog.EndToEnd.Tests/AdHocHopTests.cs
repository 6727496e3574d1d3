namespace Leapfrog.EndToEnd.Tests;

public sealed class AdHocHopTests(ITestOutputHelper output)
{
    [Fact]
    public void The_hop_playbook_moves_one_service_one_hop_from_the_control_node_or_on_the_controller()
    {
        using var box = Sandbox.Up("victoria wallaby xena yoga", "keystone glance");

        var hop = Playbook.Run(box, "hop.yml", "-e", "service=keystone", "-e", "from_release=victoria", "-e", "to_release=wallaby");
        output.WriteLine($"ad-hoc hop: {hop.Elapsed.TotalSeconds:0.0} s");
        Assert.True(hop.ExitCode == 0, hop.ToString());
        Assert.Equal(["Hop keystone victoria -> wallaby"], hop.TasksWith("changed", "Hop "));
        Assert.Contains("changed: [sandbox-controller -> localhost]", hop.Output, StringComparison.Ordinal);
        Assert.Equal("wallaby", box.ReleaseOf("keystone"));
        Assert.Null(box.ReleaseOf("glance"));
        Assert.True(File.Exists(Path.Combine(box.BackupDir, "adhoc-victoria-to-wallaby", "keystone", "keystone.sql.gz")));

        var again = Playbook.Run(box, "hop.yml", "-e", "service=keystone", "-e", "from_release=victoria", "-e", "to_release=wallaby");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(["Hop keystone victoria -> wallaby"], again.TasksWith("ok", "Hop "));
        Assert.Equal(0, again.RecapChanged);

        // leapfrog_run_from=controller: Ansible's own connection runs the module on the controller, transport local.
        var onController = Playbook.Run(box, "hop.yml", "-e", "service=keystone", "-e", "from_release=wallaby", "-e", "to_release=xena",
            "-e", "leapfrog_run_from=controller");
        Assert.True(onController.ExitCode == 0, onController.ToString());
        Assert.Equal(["Hop keystone wallaby -> xena"], onController.TasksWith("changed", "Hop "));
        Assert.DoesNotContain("Hop keystone wallaby -> xena] ***\nchanged: [sandbox-controller -> localhost]", onController.Output, StringComparison.Ordinal);
        Assert.Equal("xena", box.ReleaseOf("keystone"));

        var tooFar = Playbook.Run(box, "hop.yml", "-e", "service=glance", "-e", "from_release=victoria", "-e", "to_release=yoga", "-e", "leapfrog_backup=false");
        Assert.NotEqual(0, tooFar.ExitCode);
        Assert.Contains("is not one supported hop", tooFar.Output, StringComparison.Ordinal);
        Assert.Null(box.ReleaseOf("glance"));

        var missing = Playbook.Run(box, "hop.yml", "-e", "service=glance");
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("give -e service=SERVICE -e from_release=RELEASE -e to_release=RELEASE", missing.Output, StringComparison.Ordinal);
    }
}
