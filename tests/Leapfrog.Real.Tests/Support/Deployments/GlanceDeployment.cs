namespace Leapfrog.Real.Tests.Support.Deployments;

/// <summary>glance: db sync by victoria, plus two images and an image property put in with SQL.</summary>
public sealed class GlanceDeployment(RealCloud cloud, ITestOutputHelper log, string prefix = "")
    : Deployment(cloud, log, "glance", prefix)
{
    private string Database => Db("glance");

    public override string RowsWhat => "images, image properties";

    public override void Create()
    {
        Cloud.Db.CreateDatabase(Database);
        ConfigFile = Cloud.WriteConfig($"{Prefix}glance/glance-api.conf", $"[database]\nconnection = {Cloud.Url(Database)}\n");
        ReleaseTools.Must(Log, Suite.Bullseye, [], "glance-manage", "--config-file", ConfigFile, "db", "sync");
        Cloud.Db.Exec("""
            INSERT INTO images (id, name, size, status, created_at, deleted, disk_format, container_format, owner, min_disk, min_ram, protected, visibility, os_hidden)
              VALUES ('1f0e0000-0000-4000-8000-000000000001', 'cirros-seeded', 16338944, 'active', '2021-01-02 03:04:05', 0, 'qcow2', 'bare', 'lf0project00000000000000000000001', 0, 64, 0, 'public', 0),
                     ('1f0e0000-0000-4000-8000-000000000002', 'private-seeded', 1024, 'queued', '2021-01-02 03:04:06', 0, 'raw', 'bare', 'lf0project00000000000000000000001', 1, 0, 1, 'private', 0);
            INSERT INTO image_properties (image_id, name, value, created_at, deleted)
              VALUES ('1f0e0000-0000-4000-8000-000000000001', 'hw_disk_bus', 'virtio', '2021-01-02 03:04:05', 0);
            """, Database);
    }

    public override IReadOnlyList<Verdict> Checks(Suite suite) =>
        [Verdict.ExitZero(ReleaseTools.Run(suite, "glance-manage", "--config-file", ConfigFile, "db", "check"))];

    /// <summary>glance-manage db version prints every current head on its own line (expand and contract branches).</summary>
    public override IReadOnlyDictionary<string, IReadOnlyList<string>> Versions(Suite suite) => new Dictionary<string, IReadOnlyList<string>>
    {
        [Database] = ReleaseTools.Run(suite, "glance-manage", "--config-file", ConfigFile, "db", "version").Stdout
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(),
    };

    public override List<string> Rows() =>
    [
        .. Query("SELECT 'image', id, name, size, status, disk_format, owner, min_ram, protected, visibility FROM images ORDER BY id", Database),
        .. Query("SELECT 'property', image_id, name, value FROM image_properties ORDER BY image_id, name", Database),
    ];
}
