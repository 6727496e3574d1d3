namespace Leapfrog.Real.Tests.Support.Deployments;

/// <summary>
/// nova with three cells: api_db sync, map_cell0, db sync and create_cell cell1 by victoria, and a cell2 in its own
/// database (create_cell cell2, then db sync --local_cell through a config naming its database, by victoria), plus
/// instance mappings (API database) and instances (cell1 and cell2) put in with SQL.
/// </summary>
public sealed class NovaDeployment(RealCloud cloud, ITestOutputHelper log, string prefix = "")
    : Deployment(cloud, log, "nova", prefix)
{
    private string Api => Db("nova_api");

    private string Cell1 => Db("nova");

    private string Cell0 => Db("nova_cell0");

    private string Cell2 => Db("nova_cell2");

    /// <summary>A config that points the tools at cell2's database (given after the service's own).</summary>
    public string Cell2Config { get; private set; } = "";

    public override string RowsWhat => "cell mappings, instance mappings, live instances of cell1 and cell2";

    public override void Create()
    {
        foreach (var db in new[] { Api, Cell1, Cell0, Cell2 })
        {
            Cloud.Db.CreateDatabase(db);
        }

        ConfigFile = Cloud.WriteConfig($"{Prefix}nova/nova.conf",
            $"[DEFAULT]\ntransport_url = rabbit://guest:guest@127.0.0.1:5672/\n" +
            $"[database]\nconnection = {Cloud.Url(Cell1)}\n[api_database]\nconnection = {Cloud.Url(Api)}\n");
        var v = Suite.Bullseye;
        ReleaseTools.Must(Log, v, [], "nova-manage", "--config-file", ConfigFile, "api_db", "sync");
        ReleaseTools.Must(Log, v, [], "nova-manage", "--config-file", ConfigFile, "cell_v2", "map_cell0");
        ReleaseTools.Must(Log, v, [], "nova-manage", "--config-file", ConfigFile, "db", "sync");
        ReleaseTools.Must(Log, v, [], "nova-manage", "--config-file", ConfigFile, "cell_v2", "create_cell", "--name", "cell1");
        // As nova's docs add a cell: its database in [database] connection of a config given after nova.conf, and its own
        // message queue (victoria refuses a cell whose transport URL or database another cell has: rc 2).
        Cell2Config = Cloud.WriteConfig($"{Prefix}nova/cell2.conf", $"[database]\nconnection = {Cloud.Url(Cell2)}\n");
        ReleaseTools.Must(Log, v, [], "nova-manage", "--config-file", ConfigFile, "--config-file", Cell2Config, "cell_v2", "create_cell", "--name", "cell2",
            "--transport-url", "rabbit://guest:guest@127.0.0.1:5672/cell2");
        ReleaseTools.Must(Log, v, [], "nova-manage", "--config-file", ConfigFile, "--config-file", Cell2Config, "db", "sync", "--local_cell");
        var cells = ReleaseTools.Must(Log, v, [], "nova-manage", "--config-file", ConfigFile, "cell_v2", "list_cells");
        Assert.Contains("cell0", cells.Stdout);
        Assert.Contains("cell1", cells.Stdout);
        Assert.Contains("cell2", cells.Stdout);
        Cloud.Db.Exec("""
            INSERT INTO instance_mappings (created_at, instance_uuid, cell_id, project_id, user_id, queued_for_delete)
              SELECT '2021-01-02 03:04:05', CONCAT('9a0f0000-0000-4000-8000-00000000000', n.i), c.id, 'lf0project00000000000000000000001', 'lf0user0000000000000000000000001', 0
              FROM cell_mappings c JOIN (SELECT 1 AS i UNION SELECT 2 UNION SELECT 3) n WHERE c.name = 'cell1';
            INSERT INTO instance_mappings (created_at, instance_uuid, cell_id, project_id, user_id, queued_for_delete)
              SELECT '2021-01-02 03:04:05', CONCAT('9a0f0000-0000-4000-8000-00000000002', n.i), c.id, 'lf0project00000000000000000000002', 'lf0user0000000000000000000000002', 0
              FROM cell_mappings c JOIN (SELECT 1 AS i UNION SELECT 2) n WHERE c.name = 'cell2';
            """, Api);
        Cloud.Db.Exec("""
            INSERT INTO instances (created_at, deleted, uuid, user_id, project_id, display_name, hostname, vm_state, power_state, memory_mb, vcpus, root_gb, ephemeral_gb)
              VALUES ('2021-01-02 03:04:05', 0, '9a0f0000-0000-4000-8000-000000000001', 'lf0user0000000000000000000000001', 'lf0project00000000000000000000001', 'web-1', 'web-1', 'active', 1, 512, 1, 1, 0),
                     ('2021-01-02 03:04:05', 0, '9a0f0000-0000-4000-8000-000000000002', 'lf0user0000000000000000000000001', 'lf0project00000000000000000000001', 'web-2', 'web-2', 'stopped', 4, 1024, 2, 10, 0),
                     ('2021-01-02 03:04:05', 0, '9a0f0000-0000-4000-8000-000000000003', 'lf0user0000000000000000000000001', 'lf0project00000000000000000000001', 'db-1', 'db-1', 'active', 1, 2048, 4, 20, 0);
            """, Cell1);
        Cloud.Db.Exec("""
            INSERT INTO instances (created_at, deleted, uuid, user_id, project_id, display_name, hostname, vm_state, power_state, memory_mb, vcpus, root_gb, ephemeral_gb)
              VALUES ('2021-01-02 03:04:05', 0, '9a0f0000-0000-4000-8000-000000000021', 'lf0user0000000000000000000000002', 'lf0project00000000000000000000002', 'edge-1', 'edge-1', 'active', 1, 4096, 8, 40, 0),
                     ('2021-01-02 03:04:05', 0, '9a0f0000-0000-4000-8000-000000000022', 'lf0user0000000000000000000000002', 'lf0project00000000000000000000002', 'edge-2', 'edge-2', 'paused', 3, 512, 1, 5, 0);
            """, Cell2);
    }

    public override IReadOnlyList<Verdict> Checks(Suite suite)
    {
        var mainHeads = MigrationHeads.Of(suite, "nova/db/main/migrations/versions", "nova/db/sqlalchemy/migrate_repo/versions");
        return
        [
            Verdict.AtHeads(ReleaseTools.Run(suite, "nova-manage", "--config-file", ConfigFile, "api_db", "version"),
                MigrationHeads.Of(suite, "nova/db/api/migrations/versions", "nova/db/sqlalchemy/api_migrations/migrate_repo/versions")),
            Verdict.AtHeads(ReleaseTools.Run(suite, "nova-manage", "--config-file", ConfigFile, "db", "version"), mainHeads),
            Cell0AtHeads(mainHeads),
            Cell2AtHeads(suite, mainHeads),
        ];
    }

    /// <summary>nova_api, cell1 and cell2 as nova-manage's own `version` commands print them; cell0 from its version table (no command reads it).</summary>
    public override IReadOnlyDictionary<string, IReadOnlyList<string>> Versions(Suite suite) => new Dictionary<string, IReadOnlyList<string>>
    {
        [Api] = [ReleaseTools.Run(suite, "nova-manage", "--config-file", ConfigFile, "api_db", "version").LastLine],
        [Cell1] = [ReleaseTools.Run(suite, "nova-manage", "--config-file", ConfigFile, "db", "version").LastLine],
        [Cell0] = Cloud.Db.Query("SELECT version_num FROM alembic_version", Cell0).Select(r => r[0]).ToList(),
        [Cell2] = [ReleaseTools.Run(suite, "nova-manage", "--config-file", ConfigFile, "--config-file", Cell2Config, "db", "version").LastLine],
    };

    /// <summary>Live rows only: online data migrations may add their own soft-deleted marker rows (fill_virtual_interface_list's all-zero instance).</summary>
    public override List<string> Rows() =>
    [
        .. Query("SELECT 'cell', uuid, name, disabled FROM cell_mappings ORDER BY name", Api),
        .. Query("""
            SELECT 'mapping', m.instance_uuid, c.name, m.project_id, m.user_id, m.queued_for_delete
            FROM instance_mappings m JOIN cell_mappings c ON c.id = m.cell_id ORDER BY m.instance_uuid
            """, Api),
        .. Query("SELECT 'instance', uuid, display_name, project_id, vm_state, power_state, memory_mb, vcpus, root_gb FROM instances WHERE deleted = 0 ORDER BY uuid", Cell1),
        .. Query("SELECT 'cell2 instance', uuid, display_name, project_id, vm_state, power_state, memory_mb, vcpus, root_gb FROM instances WHERE deleted = 0 ORDER BY uuid", Cell2),
    ];

    /// <summary>Soft-deleted rows nova's own migrations added, for the log.</summary>
    public IReadOnlyList<string> Markers() => Cloud.Db.Query("SELECT uuid FROM instances WHERE deleted <> 0", Cell1).Select(r => r[0]).ToList();

    /// <summary>cell2's version as the release's own `db version` reads it through cell2's config.</summary>
    private Verdict Cell2AtHeads(Suite suite, IReadOnlySet<string> heads)
    {
        var v = Verdict.AtHeads(ReleaseTools.Run(suite, "nova-manage", "--config-file", ConfigFile, "--config-file", Cell2Config, "db", "version"), heads);
        return v with { Check = $"cell2 ({Cell2}): {v.Check}" };
    }

    /// <summary>`db version` reads only the main (cell1) database: cell0's version is read from its own version table.</summary>
    private Verdict Cell0AtHeads(IReadOnlySet<string> heads)
    {
        var alembic = Cloud.Db.Scalar($"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '{Cell0}' AND table_name = 'alembic_version'") == "1";
        var version = alembic
            ? Cloud.Db.Scalar("SELECT version_num FROM alembic_version", Cell0)
            : Cloud.Db.Scalar("SELECT version FROM migrate_version", Cell0);
        return new Verdict($"{Cell0} {(alembic ? "alembic_version" : "migrate_version")}", version is not null && heads.Contains(version),
            $"version {version}, heads shipped by the release: {string.Join(", ", heads)}");
    }
}
