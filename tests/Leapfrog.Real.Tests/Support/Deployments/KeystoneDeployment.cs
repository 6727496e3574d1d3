namespace Leapfrog.Real.Tests.Support.Deployments;

/// <summary>keystone: db_sync, fernet_setup and bootstrap by victoria, plus a project and a user put in with SQL.</summary>
public sealed class KeystoneDeployment(RealCloud cloud, ITestOutputHelper log, string prefix = "")
    : Deployment(cloud, log, "keystone", prefix)
{
    private string Database => Db("keystone");

    public override string RowsWhat => "projects, users, local users";

    public override void Create()
    {
        Cloud.Db.CreateDatabase(Database);
        var keys = Path.Combine(Cloud.Root, "etc", Prefix + "keystone", "fernet-keys");
        ConfigFile = Cloud.WriteConfig($"{Prefix}keystone/keystone.conf",
            $"[database]\nconnection = {Cloud.Url(Database)}\n[fernet_tokens]\nkey_repository = {keys}\n[credential]\nkey_repository = {keys}\n");
        var v = Suite.Bullseye;
        ReleaseTools.Must(Log, v, [], "keystone-manage", "--config-file", ConfigFile, "db_sync");
        ReleaseTools.Must(Log, v, [], "keystone-manage", "--config-file", ConfigFile, "fernet_setup", "--keystone-user", "root", "--keystone-group", "root");
        ReleaseTools.Must(Log, v, [], "keystone-manage", "--config-file", ConfigFile, "bootstrap",
            "--bootstrap-password", "not-used-1", "--bootstrap-username", "admin", "--bootstrap-project-name", "admin",
            "--bootstrap-role-name", "admin", "--bootstrap-region-id", "RegionOne");
        Cloud.Db.Exec("""
            INSERT INTO project (id, name, extra, description, enabled, domain_id, parent_id, is_domain)
              VALUES ('lf0project00000000000000000000001', 'leapfrog-one', '{}', 'seeded before the first hop', 1, 'default', 'default', 0);
            INSERT INTO user (id, extra, enabled, domain_id, created_at)
              VALUES ('lf0user0000000000000000000000001', '{}', 1, 'default', '2021-01-02 03:04:05');
            INSERT INTO local_user (user_id, domain_id, name, failed_auth_count) VALUES ('lf0user0000000000000000000000001', 'default', 'leapfrog-user', 0);
            """, Database);
    }

    public override IReadOnlyList<Verdict> Checks(Suite suite) =>
        [Verdict.ExitZero(ReleaseTools.Run(suite, "keystone-manage", "--config-file", ConfigFile, "db_sync", "--check"))];

    public override List<string> Rows() =>
    [
        .. Query("SELECT 'project', id, name, domain_id, enabled, is_domain FROM project ORDER BY id", Database),
        .. Query("SELECT 'user', id, domain_id, enabled FROM user ORDER BY id", Database),
        .. Query("SELECT 'local_user', user_id, domain_id, name FROM local_user ORDER BY user_id", Database),
    ];
}
