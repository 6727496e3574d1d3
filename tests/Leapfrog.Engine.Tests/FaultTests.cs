using Leapfrog.Core.Catalog;
using Leapfrog.Core.Outcomes;
using Leapfrog.Testing;

namespace Leapfrog.Engine.Tests;

/// <summary>Faults injected on purpose: each ends in a clear state, a resumable rerun, and no step applied twice.</summary>
[Collection("controller")]
public sealed class FaultTests(ControllerFixture fx)
{
    [Fact]
    public async Task The_sshd_stopped_for_20_seconds_mid_step_then_back_does_not_fail_the_hop()
    {
        var cloud = new Cloud(fx, "keystone", "victoria");
        cloud.Configure(c => c with { SlowStep = "migrate", SlowSeconds = 3 });

        var hop = cloud.HopAsync("victoria", "wallaby");
        await HopTests.WaitUntil(() => cloud.Executions("--migrate") == 1);
        fx.Ssh.Stop();
        await Task.Delay(TimeSpan.FromSeconds(20));
        fx.Ssh.Start();
        var outcome = await hop;

        Assert.False(outcome.Failed, outcome.Message);
        Assert.True(outcome.Reconnects >= 1);
        Assert.Equal(1, cloud.Executions("--migrate"));
        Assert.Equal(1, Applied(cloud, "migrate"));
        Assert.Equal("wallaby", cloud.State()!.Release);
    }

    [Fact]
    public async Task The_database_stopped_mid_step_fails_the_step_and_the_rerun_finishes_without_applying_twice()
    {
        var cloud = new Cloud(fx, "keystone", "victoria");
        cloud.Configure(c => c with { SlowStep = "migrate", SlowSeconds = 3 });

        var hop = cloud.HopAsync("victoria", "wallaby");
        await HopTests.WaitUntil(() => cloud.Executions("--migrate") == 1);
        fx.Db.Stop();
        HopOutcome failed;
        try
        {
            failed = await hop;
        }
        finally
        {
            fx.Db.Start();
        }

        Assert.True(failed.Failed);
        Assert.Contains("schema:migrate exited 1", failed.Message);
        cloud.Configure(c => c with { SlowStep = null });
        var rerun = await cloud.HopAsync("victoria", "wallaby");

        Assert.False(rerun.Failed, rerun.Message);
        Assert.Equal(1, cloud.Executions("--expand"));
        Assert.Equal(1, Applied(cloud, "expand"));
        Assert.Equal(1, Applied(cloud, "migrate"));
        Assert.Equal("wallaby", cloud.State()!.Release);
    }

    [Fact]
    public async Task A_tool_that_crashes_fails_the_hop_with_its_exit_status_and_the_rerun_finishes()
    {
        var cloud = new Cloud(fx, "glance", "victoria");
        cloud.Configure(c => c with { CrashStep = "contract", CrashMode = "kill" });

        var failed = await cloud.HopAsync("victoria", "wallaby");

        Assert.True(failed.Failed);
        Assert.Contains("schema:contract exited 137", failed.Message);
        cloud.Configure(c => c with { CrashStep = null });
        var rerun = await cloud.HopAsync("victoria", "wallaby");
        Assert.False(rerun.Failed, rerun.Message);
        Assert.Equal(1, cloud.Executions("expand"));
        Assert.Equal(2, cloud.Executions("contract"));
        Assert.Equal(1, Applied(cloud, "contract"));
    }

    [Fact]
    public async Task A_controller_reboot_mid_step_leaves_a_lost_run_that_the_rerun_reports_and_replaces()
    {
        var cloud = new Cloud(fx, "keystone", "victoria");
        cloud.Configure(c => c with { HangStep = "migrate" });

        // The module dies with the controller: cancel it, then kill the detached step's whole process group.
        using var cancel = new CancellationTokenSource();
        await using (var shell = Remote.ShellFactory.Create(cloud.Ssh, TimeProvider.System))
        {
            var hop = new HopRunner(shell, cloud.Request("victoria", "wallaby"), TimeProvider.System, TimeSpan.FromSeconds(60)).RunAsync(cancel.Token);
            await HopTests.WaitUntil(() => cloud.Executions("--migrate") == 1);
            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => hop);
        }

        foreach (var pid in HopTests.Processes(cloud.Dir, "leapfrog-step"))
        {
            Proc.Bash($"kill -KILL -- -{pid}");
        }

