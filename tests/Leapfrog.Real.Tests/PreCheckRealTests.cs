using System.Text.Json.Nodes;
using Leapfrog.Real.Tests.Support;
using Leapfrog.Real.Tests.Support.Deployments;

namespace Leapfrog.Real.Tests;

[Trait("tier", "real")]
public sealed class PreCheckRealTests(ITestOutputHelper log)
{
    /// <summary>
    /// The operator's catalog file makes zed's cinder verification a tool zed's chroot does not have: the hop is
    /// refused by the pre-check that zed's own python3 answers, before any step, and the database is byte for byte
    /// what victoria made (its version and the checksum of every table).
    /// </summary>
    [Fact]
    public void A_toolbox_that_lacks_a_tool_the_hop_needs_is_refused_with_the_database_untouched()
    {
        var cloud = RealCloud.Shared;
        var prefix = $"precheck{cloud.Next()}_";
        var cinder = new CinderDeployment(cloud, log, prefix);
        cinder.Create();
        var database = prefix + "cinder";
        var before = Snapshot(cloud, database);
        var catalog = Path.Combine(cloud.Root, $"{database}-catalog.json");
        File.WriteAllText(catalog, """
            {"services": {"cinder": {"steps": [
              {"name": "upgrade_check", "kind": "verify", "since": "stein",
               "argv": ["cinder-status-absent", "--config-file", "{config_file}", "upgrade", "check"],
               "exit_codes": {"0": "ok", "1": "warning", "2": "error", "255": "error"}}]}}}
            """);
        var stateDir = Path.Combine(cloud.Root, "state", database);
        var zed = Suite.Bookworm;

        var (result, _) = HopModule.Run(cloud, log, "cinder", "victoria", zed.ReleaseOf("cinder")!, zed, cinder.ConfigFile, stateDir,
            allowUnsupported: true, extra: new JsonObject { ["catalog_file"] = catalog });

        Assert.True(result["failed"]!.GetValue<bool>());
        var msg = result["msg"]!.GetValue<string>();
        log.WriteLine($"refused: {msg}");
        Assert.Contains("cinder-status-absent", msg);
        Assert.Contains("not found", msg);
        Assert.Contains($"chroot {zed.Path}", msg);
        Assert.Contains("zed", msg);
        Assert.Contains("nothing was run", msg);
        Assert.Empty(result["steps"]?.AsArray() ?? []);
        Assert.False(File.Exists(Path.Combine(stateDir, "cinder.json")));
        Assert.False(Directory.Exists(Path.Combine(stateDir, "cinder.lock")));
        Assert.Equal(before, Snapshot(cloud, database));
    }

    /// <summary>The recorded schema version and CHECKSUM TABLE of every table.</summary>
    private static List<string> Snapshot(RealCloud cloud, string database)
    {
        var tables = cloud.Db.Query($"SELECT table_name FROM information_schema.tables WHERE table_schema = '{database}' ORDER BY table_name")
            .Select(r => r[0]).ToList();
        Assert.NotEmpty(tables);
        return
        [
            .. tables.Contains("alembic_version")
                ? cloud.Db.Query("SELECT 'alembic', version_num FROM alembic_version", database).Select(r => string.Join('|', r))
                : cloud.Db.Query("SELECT 'migrate', repository_id, version FROM migrate_version", database).Select(r => string.Join('|', r)),
            .. tables.Select(t => string.Join('|', cloud.Db.Query($"CHECKSUM TABLE `{t}`", database).Single())),
        ];
    }
}
