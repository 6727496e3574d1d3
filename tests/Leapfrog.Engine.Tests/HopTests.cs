using Leapfrog.Core.Catalog;
using Leapfrog.Core.Outcomes;
using Leapfrog.Core.Toolboxes;
using Leapfrog.Remote;

namespace Leapfrog.Engine.Tests;

[Collection("controller")]
public sealed class HopTests(ControllerFixture fx)
{
    [Fact]
    public async Task I_can_hop_keystone_from_victoria_to_wallaby_and_it_verifies()
    {
        var cloud = new Cloud(fx, "keystone", "victoria");

        var outcome = await cloud.HopAsync("victoria", "wallaby");

        Assert.False(outcome.Failed, outcome.Message);
        Assert.True(outcome.Changed);
        Assert.True(outcome.Verified);
        Assert.Equal(["probe:check", "schema:expand", "schema:migrate", "schema:contract", "verify:check"],
            outcome.Steps.Select(s => $"{s.Kind.Name()}:{s.Name}").Take(5));
        Assert.All(outcome.Steps.Where(s => s.Kind == StepKind.Schema), s => Assert.Equal((0, StepOutcome.Ok, 1), (s.Rc!.Value, s.Outcome, s.Attempts)));
        Assert.Equal(ExitMeaning.Pending, outcome.Probe!.Meaning);
        Assert.Equal("wallaby", cloud.State()!.Release);
        Assert.Equal(HopStatus.Done, cloud.State()!.Hops.Single().Outcome);
        Assert.Equal(1, cloud.Executions("--expand"));
        Assert.Equal("wallaby_contracted", Testing.Proc.Run(cloud.Toolbox("wallaby").BinPath("keystone-manage"), ["--config-file", cloud.ConfigFile, "db_version"]).Stdout.Trim());
    }

    [Fact]
    public async Task A_hop_starts_its_steps_its_verification_and_one_inspect_process_before_and_after_nothing_else()
    {
        var cloud = new Cloud(fx, "keystone", "victoria");

        var outcome = await cloud.HopAsync("victoria", "wallaby");

        Assert.False(outcome.Failed, outcome.Message);
        Assert.Equal("19.0.0", outcome.ToolboxVersion); // wallaby's keystone, read in the pre-check's process
        // The tool processes the toolbox logged, in order: the pre-check (which also answers the version and, the database
        // being behind wallaby's heads, the probe), the three schema steps, keystone's own verification, the schema verdict.
        Assert.Equal(
            ["python3 inspect", "keystone-manage db_sync --expand", "keystone-manage db_sync --migrate", "keystone-manage db_sync --contract",
             "keystone-manage db_sync --check", "python3 inspect"],
            Testing.FakeToolboxLogEntry.ReadAll(cloud.ExecLog).Select(e => $"{e.Tool} {e.Step}"));
    }

    [Fact]
    public async Task Running_a_finished_hop_again_changes_nothing_and_runs_nothing()
    {
        var cloud = new Cloud(fx, "keystone", "victoria");
        Assert.False((await cloud.HopAsync("victoria", "wallaby")).Failed);
        var executions = cloud.Executions();

        var again = await cloud.HopAsync("victoria", "wallaby");

        Assert.False(again.Failed, again.Message);
        Assert.False(again.Changed);
        Assert.True(again.AlreadyDone);
        Assert.Empty(again.Steps);
        Assert.Equal(executions, cloud.Executions());
    }

    [Fact]
    public async Task Check_mode_checks_in_one_process_and_changes_nothing()
    {
        var cloud = new Cloud(fx, "glance", "victoria");

        var outcome = await cloud.HopAsync("victoria", "wallaby", r => r with { CheckMode = true });

        Assert.False(outcome.Failed, outcome.Message);
        Assert.True(outcome.Changed);
        // The database is at victoria's heads, behind wallaby's: the pre-check answers the probe, which is not started.
        Assert.Equal((StepOutcome.Skipped, ExitMeaning.Pending), (outcome.Probe!.Outcome, outcome.Probe.Meaning));
        Assert.Contains(outcome.Steps, s => s.Name == "expand" && s.Outcome == StepOutcome.WouldRun);
        Assert.False(Directory.Exists(cloud.StateDir));
        Assert.Equal(1, cloud.Executions());
        Assert.Equal(1, cloud.Executions("-c")); // the read-only inspect script (tools, revisions, heads, the tools' version)
        Assert.Equal(0, cloud.Executions("check"));
        Assert.Equal(0, cloud.Executions("--version"));
    }

