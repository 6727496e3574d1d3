using Leapfrog.Real.Tests.Support;

namespace Leapfrog.Real.Tests;

[Trait("tier", "real")]
public sealed class GlanceRealTests(ITestOutputHelper log)
{
    private const string Db = "glance";

    [Fact]
    public void A_glance_database_made_by_victoria_is_hopped_to_zed_then_2025_1_by_their_own_tools_and_keeps_its_images()
    {
        var cloud = RealCloud.Shared;
        cloud.Db.CreateDatabase(Db);
        var conf = cloud.WriteConfig("glance/glance-api.conf", $"[database]\nconnection = {cloud.Url(Db)}\n");
        var chain = new Chain(cloud, log, "glance", conf, suite =>
            [Verdict.ExitZero(ReleaseTools.Run(suite, "glance-manage", "--config-file", conf, "db", "check"))]);

        ReleaseTools.Must(log, Suite.Bullseye, [], "glance-manage", "--config-file", conf, "db", "sync");
        cloud.Db.Exec("""
            INSERT INTO images (id, name, size, status, created_at, deleted, disk_format, container_format, owner, min_disk, min_ram, protected, visibility, os_hidden)
              VALUES ('1f0e0000-0000-4000-8000-000000000001', 'cirros-seeded', 16338944, 'active', '2021-01-02 03:04:05', 0, 'qcow2', 'bare', 'lf0project00000000000000000000001', 0, 64, 0, 'public', 0),
                     ('1f0e0000-0000-4000-8000-000000000002', 'private-seeded', 1024, 'queued', '2021-01-02 03:04:06', 0, 'raw', 'bare', 'lf0project00000000000000000000001', 1, 0, 1, 'private', 0);
            INSERT INTO image_properties (image_id, name, value, created_at, deleted)
              VALUES ('1f0e0000-0000-4000-8000-000000000001', 'hw_disk_bus', 'virtio', '2021-01-02 03:04:05', 0);
            """, Db);
        chain.AssertCurrent(Suite.Bullseye, "after victoria created it");
        var before = Rows(cloud);
        Assert.Equal(3, before.Count);

        chain.Walk(Suite.Bullseye, Suite.Bookworm, Suite.Trixie, Suite.Forky);

        Assert.Equal(before, Rows(cloud));
        log.WriteLine($"rows kept: {before.Count} glance rows (images, image properties) equal before and after");
    }

    private static List<string> Rows(RealCloud cloud) =>
    [
        .. cloud.Db.Query("SELECT 'image', id, name, size, status, disk_format, owner, min_ram, protected, visibility FROM images ORDER BY id", Db)
            .Select(r => string.Join('|', r)),
        .. cloud.Db.Query("SELECT 'property', image_id, name, value FROM image_properties ORDER BY image_id, name", Db)
            .Select(r => string.Join('|', r)),
    ];
}
