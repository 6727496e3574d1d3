using Leapfrog.Real.Tests.Support;

namespace Leapfrog.Real.Tests;

[Trait("tier", "real")]
public sealed class CinderRealTests(ITestOutputHelper log)
{
    private const string Db = "cinder";

    [Fact]
    public void A_cinder_database_made_by_victoria_is_hopped_to_zed_then_2025_1_then_forky_by_their_own_tools_and_keeps_its_volumes()
    {
        var cloud = RealCloud.Shared;
        cloud.Db.CreateDatabase(Db);
        var conf = cloud.WriteConfig("cinder/cinder.conf", $"[database]\nconnection = {cloud.Url(Db)}\n");
        var chain = new Chain(cloud, log, "cinder", conf, suite =>
            [Verdict.AtHeads(ReleaseTools.Run(suite, "cinder-manage", "--config-file", conf, "db", "version"),
                MigrationHeads.Of(suite, "cinder/db/migrations/versions", "cinder/db/sqlalchemy/migrate_repo/versions"))]);

        ReleaseTools.Must(log, Suite.Bullseye, [], "cinder-manage", "--config-file", conf, "db", "sync");
        // As a running cloud has them: a volume service, and volumes that name it (cinder-status checks the service UUIDs).
        cloud.Db.Exec("""
            INSERT INTO services (created_at, deleted, host, `binary`, topic, report_count, disabled, availability_zone, uuid)
              VALUES ('2021-01-02 03:04:00', 0, 'ctl1@lvm', 'cinder-volume', 'cinder-volume', 1, 0, 'nova', '5e7a0000-0000-4000-8000-000000000001'),
                     ('2021-01-02 03:04:00', 0, 'ctl1', 'cinder-scheduler', 'cinder-scheduler', 1, 0, 'nova', '5e7a0000-0000-4000-8000-000000000002');
            INSERT INTO volumes (created_at, deleted, id, user_id, project_id, size, status, attach_status, display_name, volume_type_id, bootable, multiattach, host, service_uuid)
              SELECT '2021-01-02 03:04:05', 0, 'c1d0000-0000-4000-8000-000000000001', 'lf0user0000000000000000000000001', 'lf0project00000000000000000000001',
                     10, 'available', 'detached', 'data-seeded', id, 0, 0, 'ctl1@lvm#LVM', '5e7a0000-0000-4000-8000-000000000001' FROM volume_types WHERE name = '__DEFAULT__';
            INSERT INTO volumes (created_at, deleted, id, user_id, project_id, size, status, attach_status, display_name, volume_type_id, bootable, multiattach, host, service_uuid)
              SELECT '2021-01-02 03:04:06', 0, 'c1d0000-0000-4000-8000-000000000002', 'lf0user0000000000000000000000001', 'lf0project00000000000000000000001',
                     1, 'in-use', 'attached', 'boot-seeded', id, 1, 0, 'ctl1@lvm#LVM', '5e7a0000-0000-4000-8000-000000000001' FROM volume_types WHERE name = '__DEFAULT__';
            """, Db);
        chain.AssertCurrent(Suite.Bullseye, "after victoria created it");
        var before = Rows(cloud);
        Assert.Equal(5, before.Count);

        chain.Walk(Suite.Bullseye, Suite.Bookworm, Suite.Trixie, Suite.Forky);

        Assert.Equal(before, Rows(cloud));
        log.WriteLine($"rows kept: {before.Count} cinder rows (volumes, volume types, services) equal before and after");
    }

    private static List<string> Rows(RealCloud cloud) =>
    [
        .. cloud.Db.Query("SELECT 'volume', id, project_id, size, status, attach_status, display_name, volume_type_id, bootable, host, service_uuid FROM volumes ORDER BY id", Db)
            .Select(r => string.Join('|', r)),
        .. cloud.Db.Query("SELECT 'type', id, name FROM volume_types WHERE deleted = 0 ORDER BY id", Db).Select(r => string.Join('|', r)),
        .. cloud.Db.Query("SELECT 'service', uuid, host, `binary` FROM services ORDER BY uuid", Db).Select(r => string.Join('|', r)),
    ];
}
