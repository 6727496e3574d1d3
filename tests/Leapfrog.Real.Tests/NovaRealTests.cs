using Leapfrog.Real.Tests.Support;

namespace Leapfrog.Real.Tests;

[Trait("tier", "real")]
public sealed class NovaRealTests(ITestOutputHelper log)
{
    private const string Api = "nova_api";
    private const string Cell1 = "nova";
    private const string Cell0 = "nova_cell0";

    [Fact]
    public void A_nova_deployment_made_by_victoria_with_cell0_and_cell1_is_hopped_to_zed_then_2025_1_then_forky_and_keeps_its_instances()
    {
        var cloud = RealCloud.Shared;
        foreach (var db in new[] { Api, Cell1, Cell0 })
        {
            cloud.Db.CreateDatabase(db);
        }

        var conf = cloud.WriteConfig("nova/nova.conf",
            $"[DEFAULT]\ntransport_url = rabbit://guest:guest@127.0.0.1:5672/\n" +
            $"[database]\nconnection = {cloud.Url(Cell1)}\n[api_database]\nconnection = {cloud.Url(Api)}\n");
        var chain = new Chain(cloud, log, "nova", conf, suite =>
        {
            var mainHeads = MigrationHeads.Of(suite, "nova/db/main/migrations/versions", "nova/db/sqlalchemy/migrate_repo/versions");
            return
            [
                Verdict.AtHeads(ReleaseTools.Run(suite, "nova-manage", "--config-file", conf, "api_db", "version"),
                    MigrationHeads.Of(suite, "nova/db/api/migrations/versions", "nova/db/sqlalchemy/api_migrations/migrate_repo/versions")),
                Verdict.AtHeads(ReleaseTools.Run(suite, "nova-manage", "--config-file", conf, "db", "version"), mainHeads),
                Cell0AtHeads(cloud, mainHeads),
            ];
        });

        ReleaseTools.Must(log, Suite.Bullseye, [], "nova-manage", "--config-file", conf, "api_db", "sync");
        ReleaseTools.Must(log, Suite.Bullseye, [], "nova-manage", "--config-file", conf, "cell_v2", "map_cell0");
        ReleaseTools.Must(log, Suite.Bullseye, [], "nova-manage", "--config-file", conf, "db", "sync");
        ReleaseTools.Must(log, Suite.Bullseye, [], "nova-manage", "--config-file", conf, "cell_v2", "create_cell", "--name", "cell1");
        var cells = ReleaseTools.Must(log, Suite.Bullseye, [], "nova-manage", "--config-file", conf, "cell_v2", "list_cells");
        Assert.Contains("cell0", cells.Stdout);
        Assert.Contains("cell1", cells.Stdout);
        cloud.Db.Exec("""
            INSERT INTO instance_mappings (created_at, instance_uuid, cell_id, project_id, user_id, queued_for_delete)
              SELECT '2021-01-02 03:04:05', CONCAT('9a0f0000-0000-4000-8000-00000000000', n.i), c.id, 'lf0project00000000000000000000001', 'lf0user0000000000000000000000001', 0
              FROM cell_mappings c JOIN (SELECT 1 AS i UNION SELECT 2 UNION SELECT 3) n WHERE c.name = 'cell1';
            """, Api);
        cloud.Db.Exec("""
            INSERT INTO instances (created_at, deleted, uuid, user_id, project_id, display_name, hostname, vm_state, power_state, memory_mb, vcpus, root_gb, ephemeral_gb)
              VALUES ('2021-01-02 03:04:05', 0, '9a0f0000-0000-4000-8000-000000000001', 'lf0user0000000000000000000000001', 'lf0project00000000000000000000001', 'web-1', 'web-1', 'active', 1, 512, 1, 1, 0),
                     ('2021-01-02 03:04:05', 0, '9a0f0000-0000-4000-8000-000000000002', 'lf0user0000000000000000000000001', 'lf0project00000000000000000000001', 'web-2', 'web-2', 'stopped', 4, 1024, 2, 10, 0),
                     ('2021-01-02 03:04:05', 0, '9a0f0000-0000-4000-8000-000000000003', 'lf0user0000000000000000000000001', 'lf0project00000000000000000000001', 'db-1', 'db-1', 'active', 1, 2048, 4, 20, 0);
            """, Cell1);
        chain.AssertCurrent(Suite.Bullseye, "after victoria created it");
        var before = Rows(cloud);
        Assert.Equal(2 + 3 + 3, before.Count);

        chain.Walk(Suite.Bullseye, Suite.Bookworm, Suite.Trixie, Suite.Forky);

        Assert.Equal(before, Rows(cloud));
        // Online data migrations may add their own soft-deleted marker rows (fill_virtual_interface_list's all-zero instance).
        var markers = cloud.Db.Query("SELECT uuid FROM instances WHERE deleted <> 0", Cell1).Select(r => r[0]).ToList();
        log.WriteLine($"rows kept: {before.Count} nova rows (cell mappings, instance mappings, live instances) equal before and after; " +
                      $"soft-deleted marker rows added by nova's own migrations: {(markers.Count == 0 ? "none" : string.Join(", ", markers))}");
    }

    /// <summary>`db version` reads only the main (cell1) database: cell0's version is read from its own version table.</summary>
    private static Verdict Cell0AtHeads(RealCloud cloud, IReadOnlySet<string> heads)
    {
        var alembic = cloud.Db.Scalar($"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '{Cell0}' AND table_name = 'alembic_version'") == "1";
        var version = alembic
            ? cloud.Db.Scalar("SELECT version_num FROM alembic_version", Cell0)
            : cloud.Db.Scalar("SELECT version FROM migrate_version", Cell0);
        return new Verdict($"{Cell0} {(alembic ? "alembic_version" : "migrate_version")}", version is not null && heads.Contains(version),
            $"version {version}, heads shipped by the release: {string.Join(", ", heads)}");
    }

    private static List<string> Rows(RealCloud cloud) =>
    [
        .. cloud.Db.Query("SELECT 'cell', uuid, name, disabled FROM cell_mappings ORDER BY name", Api).Select(r => string.Join('|', r)),
        .. cloud.Db.Query("""
            SELECT 'mapping', m.instance_uuid, c.name, m.project_id, m.user_id, m.queued_for_delete
            FROM instance_mappings m JOIN cell_mappings c ON c.id = m.cell_id ORDER BY m.instance_uuid
            """, Api).Select(r => string.Join('|', r)),
        .. cloud.Db.Query("SELECT 'instance', uuid, display_name, project_id, vm_state, power_state, memory_mb, vcpus, root_gb FROM instances WHERE deleted = 0 ORDER BY uuid", Cell1)
            .Select(r => string.Join('|', r)),
    ];
}
