using System.Text.Json.Nodes;
using Leapfrog.Real.Tests.Support;

namespace Leapfrog.Real.Tests;

[Trait("tier", "real")]
public sealed class BlockerRealTests(ITestOutputHelper log)
{
    /// <summary>
    /// A keystone whose database password holds a '%' (victoria's own tools make and use it without trouble): the check
    /// mode hop to zed (what preflight runs) lists the known blocker with its fix and source and runs nothing; the same
    /// hop with the blocker checks off is run by zed's own keystone-manage, which fails on the '%' as the blocker says.
    /// </summary>
    [Fact]
    public void A_percent_in_keystones_database_password_is_caught_before_zed_and_zeds_own_tool_fails_on_it_as_predicted()
    {
        var cloud = RealCloud.Shared;
        var n = cloud.Next();
        var database = $"blocker{n}_keystone";
        var user = $"blocker{n}";
        const string password = "Pct%41pw-7x";
        cloud.Db.CreateDatabase(database);
        cloud.Db.Exec($"""
            CREATE USER '{user}'@'127.0.0.1' IDENTIFIED BY '{password}'; GRANT ALL ON `{database}`.* TO '{user}'@'127.0.0.1';
            CREATE USER '{user}'@'localhost' IDENTIFIED BY '{password}'; GRANT ALL ON `{database}`.* TO '{user}'@'localhost';
            """);
        var config = cloud.WriteConfig($"blocker{n}/keystone.conf",
            $"[database]\nconnection = {cloud.Db.ConnectionUrl(database, user, password)}?charset=utf8\n");
        var victoria = Suite.Bullseye;
        ReleaseTools.Must(log, victoria, [], "keystone-manage", "--config-file", config, "db_sync");
        var made = ReleaseTools.Run(victoria, "keystone-manage", "--config-file", config, "db_version").Stdout.Trim();
        var zed = Suite.Bookworm;
        var stateDir = Path.Combine(cloud.Root, "state", database);

        var (check, _) = HopModule.Run(cloud, log, "keystone", "victoria", zed.ReleaseOf("keystone")!, zed, config, stateDir,
            allowUnsupported: true, checkMode: true);

        Assert.True(check["failed"]!.GetValue<bool>());
        var blocker = Assert.Single(check["blockers"]!.AsArray())!.AsObject();
        Assert.Equal("keystone-percent-in-database-url", blocker["id"]!.GetValue<string>());
        Assert.Equal("found", blocker["status"]!.GetValue<string>());
        Assert.Contains("'%'", blocker["fix"]!.GetValue<string>());
        Assert.Contains("openstack/keystone", blocker["source"]!.GetValue<string>());
        Assert.DoesNotContain(password, check.ToJsonString());
        Assert.False(Directory.Exists(stateDir), "check mode writes no state");

        var (run, _) = HopModule.Run(cloud, log, "keystone", "victoria", zed.ReleaseOf("keystone")!, zed, config, stateDir,
            allowUnsupported: true, extra: new JsonObject { ["check_blockers"] = false });

        Assert.True(run["failed"]!.GetValue<bool>());
        var said = run.ToJsonString();
        log.WriteLine($"zed's keystone-manage: {run["msg"]}");
        Assert.Contains("interpolation", said);
        Assert.DoesNotContain(password, said);
        Assert.DoesNotContain(Uri.EscapeDataString(password), said);
        Assert.Equal(made, ReleaseTools.Run(victoria, "keystone-manage", "--config-file", config, "db_version").Stdout.Trim());
    }
}