    [Fact]
    public async Task A_failing_step_stops_the_hop_and_a_rerun_resumes_without_repeating_done_steps()
    {
        var cloud = new Cloud(fx, "keystone", "victoria");
        cloud.Configure(c => c with { FailStep = "contract", FailRc = 1 });

        var failed = await cloud.HopAsync("victoria", "wallaby");

        Assert.True(failed.Failed);
        Assert.Contains("schema:contract exited 1", failed.Message);
        Assert.Contains("fake failure", failed.Message);
        Assert.Equal(HopStatus.Failed, cloud.State()!.Hops.Single().Outcome);
        Assert.Null(cloud.State()!.Release);
        Assert.False(Directory.Exists(Path.Combine(cloud.StateDir, "keystone.lock")));

        cloud.Configure(c => c with { FailStep = null });
        var resumed = await cloud.HopAsync("victoria", "wallaby");

        Assert.False(resumed.Failed, resumed.Message);
        Assert.Equal(StepOutcome.DoneEarlier, resumed.Steps.Single(s => s.Name == "expand").Outcome);
        Assert.Equal(StepOutcome.Ok, resumed.Steps.Single(s => s.Name == "contract").Outcome);
        Assert.Equal(1, cloud.Executions("--expand"));
        Assert.Equal(1, cloud.Executions("--migrate"));
        Assert.Equal(2, cloud.Executions("--contract"));
        Assert.Equal("wallaby", cloud.State()!.Release);
        Assert.Single(cloud.State()!.Hops);
    }

    [Fact]
    public async Task Data_migrations_run_in_batches_until_the_tool_says_done()
    {
        var cloud = new Cloud(fx, "nova", "victoria");
        cloud.Configure(c => c with { DataRows = 35 });

        var outcome = await cloud.HopAsync("victoria", "wallaby", r => r with { Batch = 10 });

        Assert.False(outcome.Failed, outcome.Message);
        var data = outcome.Steps.Single(s => s.Kind == StepKind.Data);
        Assert.True(data.Attempts >= 4, $"{data.Attempts} batches");
        Assert.Equal(0, data.Rc);
        Assert.Equal(DataOutcome.Done, outcome.DataOutcome);
        Assert.Equal(data.Attempts, cloud.Executions("online_data_migrations"));
        Assert.Equal(data.Attempts, cloud.Executions("--max-count", "10"));
    }

    [Fact]
    public async Task Data_migrations_with_errors_and_no_progress_fail_the_hop()
    {
        var cloud = new Cloud(fx, "nova", "victoria");
        cloud.Configure(c => c with { DataError = true });

        var outcome = await cloud.HopAsync("victoria", "wallaby");

        Assert.True(outcome.Failed);
        Assert.Contains("online_data_migrations exited 2 (error)", outcome.Message);
        Assert.Equal(1, cloud.Executions("online_data_migrations"));
        Assert.Equal(DataOutcome.Failed, outcome.DataOutcome);
    }

    [Fact]
    public async Task Data_migrations_give_up_after_the_batch_bound()
    {
        var cloud = new Cloud(fx, "nova", "victoria");
        cloud.Configure(c => c with { DataRows = 100 });

        var outcome = await cloud.HopAsync("victoria", "wallaby", r => r with { Batch = 5, MaxBatches = 3 });

        Assert.True(outcome.Failed);
        Assert.Contains("still reported more work after 3 batches", outcome.Message);
        Assert.Equal(3, cloud.Executions("online_data_migrations"));
    }

    [Fact]
    public async Task A_step_past_the_timeout_is_killed_on_the_controller_and_the_rerun_finishes()
    {
        var cloud = new Cloud(fx, "keystone", "victoria");
        cloud.Configure(c => c with { HangStep = "migrate" });

        var outcome = await cloud.HopAsync("victoria", "wallaby", r => r with { StepTimeout = TimeSpan.FromSeconds(2) });

        Assert.True(outcome.Failed);
        Assert.Contains("ran past step_timeout", outcome.Message);
        Assert.Equal(StepOutcome.Timeout, outcome.Steps.Single(s => s.Name == "migrate").Outcome);
        Assert.Empty(Processes(cloud.Dir, "--migrate"));

        cloud.Configure(c => c with { HangStep = null });
        var rerun = await cloud.HopAsync("victoria", "wallaby");
        Assert.False(rerun.Failed, rerun.Message);
        Assert.Equal(1, cloud.Executions("--expand"));
    }

    [Fact]
    public async Task An_unknown_host_key_refuses_with_nothing_executed()
    {
        var cloud = new Cloud(fx, "keystone", "victoria");
        var empty = Path.Combine(cloud.Dir, "empty_known_hosts");
        await File.WriteAllTextAsync(empty, "");

        var error = await Assert.ThrowsAnyAsync<Core.LeapfrogException>(() => cloud.HopAsync("victoria", "wallaby", ssh: cloud.Ssh with { KnownHostsFile = empty }));

        Assert.Contains("127.0.0.1", error.Message);
        Assert.False(Directory.Exists(cloud.StateDir));
        Assert.Equal(0, cloud.Executions());
    }

