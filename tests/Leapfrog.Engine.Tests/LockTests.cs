using System.Text.Json;
using System.Text.RegularExpressions;
using Leapfrog.Remote;

namespace Leapfrog.Engine.Tests;

/// <summary>The service's lock as another run left it: stale, alive on another host, or raced for.</summary>
[Collection("controller")]
public sealed class LockTests(ControllerFixture fx)
{
    /// <summary>A pid no process has here (pid_max is at most 4194304).</summary>
    private const int FreePid = 4194303;

    [Fact]
    public async Task A_lock_without_a_heartbeat_for_lock_stale_after_is_taken_over_with_a_warning()
    {
        var cloud = new Cloud(fx, "keystone", "victoria");
        Hold(cloud, "ops@deploy-gone", "deploy-gone", "other-boot pid:[1]", TimeSpan.FromMinutes(10));

        var outcome = await cloud.HopAsync("victoria", "wallaby");

        Assert.False(outcome.Failed, outcome.Message);
        Assert.Contains(outcome.Warnings, w => w.StartsWith("took over a stale lock on keystone held by ops@deploy-gone (pid 4194303 on deploy-gone", StringComparison.Ordinal)
                                              && Regex.IsMatch(w, @"no heartbeat for 6\d\d s$"));
        Assert.Equal((1, 1, 1), (cloud.Executions("--expand"), cloud.Executions("--migrate"), cloud.Executions("--contract")));
        Assert.Equal("wallaby", cloud.State()!.Release);
        Assert.False(Directory.Exists(LockDir(cloud)));
    }

    [Theory]
    [InlineData("deploy-2", "other-boot pid:[4026531836]", false)] // another host, its pid free here
    [InlineData(null, "other-boot pid:[4026531836]", false)]       // another machine with this host's name
    [InlineData(null, null, true)]                                 // this machine, and its pid is gone: that run is over
    public async Task A_live_lock_is_taken_over_only_when_its_holder_is_a_process_of_this_machine_that_is_gone(string? host, string? pidSpace, bool takenOver)
    {
        var cloud = new Cloud(fx, "keystone", "victoria");
        var owner = Hold(cloud, "ops@deploy-2", host ?? Environment.MachineName, pidSpace ?? ThisPidSpace(), TimeSpan.Zero);

        if (takenOver)
        {
            var outcome = await cloud.HopAsync("victoria", "wallaby");
            Assert.False(outcome.Failed, outcome.Message);
            Assert.Contains(outcome.Warnings, w => w.StartsWith("took over a stale lock on keystone held by ops@deploy-2", StringComparison.Ordinal) && w.EndsWith("that process is gone", StringComparison.Ordinal));
            Assert.Equal(1, cloud.Executions("--expand"));
            return;
        }

        var error = await Assert.ThrowsAsync<ControllerException>(() => cloud.HopAsync("victoria", "wallaby"));

        Assert.StartsWith($"keystone is locked by ops@deploy-2 (pid {FreePid} on {host ?? Environment.MachineName}, since 2026-01-01T00:00:00.000Z, hop victoria -> wallaby)", error.Message);
        Assert.Contains("another leapfrog run is migrating this database", error.Message);
        Assert.Equal(owner, File.ReadAllText(Path.Combine(LockDir(cloud), "owner.json")));
        Assert.Equal(0, cloud.Executions("--expand"));
        Assert.Equal(1, cloud.Executions("-c")); // the pre-check (and the tools' version) only
        Assert.False(File.Exists(cloud.StateFile));

        Directory.Delete(LockDir(cloud), recursive: true); // that run finished
        var rerun = await cloud.HopAsync("victoria", "wallaby");
        Assert.False(rerun.Failed, rerun.Message);
        Assert.DoesNotContain(rerun.Warnings, w => w.Contains("took over", StringComparison.Ordinal));
        Assert.Equal(1, cloud.Executions("--expand"));
    }

