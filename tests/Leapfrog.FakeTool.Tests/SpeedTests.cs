using Leapfrog.Testing;
using Xunit.Abstractions;

namespace Leapfrog.FakeTool.Tests;

[Collection("mariadb")]
public sealed class SpeedTests(MariaDbFixture fx, ITestOutputHelper output)
{
    [Fact]
    public void An_invocation_costs_startup_plus_a_few_sql_calls()
    {
        var cloud = new TestCloud(fx, "keystone");
        var box = cloud.Toolbox("zed");
        Expect.Rc(0, box.Run("keystone-manage", "db_sync"));
        var version = Measure(() => FakeToolbox.RunTool(["--release", "zed", "keystone-manage", "--version"], TimeSpan.FromSeconds(30)));
        var check = Measure(() => box.Run("keystone-manage", "db_sync", "--check"));
        output.WriteLine($"fake-openstack-tool ({FakeToolbox.ToolPath}): --version median {version} ms, db_sync --check median {check} ms");
        Assert.True(check < 2000, $"db_sync --check took {check} ms");
    }

    private static long Measure(Func<FakeToolboxResult> run)
    {
        var times = Enumerable.Range(0, 7).Select(_ => (long)run().Elapsed.TotalMilliseconds).Order().ToList();
        return times[times.Count / 2];
    }
}
