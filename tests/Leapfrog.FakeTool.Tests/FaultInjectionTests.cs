using System.Diagnostics;
using Leapfrog.Testing;

namespace Leapfrog.FakeTool.Tests;

[Collection("mariadb")]
public sealed class FaultInjectionTests(MariaDbFixture fx)
{
    private static (TestCloud Cloud, FakeToolbox Zed) VictoriaKeystone(MariaDbFixture fx, Func<FakeToolboxConfig, FakeToolboxConfig> fault)
    {
        var cloud = new TestCloud(fx, "keystone");
        Expect.Rc(0, cloud.Toolbox("victoria").Run("keystone-manage", "db_sync"));
        return (cloud, cloud.Toolbox("zed", fault));
    }

    [Fact]
    public void A_failing_step_exits_with_fail_rc_applies_nothing_and_passes_once_the_fault_is_removed()
    {
        var (cloud, zed) = VictoriaKeystone(fx, c => c with { FailStep = "db_sync --expand", FailRc = 7 });

        var r = Expect.Rc(7, zed.Run("keystone-manage", "db_sync", "--expand"));
        Assert.Contains("fake failure at 'db_sync --expand'", r.Stderr);
        Assert.Equal(("victoria", "contracted"), cloud.State("keystone"));
        Expect.Rc(2, zed.Run("keystone-manage", "db_sync", "--check"));

        zed.Reconfigure(cloud.BaseConfig);
        Expect.Rc(0, zed.Run("keystone-manage", "db_sync", "--expand"));
        Assert.Equal(("zed", "migrated"), cloud.State("keystone"));
        Assert.Equal(2, FakeToolboxLogEntry.Count(cloud.ExecLog, "db_sync --expand"));
    }

    [Fact]
    public void A_pattern_matches_the_same_phase_in_every_tools_spelling()
    {
        var cloud = new TestCloud(fx, "glance");
        var box = cloud.Toolbox("zed", c => c with { FailStep = "expand" });
        Expect.Rc(1, box.Run("glance-manage", "db", "expand"));
        Expect.Rc(0, box.Run("glance-manage", "db", "version"));
    }

    [Fact]
    public void A_step_failing_after_its_work_leaves_the_work_applied()
    {
        var (cloud, zed) = VictoriaKeystone(fx, c => c with { FailStep = "expand", FaultWhen = "after" });
        Expect.Rc(1, zed.Run("keystone-manage", "db_sync", "--expand"));
        Assert.Equal(("zed", "migrated"), cloud.State("keystone"));
    }

    [Fact]
    public void A_hanging_step_never_returns_and_applies_nothing()
    {
        var (cloud, zed) = VictoriaKeystone(fx, c => c with { HangStep = "db_sync --expand" });
        var sw = Stopwatch.StartNew();
        Assert.Throws<TimeoutException>(() => zed.RunWithin(TimeSpan.FromSeconds(2), "keystone-manage", "db_sync", "--expand"));
        Assert.True(sw.Elapsed >= TimeSpan.FromSeconds(2));
        Assert.Equal(("victoria", "contracted"), cloud.State("keystone"));
        Assert.Equal(1, FakeToolboxLogEntry.Count(cloud.ExecLog, "db_sync --expand"));
    }

    [Theory]
    [InlineData("kill", 137)]
    [InlineData("abort", 134)]
    public void A_crashing_step_dies_by_a_signal_and_applies_nothing(string mode, int rc)
    {
        var (cloud, zed) = VictoriaKeystone(fx, c => c with { CrashStep = "db_sync --expand", CrashMode = mode });
        var r = zed.Run("keystone-manage", "db_sync", "--expand");
        Assert.Equal(rc, r.ExitCode);
        Assert.Contains("crashing at 'db_sync --expand'", r.Stderr);
        Assert.Equal(("victoria", "contracted"), cloud.State("keystone"));
    }

    [Fact]
    public void A_slow_step_takes_slow_seconds_and_then_does_its_work()
    {
        var (cloud, zed) = VictoriaKeystone(fx, c => c with { SlowStep = "expand", SlowSeconds = 1.5 });
        var r = Expect.Rc(0, zed.Run("keystone-manage", "db_sync", "--expand"));
        Assert.True(r.Elapsed >= TimeSpan.FromSeconds(1.5), $"took {r.Elapsed}");
        Assert.Equal(("zed", "migrated"), cloud.State("keystone"));
        Expect.Rc(4, zed.Run("keystone-manage", "db_sync", "--check"));
    }

    [Fact]
    public async Task The_database_stopped_mid_step_fails_the_step_and_a_rerun_after_restart_completes_it()
    {
        var (cloud, zed) = VictoriaKeystone(fx, c => c with { SlowStep = "expand", SlowSeconds = 4 });
        var port = cloud.Server.Port;
        var step = Task.Run(() => zed.Run("keystone-manage", "db_sync", "--expand"));
        await Task.Delay(800);
        cloud.Server.Stop();
        var result = await step;
        cloud.Server.Start();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Can't connect", result.Stderr);
        Assert.Equal(port, cloud.Server.Port);
        Assert.Equal(("victoria", "contracted"), cloud.State("keystone"));

        zed.Reconfigure(cloud.BaseConfig);
        Expect.Rc(0, zed.Run("keystone-manage", "db_sync", "--expand"));
        Assert.Equal(("zed", "migrated"), cloud.State("keystone"));
    }

    [Fact]
    public void Bad_fault_settings_are_refused_with_one_line_and_nothing_runs()
    {
        var (cloud, zed) = VictoriaKeystone(fx, c => c with { FaultWhen = "sometimes" });
        var r = Expect.Rc(1, zed.Run("keystone-manage", "db_sync"));
        Assert.Equal("ERROR: [fake] fault_when must be before or after", r.Stderr.Trim());
        Assert.Equal(("victoria", "contracted"), cloud.State("keystone"));
    }
}
