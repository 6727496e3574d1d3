using Leapfrog.Real.Tests.Support;
using Leapfrog.Real.Tests.Support.Deployments;
using Leapfrog.Testing;

namespace Leapfrog.Real.Tests;

[Trait("tier", "real")]
public sealed class SshCutRealTests(ITestOutputHelper log)
{
    [Fact]
    public async Task A_keystone_hop_whose_ssh_connection_is_cut_mid_expand_picks_the_step_up_again_and_runs_each_step_once()
    {
        var cloud = RealCloud.Shared;
        var keystone = new KeystoneDeployment(cloud, log, "cut_");
        keystone.Create();
        var chain = keystone.Chain();
        var zed = Suite.Bookworm;
        var mark = Witness.Runs(zed, keystone.ConfigFile).Count;
        var argsName = $"cut-keystone-{Environment.ProcessId}";
        var stateDir = Path.Combine(cloud.Root, "state", "cut_keystone"); // not the keystone chain's: that test runs beside this one

        // zed's keystone-manage db_sync --expand on this database waits 20 s before it starts (after the witness logged it).
        using (Witness.Hold(zed, 20, keystone.ConfigFile, "--expand"))
        {
            var hop = Task.Run(() => HopModule.Run(cloud, log, "keystone", "victoria", "zed", zed, keystone.ConfigFile, stateDir,
                allowUnsupported: true, argsName: argsName));
            var until = DateTime.UtcNow.AddMinutes(10);
            while (!Witness.Runs(zed, keystone.ConfigFile).Skip(mark).Any(r => r.Contains("--expand", StringComparison.Ordinal)))
            {
                Assert.True(DateTime.UtcNow < until && !hop.IsCompleted, "zed's expand never started");
                await Task.Delay(100);
            }

            // Cut this hop module's SSH connection only (other tests' modules share the sshd): as a network drop would.
            var killed = SshCut.ConnectionsOf(cloud.Ssh.Port, pid => SshCut.CommandLine(pid).Contains($"/{argsName}-", StringComparison.Ordinal));
            log.WriteLine($"cut the hop module's connection mid-expand: killed sshd pids {string.Join(", ", killed)}");
            var (result, _) = await hop;

            Assert.NotEmpty(killed);
            Assert.False(result["failed"]!.GetValue<bool>(), $"{result["msg"]}");
            Assert.True(result["changed"]!.GetValue<bool>());
        }

        // zed's own check says the database is current; zed's witness says every step that changes it ran once.
        chain.AssertCurrent(zed, "after victoria -> zed with a cut connection");
        chain.AssertRanOnce(zed, mark, "victoria -> zed (connection cut mid-expand)");
        Assert.Single(Witness.Runs(zed, keystone.ConfigFile).Skip(mark), r => r.Contains("--expand", StringComparison.Ordinal));
    }
}