        await HopTests.WaitUntil(() => HopTests.Processes(cloud.Dir, "--migrate").Count == 0);
        Assert.Equal(HopStatus.Running, cloud.State()!.Hops.Single().Outcome);
        cloud.Configure(c => c with { HangStep = null });

        var rerun = await cloud.HopAsync("victoria", "wallaby");

        Assert.False(rerun.Failed, rerun.Message);
        Assert.Contains(rerun.Warnings, w => w.Contains("run 1 of migrate was interrupted") && w.Contains("starting run 2"));
        Assert.Equal(2, cloud.Executions("--migrate"));
        Assert.Equal(1, Applied(cloud, "migrate"));
        Assert.Equal(1, cloud.Executions("--expand"));
    }

    [Fact]
    public async Task A_full_state_directory_refuses_before_any_step_and_the_rerun_works_once_there_is_room()
    {
        var cloud = new Cloud(fx, "keystone", "victoria");
        Directory.CreateDirectory(cloud.StateDir);
        Assert.Equal(0, Proc.Run("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", cloud.StateDir]).ExitCode);
        try
        {
            Proc.Bash($"dd if=/dev/zero of='{cloud.StateDir}/filler' bs=4k 2>/dev/null; true");

            var error = await Assert.ThrowsAsync<ControllerException>(() => cloud.HopAsync("victoria", "wallaby"));

            Assert.Contains("No space left on device", error.Message);
            Assert.Equal(0, cloud.Executions("--expand"));
            File.Delete(Path.Combine(cloud.StateDir, "filler"));
            var rerun = await cloud.HopAsync("victoria", "wallaby");
            Assert.False(rerun.Failed, rerun.Message);
            Assert.Equal(1, cloud.Executions("--expand"));
        }
        finally
        {
            Proc.Run("umount", ["-l", cloud.StateDir]);
        }
    }

    [Fact]
    public async Task No_ssh_server_at_connect_time_refuses_with_nothing_run_and_the_rerun_hops_once()
    {
        var cloud = new Cloud(fx, "keystone", "victoria");
        fx.Ssh.Stop();
        try
        {
            var error = await Assert.ThrowsAsync<Remote.ShellConnectException>(() => cloud.HopAsync("victoria", "wallaby"));
            Assert.Contains("cannot connect to root@127.0.0.1", error.Message);
        }
        finally
        {
            fx.Ssh.Start();
        }

        Assert.False(Directory.Exists(cloud.StateDir));
        Assert.Equal(0, cloud.Executions());
        var rerun = await cloud.HopAsync("victoria", "wallaby");
        Assert.False(rerun.Failed, rerun.Message);
        Assert.Equal(1, cloud.Executions("--expand"));
        Assert.Equal(1, Applied(cloud, "expand"));
    }

    [Fact]
    public async Task Connections_cut_again_and_again_during_a_hop_including_its_state_writes_still_run_each_step_once()
    {
        var cloud = new Cloud(fx, "keystone", "victoria");
        cloud.Configure(c => c with { SlowStep = "expand,migrate,contract", SlowSeconds = 1 });
        using var stop = new CancellationTokenSource();
        var cuts = 0;
        // At most six cuts, 1.5 s apart: unbounded cuts on a loaded machine (a short command taking longer than the
        // gap) would cut every attempt and test the machine's load instead of the hop's resumption.
        var cutter = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested && cuts < 6)
            {
                await Task.Delay(1500);
                cuts += fx.Ssh.KillSessionChildren();
            }
        });

        HopOutcome outcome;
        try
        {
            outcome = await cloud.HopAsync("victoria", "wallaby");
        }
        finally
        {
            // Also when the hop throws: a cutter left running kills the sessions of every later test on this server.
            await stop.CancelAsync();
            await cutter;
        }

        Assert.False(outcome.Failed, outcome.Message);
        Assert.True(cuts >= 2, $"{cuts} connections cut");
        Assert.True(outcome.Reconnects >= 1, $"{outcome.Reconnects} reconnects");
        Assert.Equal(1, cloud.Executions("--expand"));
        Assert.Equal(1, cloud.Executions("--migrate"));
        Assert.Equal(1, cloud.Executions("--contract"));
        Assert.Equal(1, Applied(cloud, "contract"));
        Assert.Equal("wallaby", cloud.State()!.Release);
        Assert.Equal(HopStatus.Done, cloud.State()!.Hops.Single().Outcome);
    }

    private static int Applied(Cloud cloud, string step) =>
        int.Parse(cloud.Scalar($"SELECT COUNT(*) FROM fake_history WHERE step = '{step}' AND release_name = 'wallaby'") ?? "-1");
}
