namespace Leapfrog.Real.Tests.Support.Deployments;

/// <summary>cinder: db sync by victoria, plus volume services and volumes that name them, put in with SQL.</summary>
public sealed class CinderDeployment(RealCloud cloud, ITestOutputHelper log, string prefix = "")
    : Deployment(cloud, log, "cinder", prefix)
{
    private string Database => Db("cinder");

    public override string RowsWhat => "volumes, volume types, services";

    public override void Create()
    {
        Cloud.Db.CreateDatabase(Database);
        ConfigFile = Cloud.WriteConfig($"{Prefix}cinder/cinder.conf", $"[database]\nconnection = {Cloud.Url(Database)}\n");
        ReleaseTools.Must(Log, Suite.Bullseye, [], "cinder-manage", "--config-file", ConfigFile, "db", "sync");
        // As a running cloud has them: a volume service, and volumes that name it (cinder-status checks the service UUIDs).
        Cloud.Db.Exec("""
            INSERT INTO services (created_at, deleted, host, `binary`, topic, report_count, disabled, availability_zone, uuid)
              VALUES ('2021-01-02 03:04:00', 0, 'ctl1@lvm', 'cinder-volume', 'cinder-volume', 1, 0, 'nova', '5e7a0000-0000-4000-8000-000000000001'),
                     ('2021-01-02 03:04:00', 0, 'ctl1', 'cinder-scheduler', 'cinder-scheduler', 1, 0, 'nova', '5e7a0000-0000-4000-8000-000000000002');
            INSERT INTO volumes (created_at, deleted, id, user_id, project_id, size, status, attach_status, display_name, volume_type_id, bootable, multiattach, host, service_uuid)
              SELECT '2021-01-02 03:04:05', 0, 'c1d0000-0000-4000-8000-000000000001', 'lf0user0000000000000000000000001', 'lf0project00000000000000000000001',
                     10, 'available', 'detached', 'data-seeded', id, 0, 0, 'ctl1@lvm#LVM', '5e7a0000-0000-4000-8000-000000000001' FROM volume_types WHERE name = '__DEFAULT__';
            INSERT INTO volumes (created_at, deleted, id, user_id, project_id, size, status, attach_status, display_name, volume_type_id, bootable, multiattach, host, service_uuid)
              SELECT '2021-01-02 03:04:06', 0, 'c1d0000-0000-4000-8000-000000000002', 'lf0user0000000000000000000000001', 'lf0project00000000000000000000001',
                     1, 'in-use', 'attached', 'boot-seeded', id, 1, 0, 'ctl1@lvm#LVM', '5e7a0000-0000-4000-8000-000000000001' FROM volume_types WHERE name = '__DEFAULT__';
            """, Database);
    }

    public override IReadOnlyList<Verdict> Checks(Suite suite) =>
        [Verdict.AtHeads(ReleaseTools.Run(suite, "cinder-manage", "--config-file", ConfigFile, "db", "version"),
            MigrationHeads.Of(suite, "cinder/db/migrations/versions", "cinder/db/sqlalchemy/migrate_repo/versions"))];

    public override IReadOnlyDictionary<string, IReadOnlyList<string>> Versions(Suite suite) => new Dictionary<string, IReadOnlyList<string>>
    {
        [Database] = [ReleaseTools.Run(suite, "cinder-manage", "--config-file", ConfigFile, "db", "version").LastLine],
    };

    public override List<string> Rows() =>
    [
        .. Query("SELECT 'volume', id, project_id, size, status, attach_status, display_name, volume_type_id, bootable, host, service_uuid FROM volumes ORDER BY id", Database),
        .. Query("SELECT 'type', id, name FROM volume_types WHERE deleted = 0 ORDER BY id", Database),
        .. Query("SELECT 'service', uuid, host, `binary` FROM services ORDER BY uuid", Database),
    ];
}
