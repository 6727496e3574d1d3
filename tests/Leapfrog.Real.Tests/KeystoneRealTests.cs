using Leapfrog.Real.Tests.Support;

namespace Leapfrog.Real.Tests;

[Trait("tier", "real")]
public sealed class KeystoneRealTests(ITestOutputHelper log)
{
    private const string Db = "keystone";

    [Fact]
    public void A_keystone_database_made_by_victoria_is_hopped_to_zed_then_2025_1_then_forky_by_their_own_tools_and_keeps_its_rows()
    {
        var cloud = RealCloud.Shared;
        cloud.Db.CreateDatabase(Db);
        var keys = Path.Combine(cloud.Root, "etc", "keystone", "fernet-keys");
        var conf = cloud.WriteConfig("keystone/keystone.conf",
            $"[database]\nconnection = {cloud.Url(Db)}\n[fernet_tokens]\nkey_repository = {keys}\n[credential]\nkey_repository = {keys}\n");
        var chain = new Chain(cloud, log, "keystone", conf, suite =>
            [Verdict.ExitZero(ReleaseTools.Run(suite, "keystone-manage", "--config-file", conf, "db_sync", "--check"))]);

        ReleaseTools.Must(log, Suite.Bullseye, [], "keystone-manage", "--config-file", conf, "db_sync");
        ReleaseTools.Must(log, Suite.Bullseye, [], "keystone-manage", "--config-file", conf, "fernet_setup", "--keystone-user", "root", "--keystone-group", "root");
        ReleaseTools.Must(log, Suite.Bullseye, [], "keystone-manage", "--config-file", conf, "bootstrap",
            "--bootstrap-password", "not-used-1", "--bootstrap-username", "admin", "--bootstrap-project-name", "admin",
            "--bootstrap-role-name", "admin", "--bootstrap-region-id", "RegionOne");
        cloud.Db.Exec("""
            INSERT INTO project (id, name, extra, description, enabled, domain_id, parent_id, is_domain)
              VALUES ('lf0project00000000000000000000001', 'leapfrog-one', '{}', 'seeded before the first hop', 1, 'default', 'default', 0);
            INSERT INTO user (id, extra, enabled, domain_id, created_at)
              VALUES ('lf0user0000000000000000000000001', '{}', 1, 'default', '2021-01-02 03:04:05');
            INSERT INTO local_user (user_id, domain_id, name, failed_auth_count) VALUES ('lf0user0000000000000000000000001', 'default', 'leapfrog-user', 0);
            """, Db);
        chain.AssertCurrent(Suite.Bullseye, "after victoria created it");
        var before = Rows(cloud);
        Assert.Contains(before, r => r.Contains("leapfrog-one"));
        Assert.Contains(before, r => r.Contains("admin"));

        chain.Walk(Suite.Bullseye, Suite.Bookworm, Suite.Trixie, Suite.Forky);

        Assert.Equal(before, Rows(cloud));
        log.WriteLine($"rows kept: {before.Count} keystone rows (projects, users, local users) equal before and after");
    }

    private static List<string> Rows(RealCloud cloud) =>
    [
        .. cloud.Db.Query("SELECT 'project', id, name, domain_id, enabled, is_domain FROM project ORDER BY id", Db).Select(r => string.Join('|', r)),
        .. cloud.Db.Query("SELECT 'user', id, domain_id, enabled FROM user ORDER BY id", Db).Select(r => string.Join('|', r)),
        .. cloud.Db.Query("SELECT 'local_user', user_id, domain_id, name FROM local_user ORDER BY user_id", Db).Select(r => string.Join('|', r)),
    ];
}
