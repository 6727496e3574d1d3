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
        // The one blocking finding; the free-space warnings (a check mode runs those too) are beside it.
        var blocker = Assert.Single(check["blockers"]!.AsArray(), b => b!["severity"]!.GetValue<string>() == "blocking")!.AsObject();
        foreach (var other in check["blockers"]!.AsArray().Where(b => b != blocker))
        {
            log.WriteLine($"also: {other!["id"]} {other["status"]} {other["error"]}");
        }
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

    /// <summary>
    /// cinder services rows at victoria's RPC and object versions (asked of victoria's code): the final hop to zed runs
    /// zed's own db sync --bump-versions, and zed's own cinder-manage service list shows every row at the versions zed's
    /// code names.
    /// </summary>
    [Fact]
    public void The_final_hop_moves_cinders_services_to_the_target_versions_by_cinders_own_tool()
    {
        var cloud = RealCloud.Shared;
        var prefix = $"bump{cloud.Next()}_";
        var cinder = new Support.Deployments.CinderDeployment(cloud, log, prefix);
        cinder.Create();
        var database = prefix + "cinder";
        var victoria = Suite.Bullseye;
        var zed = Suite.Bookworm;
        var (oldRpc, oldObject) = ServiceVersions(victoria);
        var (newRpc, newObject) = ServiceVersions(zed);
        log.WriteLine($"cinder-volume versions: victoria {oldRpc} {oldObject}, zed {newRpc} {newObject}");
        Assert.NotEqual((oldRpc, oldObject), (newRpc, newObject));
        cloud.Db.Exec($"UPDATE services SET rpc_current_version = '{oldRpc}', object_current_version = '{oldObject}'", database);
        var stateDir = Path.Combine(cloud.Root, "state", database);

        var (result, _) = HopModule.Run(cloud, log, "cinder", "victoria", zed.ReleaseOf("cinder")!, zed, cinder.ConfigFile, stateDir,
            allowUnsupported: true, extra: new JsonObject { ["final_hop"] = true });

        Assert.False(result["failed"]!.GetValue<bool>(), result["msg"]?.ToString());
        var bump = result["steps"]!.AsArray().Single(st => st!["name"]!.GetValue<string>() == "bump_versions")!;
        Assert.Equal("ok", bump["outcome"]!.GetValue<string>());
        var list = ReleaseTools.Must(log, zed, [], "cinder-manage", "--config-file", cinder.ConfigFile, "service", "list");
        log.WriteLine(list.Stdout);
        var volume = list.Stdout.Split('\n').Single(l => l.StartsWith("cinder-volume", StringComparison.Ordinal));
        Assert.Contains($" {newRpc} ", volume);
        Assert.Contains($" {newObject} ", volume + " ");
    }

    private static (string Rpc, string Object) ServiceVersions(Suite suite)
    {
        var run = ReleaseTools.Run(suite, "python3", "-c",
            "from cinder.cmd.manage import RPC_VERSIONS, OVO_VERSION; print(RPC_VERSIONS['cinder-volume'], OVO_VERSION)");
        Assert.True(run.ExitCode == 0, run.StderrTail);
        var words = run.LastLine.Split(' ');
        return (words[0], words[1]);
    }
}
