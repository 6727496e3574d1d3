using System.Diagnostics;
using Leapfrog.Testing;

namespace Leapfrog.EndToEnd.Tests;

public sealed class ConcurrencyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_second_playbook_on_the_same_cloud_fails_fast_naming_the_holder_of_the_lock()
    {
        using var box = Sandbox.Up("victoria wallaby", "keystone", "slow_step=migrate", "slow_seconds=40");
        var start = box.Witness.Mark();
        var first = Task.Run(() => Playbook.Run(box, "leapfrog.yml", "-e", "leapfrog_backup=false"));
        var lockDir = Path.Combine(box.StateDir, "keystone.lock");
        var until = DateTime.UtcNow.AddMinutes(3);
        // The hop's lock, not the one the start release's data migrations hold for a moment before it.
        while (!(File.Exists(Path.Combine(lockDir, "owner.json")) && ReadOrEmpty(Path.Combine(lockDir, "owner.json")).Contains("wallaby", StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < until && !first.IsCompleted, "the first playbook never took the lock");
            await Task.Delay(200);
        }

        var clock = Stopwatch.StartNew();
        var second = Playbook.Run(box, "leapfrog.yml", "-e", "leapfrog_backup=false");
        output.WriteLine($"second playbook failed after {clock.Elapsed.TotalSeconds:0.0} s");
        var third = Playbook.Run(box, "leapfrog.yml", "-e", "leapfrog_backup=false", "-e", "leapfrog_preflight=false");
        output.WriteLine($"third playbook (no preflight) failed after {clock.Elapsed.TotalSeconds:0.0} s");
        var done = await first;

        // Preflight names the lock and its holder; without preflight the hop itself refuses, naming the holder.
        Assert.NotEqual(0, second.ExitCode);
        Assert.True(second.Output.Contains("keystone.lock is held", StringComparison.Ordinal) && second.Output.Contains("root@", StringComparison.Ordinal), second.ToString());
        Assert.NotEqual(0, third.ExitCode);
        Assert.True(third.Output.Contains("keystone is locked by root@", StringComparison.Ordinal) && third.Output.Contains("pid ", StringComparison.Ordinal), third.ToString());
        Assert.True(first.IsCompleted && done.ExitCode == 0, done.ToString());
        Assert.Equal("wallaby", box.ReleaseOf("keystone"));
        // From the tools' own log: the refused playbooks ran no step; each of the hop's steps ran once.
        Assert.Empty(box.Witness.NotOnce(start));
        Assert.Equal(["keystone-manage wallaby db_sync --expand", "keystone-manage wallaby db_sync --migrate", "keystone-manage wallaby db_sync --contract"],
            box.Witness.Changes(start));
    }

    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return "";
        }
    }
}
