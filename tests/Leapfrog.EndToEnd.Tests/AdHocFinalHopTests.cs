namespace Leapfrog.EndToEnd.Tests;

/// <summary>ansible/playbooks/hop.yml on the last hop of a chain run by hand: -e final_hop=true runs the final-hop steps.</summary>
public sealed class AdHocFinalHopTests
{
    [Fact]
    public void An_ad_hoc_hop_runs_cinders_bump_versions_only_when_told_it_is_the_final_hop()
    {
        using var box = Sandbox.Up("victoria wallaby xena", "cinder");
        var witness = box.Witness;

        var mark = witness.Mark();
        var first = Playbook.Run(box, "hop.yml", "-e", "service=cinder", "-e", "from_release=victoria", "-e", "to_release=wallaby",
            "-e", "leapfrog_backup=false");
        Assert.True(first.ExitCode == 0, first.ToString());
        // The fake cinder-manage logs each sync it receives: a plain one, and no --bump-versions on a hop not said final.
        Assert.Equal(["cinder-manage wallaby db sync"], witness.Changes(mark).Where(c => c.Contains("db sync", StringComparison.Ordinal)));

        mark = witness.Mark();
        var last = Playbook.Run(box, "hop.yml", "-e", "service=cinder", "-e", "from_release=wallaby", "-e", "to_release=xena",
            "-e", "leapfrog_backup=false", "-e", "final_hop=true");
        Assert.True(last.ExitCode == 0, last.ToString());
        Assert.Equal(["cinder-manage xena db sync", "cinder-manage xena db sync --bump-versions"],
            witness.Changes(mark).Where(c => c.Contains("db sync", StringComparison.Ordinal)));
        Assert.Equal("xena", box.ReleaseOf("cinder"));
    }
}
