using Leapfrog.Remote;

namespace Leapfrog.Engine.Tests;

[Collection("controller")]
public sealed class UnlockTests(ControllerFixture fx)
{
    [Fact]
    public async Task A_lock_that_cannot_be_released_is_a_warning_in_the_result_and_the_hop_still_counts()
    {
        var cloud = new Cloud(fx, "keystone", "victoria");

        var outcome = await cloud.HopAsync("victoria", "wallaby", wrap: shell => new UnlockTimesOut(shell));

        Assert.False(outcome.Failed, outcome.Message);
        Assert.Equal("wallaby", cloud.State()!.Release);
        var lockDir = Path.Combine(cloud.StateDir, "keystone.lock");
        Assert.True(File.Exists(Path.Combine(lockDir, "owner.json")));
        Assert.Contains(outcome.Warnings, w => w.StartsWith($"could not release the lock {lockDir}:", StringComparison.Ordinal));
    }

    /// <summary>The controller as it is, except that releasing a lock times out.</summary>
    private sealed class UnlockTimesOut(IShell inner) : IShell
    {
        public string Target => inner.Target;

        public IReadOnlyList<string> Warnings => inner.Warnings;

        public Task ConnectAsync(CancellationToken ct = default) => inner.ConnectAsync(ct);

        public Task<ShellResult> RunAsync(string script, TimeSpan timeout, CancellationToken ct = default) =>
            script.EndsWith("&& rm -rf \"$l\"; exit 0", StringComparison.Ordinal) // Scripts.Unlock
                ? throw new ShellTimeoutException(inner.Target, timeout)
                : inner.RunAsync(script, timeout, ct);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
