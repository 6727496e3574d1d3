using Leapfrog.Testing;

namespace Leapfrog.EndToEnd.Tests;

public sealed class SshCutTests(ITestOutputHelper output)
{
    [Fact]
    public async Task An_ssh_connection_cut_mid_step_is_picked_up_again_and_every_step_runs_exactly_once()
    {
        using var box = Sandbox.Up("victoria wallaby", "keystone", "slow_step=migrate", "slow_seconds=8");
        var start = box.Witness.Mark();
        var playbook = Task.Run(() => Playbook.Run(box, "leapfrog.yml", "-e", "leapfrog_preflight=false", "-e", "leapfrog_backup=false"));

        // The tools' own log says when the step started; the tool then sleeps 8 s before it changes anything.
        var until = DateTime.UtcNow.AddMinutes(5);
        while (!box.Witness.Since(start).Any(e => e.Tool == "keystone-manage" && e.Step == "db_sync --migrate"))
        {
            Assert.True(DateTime.UtcNow < until && !playbook.IsCompleted, "keystone's migrate never started");
            await Task.Delay(100);
        }

        // Cut the hop module's own SSH connection (not Ansible's ssh): its sshd processes are killed, as by a network drop.
        // Ansible runs a binary module as AnsiballZ_<name>.
        var killed = SshCut.ConnectionsOf(box.SshPort, pid => SshProcess.CommOf(pid) == "AnsiballZ_hop");
        output.WriteLine($"cut the hop module's connection: killed sshd pids {string.Join(", ", killed)}");
        var run = await playbook;

        Assert.NotEmpty(killed);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("wallaby", box.ReleaseOf("keystone"));
        // From the tools' own log: the step in flight was picked up again, not started again; nothing ran twice.
        Assert.Equal(["keystone-manage wallaby db_sync --expand", "keystone-manage wallaby db_sync --migrate", "keystone-manage wallaby db_sync --contract"],
            box.Witness.Changes(start));
        Assert.Contains("keystone\twallaby\tcontracted", box.Schema("keystone"), StringComparison.Ordinal);

        var mark = box.Witness.Mark();
        var again = Playbook.Run(box, "leapfrog.yml", "-e", "leapfrog_preflight=false", "-e", "leapfrog_backup=false");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Empty(box.Witness.Since(mark)); // the rerun runs no tool at all
    }
}
