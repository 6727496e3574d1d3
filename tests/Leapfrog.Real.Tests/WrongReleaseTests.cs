using Leapfrog.Real.Tests.Support;

namespace Leapfrog.Real.Tests;

[Trait("tier", "real")]
public sealed class WrongReleaseTests(ITestOutputHelper log)
{
    [Theory]
    [InlineData("keystone", "bullseye", "victoria", "zed")]
    [InlineData("nova", "trixie", "2025.1", "2026.1")]
    [InlineData("cinder", "forky", "zed", "2025.1")]
    public void A_toolbox_whose_tools_are_another_release_is_refused_before_anything_runs(string service, string suiteName, string from, string target)
    {
        var cloud = RealCloud.Shared;
        var suite = Suite.All.Single(s => s.Name == suiteName);
        var db = $"wrong_{service}_{cloud.Next()}";
        cloud.Db.CreateDatabase(db);
        var conf = cloud.WriteConfig($"wrong/{db}.conf",
            $"[database]\nconnection = {cloud.Url(db)}\n[api_database]\nconnection = {cloud.Url(db)}\n");
        var stateDir = Path.Combine(cloud.Root, "state", db);

        var (result, seconds) = HopModule.Run(cloud, log, service, from, target, suite, conf, stateDir, allowUnsupported: true);

        Assert.True(result["failed"]!.GetValue<bool>());
        var msg = result["msg"]!.GetValue<string>();
        Assert.Contains("nothing was run", msg);
        Assert.Contains(suite.Path, msg);
        Assert.Empty(result["steps"]?.AsArray() ?? []);
        Assert.Equal("0", cloud.Db.Scalar($"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '{db}'"));
        Assert.False(File.Exists(Path.Combine(stateDir, $"{service}.json")));
        log.WriteLine($"refused in {seconds:0.0}s: {msg}");
    }
}