    [Fact]
    public async Task A_changed_host_key_refuses_with_nothing_executed()
    {
        var cloud = new Cloud(fx, "keystone", "victoria");
        var forged = Path.Combine(cloud.Dir, "forged_known_hosts");
        var other = Path.Combine(cloud.Dir, "other_key");
        Testing.Proc.Run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", other]);
        var lines = File.ReadAllText(other + ".pub").Split(' ');
        await File.WriteAllTextAsync(forged, $"{fx.Ssh.KnownHostsName} {lines[0]} {lines[1]}\n");

        var error = await Assert.ThrowsAsync<HostKeyMismatchException>(() => cloud.HopAsync("victoria", "wallaby", ssh: cloud.Ssh with { KnownHostsFile = forged }));

        Assert.Contains("127.0.0.1", error.Message);
        Assert.False(Directory.Exists(cloud.StateDir));
        Assert.Equal(0, cloud.Executions());
    }

    [Fact]
    public async Task A_second_run_on_the_same_service_fails_fast_naming_the_holder()
    {
        var cloud = new Cloud(fx, "keystone", "victoria");
        cloud.Configure(c => c with { SlowStep = "expand", SlowSeconds = 4 });

        var first = cloud.HopAsync("victoria", "wallaby");
        await WaitUntil(() => Directory.Exists(Path.Combine(cloud.StateDir, "keystone.lock")));
        var second = await Assert.ThrowsAsync<ControllerException>(() => cloud.HopAsync("victoria", "wallaby", r => r with { Owner = "second@run" }));
        var done = await first;

        Assert.Contains("locked by", second.Message);
        Assert.Contains($"pid {Environment.ProcessId}", second.Message);
        Assert.False(done.Failed, done.Message);
        Assert.Equal(1, cloud.Executions("--expand"));
    }

    [Fact]
    public async Task Cutting_the_ssh_connection_mid_step_neither_fails_the_hop_nor_reruns_the_step()
    {
        var cloud = new Cloud(fx, "keystone", "victoria");
        cloud.Configure(c => c with { SlowStep = "migrate", SlowSeconds = 3 });

        var hop = cloud.HopAsync("victoria", "wallaby");
        await WaitUntil(() => cloud.Executions("--migrate") == 1);
        await Task.Delay(500);
        var killed = fx.Ssh.KillSessionChildren();
        var outcome = await hop;

        Assert.True(killed > 0);
        Assert.False(outcome.Failed, outcome.Message);
        Assert.True(outcome.Reconnects >= 1, $"reconnects {outcome.Reconnects}");
        Assert.Equal(1, cloud.Executions("--migrate"));
        Assert.Equal("wallaby", cloud.State()!.Release);
    }

    [Fact]
    public async Task No_secret_reaches_the_outcome_or_the_state_file()
    {
        var cloud = new Cloud(fx, "keystone", "victoria");
        cloud.Configure(c => c with { FailStep = "expand" });

        var outcome = await cloud.HopAsync("victoria", "wallaby");
        var text = System.Text.Json.JsonSerializer.Serialize(outcome) + File.ReadAllText(cloud.StateFile);

        Assert.True(outcome.Failed);
        Assert.DoesNotContain(ControllerFixture.DbSecret, text);
        foreach (var run in Directory.GetFiles(cloud.StateDir, "*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain(ControllerFixture.DbSecret, File.ReadAllText(run));
        }
    }

    /// <summary>Pids of processes whose command line holds every needle (read from /proc).</summary>
    [Fact]
    public async Task A_toolbox_whose_tools_report_another_release_is_refused_before_anything_runs()
    {
        var cloud = new Cloud(fx, "keystone", "victoria");
        var victoriaTools = cloud.Toolbox("victoria").VenvPath;

        var error = await Assert.ThrowsAsync<ControllerException>(() => cloud.HopAsync("victoria", "wallaby",
            r => r with { Toolbox = new Toolbox(ToolboxType.Venv, victoriaTools, null, null, []) }));

        Assert.Contains("has keystone 18.0.0, but wallaby is keystone 19.x", error.Message);
        Assert.Equal(1, cloud.Executions());
        Assert.Equal(1, cloud.Executions("-c")); // the version read in the inspect process, no tool started
        Assert.False(Directory.Exists(cloud.StateDir));
    }

    internal static List<int> Processes(params string[] needles) =>
        Directory.GetDirectories("/proc").Select(Path.GetFileName).Where(n => int.TryParse(n, out _)).Select(int.Parse!)
            .Where(pid => pid != Environment.ProcessId)
            .Where(pid =>
            {
                try
                {
                    var cmd = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
                    return needles.All(cmd.Contains);
                }
                catch (IOException)
                {
                    return false;
                }
            })
            .ToList();

    internal static async Task WaitUntil(Func<bool> condition, int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "condition not met in time");
            await Task.Delay(50);
        }
    }
}