    [Fact]
    public async Task Two_runs_racing_for_a_stale_lock_one_wins_and_the_other_fails_naming_it_and_each_step_runs_once()
    {
        var cloud = new Cloud(fx, "keystone", "victoria");
        cloud.Configure(c => c with { SlowStep = "expand", SlowSeconds = 2 });
        Hold(cloud, "ops@deploy-gone", "deploy-gone", "other-boot pid:[1]", TimeSpan.FromMinutes(10));
        var bothSawIt = new Rendezvous(2);

        var runs = await Task.WhenAll(
            Settle(cloud.HopAsync("victoria", "wallaby", r => r with { Owner = "first@run" }, wrap: s => new PauseAfterLockAnswer(s, bothSawIt))),
            Settle(cloud.HopAsync("victoria", "wallaby", r => r with { Owner = "second@run" }, wrap: s => new PauseAfterLockAnswer(s, bothSawIt))));

        var won = Assert.Single(runs, r => r.Outcome is not null);
        var lost = Assert.Single(runs, r => r.Error is not null);
        Assert.False(won.Outcome!.Failed, won.Outcome.Message);
        Assert.Contains(won.Outcome.Warnings, w => w.StartsWith("took over a stale lock on keystone held by ops@deploy-gone", StringComparison.Ordinal));
        var winner = runs[0] == won ? "first@run" : "second@run";
        Assert.IsType<ControllerException>(lost.Error);
        Assert.StartsWith($"keystone is locked by {winner} (pid {Environment.ProcessId} on {Environment.MachineName}", lost.Error!.Message);
        Assert.Contains("took over the stale lock at the same moment", lost.Error.Message);
        Assert.Equal((1, 1, 1), (cloud.Executions("--expand"), cloud.Executions("--migrate"), cloud.Executions("--contract")));
        Assert.Equal(0, cloud.Executions("--version")); // each run's version came with its pre-check's answer
        Assert.Equal("1", cloud.Scalar("SELECT COUNT(*) FROM fake_history WHERE step = 'expand' AND release_name = 'wallaby'"));
        Assert.Single(cloud.State()!.Hops);
        Assert.False(Directory.Exists(LockDir(cloud)));
    }

    private static string LockDir(Cloud cloud) => Path.Combine(cloud.StateDir, "keystone.lock");

    /// <summary>Leaves the lock as another run holds it, its last heartbeat <paramref name="ago"/>; returns the owner file.</summary>
    private static string Hold(Cloud cloud, string who, string host, string pidSpace, TimeSpan ago)
    {
        Assert.False(Directory.Exists($"/proc/{FreePid}"));
        var owner = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["run_id"] = "0123456789abcdef0123456789abcdef", ["owner"] = who, ["host"] = host, ["pid"] = FreePid,
            ["pid_space"] = pidSpace, ["started"] = "2026-01-01T00:00:00.000Z", ["hop"] = "victoria -> wallaby",
        });
        var file = Path.Combine(LockDir(cloud), "owner.json");
        Directory.CreateDirectory(LockDir(cloud));
        File.WriteAllText(file, owner);
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow - ago);
        return owner;
    }

    /// <summary>This machine's pid space as the lock records it, read from /proc here.</summary>
    private static string ThisPidSpace() =>
        $"{File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim()} {new FileInfo("/proc/self/ns/pid").LinkTarget}";

    private static async Task<(HopOutcome? Outcome, Exception? Error)> Settle(Task<HopOutcome> run)
    {
        try
        {
            return (await run, null);
        }
        catch (Core.LeapfrogException ex)
        {
            return (null, ex);
        }
    }

    /// <summary>Holds each run back after the controller answered its lock request until every run has had that answer.</summary>
    private sealed class Rendezvous(int count)
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _arrived;

        public Task ArriveAsync()
        {
            if (Interlocked.Increment(ref _arrived) == count)
            {
                _all.TrySetResult();
            }

            return _all.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
    }

    /// <summary>The controller as it is, except that each run waits at the rendezvous once it has seen who holds the lock.</summary>
    private sealed class PauseAfterLockAnswer(IShell inner, Rendezvous rendezvous) : IShell
    {
        public string Target => inner.Target;

        public IReadOnlyList<string> Warnings => inner.Warnings;

        public Task ConnectAsync(CancellationToken ct = default) => inner.ConnectAsync(ct);

        public async Task<ShellResult> RunAsync(string script, TimeSpan timeout, CancellationToken ct = default)
        {
            var result = await inner.RunAsync(script, timeout, ct);
            if (script.Contains("echo \"held $((", StringComparison.Ordinal)) // Scripts.Lock
            {
                await rendezvous.ArriveAsync();
            }

            return result;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
