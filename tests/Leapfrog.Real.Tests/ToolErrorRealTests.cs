using Leapfrog.Real.Tests.Support;
using Leapfrog.Real.Tests.Support.Deployments;

namespace Leapfrog.Real.Tests;

/// <summary>A hop that fails says why in the real tool's own words, masked, and leaves no password at rest.</summary>
[Trait("tier", "real")]
public sealed class ToolErrorRealTests(ITestOutputHelper log)
{
    [Fact]
    public void A_keystone_password_with_a_percent_fails_zeds_first_tool_with_keystones_own_error_and_the_fixed_rerun_completes()
    {
        var cloud = RealCloud.Shared;
        var prefix = $"pct{cloud.Next()}_";
        var keystone = new KeystoneDeployment(cloud, log, prefix);
        keystone.Create();
        var db = prefix + "keystone";
        var secret = $"Pct{Guid.NewGuid().ToString("N")[..10]}";
        var user = $"ks{cloud.Next()}";
        cloud.Db.Exec($"CREATE USER '{user}'@'%' IDENTIFIED BY 'Lf%{secret}'; GRANT ALL ON `{db}`.* TO '{user}'@'%';");
        var conf = cloud.WriteConfig($"{db}/keystone.conf", File.ReadAllText(keystone.ConfigFile)
            .Replace(cloud.Url(db), cloud.Db.ConnectionUrl(db, user, "Lf%" + secret) + "?charset=utf8", StringComparison.Ordinal));
        Assert.Contains("%25" + secret, File.ReadAllText(conf), StringComparison.Ordinal);
        var stateDir = Path.Combine(cloud.Root, "state", db);

        // The known blocker (keystone-percent-in-database-url) would refuse this hop before any tool runs: it is switched off
        // here, where the point is keystone's own words (BlockerRealTests shows the blocker catching it first). The first
        // tool to run is zed's expand: the pre-check found the database behind zed's heads, so the probe was not needed.
        var (failed, _) = HopModule.Run(cloud, log, "keystone", "victoria", "zed", Suite.Bookworm, conf, stateDir, allowUnsupported: true,
            extra: new System.Text.Json.Nodes.JsonObject { ["check_blockers"] = false });

        Assert.True(failed["failed"]!.GetValue<bool>());
        var msg = failed["msg"]!.GetValue<string>();
        Assert.Contains("step schema:expand exited 1 (error): ", msg, StringComparison.Ordinal);
        Assert.Contains("invalid interpolation syntax", msg, StringComparison.Ordinal);
        Assert.Contains($"{user}:********@", msg, StringComparison.Ordinal);
        Assert.DoesNotContain("getcurrent", msg, StringComparison.Ordinal);
        Assert.Contains("keystone-manage db_sync --expand in zed: 0 ok, any other code an error", msg, StringComparison.Ordinal);
        var expand = failed["steps"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == "expand")!;
        Assert.StartsWith("ValueError: invalid interpolation syntax", expand["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("'getcurrent'", expand["stderr"]!.GetValue<string>(), StringComparison.Ordinal); // the noise is there, in the full tail
        Assert.DoesNotContain(secret, failed.ToJsonString(), StringComparison.Ordinal);
        AssertNoSecretUnder(stateDir, secret);

        // The fix: a password without '%'; the rerun resumes the failed hop and completes it.
        cloud.Db.Exec($"ALTER USER '{user}'@'%' IDENTIFIED BY 'Fixed{secret}';");
        cloud.WriteConfig($"{db}/keystone.conf", File.ReadAllText(conf).Replace("Lf%25" + secret, "Fixed" + secret, StringComparison.Ordinal));
        var (rerun, _) = HopModule.Run(cloud, log, "keystone", "victoria", "zed", Suite.Bookworm, conf, stateDir, allowUnsupported: true);

        Assert.False(rerun["failed"]?.GetValue<bool>() ?? false, rerun["msg"]?.ToString());
        Assert.Contains(rerun["warnings"]!.AsArray(), w => w!.GetValue<string>().StartsWith("resuming keystone", StringComparison.Ordinal));
        Assert.True(rerun["verified"]!.GetValue<bool>());
        Assert.Equal(0, ReleaseTools.Run(Suite.Bookworm, "keystone-manage", "--config-file", conf, "db_sync", "--check").ExitCode);
        AssertNoSecretUnder(stateDir, secret);
    }

    [Fact]
    public void A_nova_hop_whose_database_user_lacks_privileges_fails_with_mariadbs_access_denied_naming_the_user()
    {
        var cloud = RealCloud.Shared;
        var n = cloud.Next();
        var (cell, api, user, secret) = ($"novadeny{n}", $"novadeny{n}_api", $"novadeny{n}", $"Deny{Guid.NewGuid().ToString("N")[..10]}");
        cloud.Db.CreateDatabase(cell);
        cloud.Db.CreateDatabase(api);
        cloud.Db.Exec($"CREATE USER '{user}'@'%' IDENTIFIED BY '{secret}'; GRANT SELECT ON `{api}`.* TO '{user}'@'%'; GRANT SELECT ON `{cell}`.* TO '{user}'@'%';");
        var conf = cloud.WriteConfig($"{cell}/nova.conf",
            $"[database]\nconnection = {cloud.Db.ConnectionUrl(cell, user, secret)}?charset=utf8\n" +
            $"[api_database]\nconnection = {cloud.Db.ConnectionUrl(api, user, secret)}?charset=utf8\n");
        var stateDir = Path.Combine(cloud.Root, "state", cell);

        var (failed, _) = HopModule.Run(cloud, log, "nova", "victoria", "zed", Suite.Bookworm, conf, stateDir, allowUnsupported: true);

        Assert.True(failed["failed"]!.GetValue<bool>());
        var msg = failed["msg"]!.GetValue<string>();
        Assert.Contains("command denied to user", msg, StringComparison.Ordinal);
        Assert.Contains($"'{user}'@", msg, StringComparison.Ordinal);
        Assert.Contains(" in zed: 0 ok", msg, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, failed.ToJsonString(), StringComparison.Ordinal);
        AssertNoSecretUnder(stateDir, secret);
    }

    [Fact]
    public void A_glance_hop_whose_database_does_not_exist_fails_with_mariadbs_unknown_database()
    {
        var cloud = RealCloud.Shared;
        var db = $"glance_missing{cloud.Next()}";
        var conf = cloud.WriteConfig($"{db}/glance-api.conf", $"[database]\nconnection = {cloud.Url(db)}\n");
        var stateDir = Path.Combine(cloud.Root, "state", db);

        var (failed, _) = HopModule.Run(cloud, log, "glance", "victoria", "zed", Suite.Bookworm, conf, stateDir, allowUnsupported: true);

        Assert.True(failed["failed"]!.GetValue<bool>());
        var msg = failed["msg"]!.GetValue<string>();
        Assert.Contains($"Unknown database '{db}'", msg, StringComparison.Ordinal);
        Assert.Contains(" in zed: ", msg, StringComparison.Ordinal);
        Assert.Null(cloud.Db.Scalar($"SELECT schema_name FROM information_schema.schemata WHERE schema_name = '{db}'"));
        AssertNoSecretUnder(stateDir, RealCloud.DbSecret);
    }

    private void AssertNoSecretUnder(string stateDir, string secret)
    {
        var files = Directory.EnumerateFiles(stateDir, "*", SearchOption.AllDirectories).ToList();
        log.WriteLine($"{files.Count} files under the state directory");
        Assert.Contains(files, f => Path.GetFileName(f) is "out" or "err");
        var holding = files.Where(f => File.ReadAllText(f).Contains(secret, StringComparison.Ordinal)).ToList();
        Assert.True(holding.Count == 0, $"the password is in {string.Join(", ", holding)}");
    }
}
