using System.Globalization;
using Leapfrog.Testing;

namespace Leapfrog.Engine.Tests;

/// <summary>step_timeout counts from the step's start on the controller, whichever module run watches it.</summary>
[Collection("controller")]
public sealed class StepTimeoutTests(ControllerFixture fx)
{
    [Fact]
    public async Task A_step_re_attached_by_the_next_run_is_killed_at_the_deadline_it_started_with()
    {
        const int Timeout = 15;
        var cloud = new Cloud(fx, "keystone", "victoria");
        cloud.Configure(c => c with { HangStep = "migrate" });
        var args = ModuleProcess.Args(fx, cloud, "victoria", "wallaby");
        args["step_timeout"] = Timeout;
        var argsFile = ModuleProcess.Write(cloud, args);
        using (var first = ModuleProcess.Start(argsFile))
        {
            await HopTests.WaitUntil(() => cloud.Executions("--migrate") == 1);
            Proc.Run("kill", ["-KILL", first.Id.ToString(CultureInfo.InvariantCulture)]);
            await first.WaitForExitAsync();
        }

        // The tool's own record of when it started; the next run attaches with a third of the timeout left.
        var started = FakeToolboxLogEntry.ReadAll(cloud.ExecLog).Single(e => e.Argv.Contains("--migrate")).Time;
        await HopTests.WaitUntil(() => DateTimeOffset.UtcNow - started >= TimeSpan.FromSeconds(Timeout - 5));
        var gone = Task.Run(async () =>
        {
            await HopTests.WaitUntil(() => HopTests.Processes(cloud.Dir, "--migrate").Count == 0, seconds: 120);
            return DateTimeOffset.UtcNow;
        });
        var (rc, result) = await Task.Run(() => ModuleProcess.Run(argsFile));
        var killedAfter = await gone - started;

        Assert.Equal(1, rc);
        Assert.Contains($"schema:migrate ran past step_timeout ({Timeout} s)", result["msg"]!.GetValue<string>());
        Assert.Contains(ModuleProcess.Warnings(result), w => w.Contains("re-attached to schema:migrate run 1", StringComparison.Ordinal));
        Assert.Equal(1, cloud.Executions("--migrate"));

        // Counted from the re-attach, the step would have lived at least Timeout - 5 + Timeout = 25 s.
        Assert.True(killedAfter < TimeSpan.FromSeconds(Timeout + 7), $"the step was killed {killedAfter.TotalSeconds:0.0} s after it started (step_timeout {Timeout} s)");
        Assert.True(killedAfter >= TimeSpan.FromSeconds(Timeout - 3), $"the step was killed {killedAfter.TotalSeconds:0.0} s after it started, before step_timeout {Timeout} s");
    }
}
