using System.Globalization;
using System.Text;
using Leapfrog.Core.Releases;

namespace Leapfrog.FakeTool;

/// <summary>
/// The fake schema of one component (e.g. <c>nova</c> or <c>nova_api</c>) in its database, changed with
/// real SQL. <c>fake_schema</c> holds (component, release_order, release_name, phase); every release the
/// component is moved to adds a column <c>&lt;component&gt;_&lt;release&gt;</c> to <c>fake_items</c> (expand),
/// fills it (migrate or online data migrations) and indexes it (contract). Rows are never deleted, and
/// only NULL cells of the component's own columns are ever written. <c>fake_history</c> records every
/// change that was applied (component, release, step, pid).
/// </summary>
internal sealed class FakeSchema
{
    /// <summary>Phase after expand.</summary>
    public const string Expanded = "expanded";

    /// <summary>Phase after migrate (data moved).</summary>
    public const string Migrated = "migrated";

    /// <summary>Phase after contract: the release is complete.</summary>
    public const string Contracted = "contracted";

    private readonly SqlClient _sql;
    private readonly ToolContext _ctx;
    private readonly List<string> _columns = [];

    public FakeSchema(SqlClient sql, string component, ToolContext context)
    {
        _sql = sql;
        Component = component;
        _ctx = context;
    }

    /// <summary>The component name.</summary>
    public string Component { get; }

    /// <summary>The tool's release (the target).</summary>
    public Release Target => _ctx.Release;

    /// <summary>The database's release, or null for an empty database.</summary>
    public Release? Current { get; private set; }

    /// <summary>The phase reached in <see cref="Current"/>.</summary>
    public string? Phase { get; private set; }

    /// <summary>A short revision text for <c>db version</c> style commands.</summary>
    public string Revision => Current is null ? "None" : $"{Current.Name}_{Phase}";

    /// <summary>Rank of <see cref="Phase"/>: 0 none, 1 expanded, 2 migrated, 3 contracted.</summary>
    public int Rank => Phase switch { Expanded => 1, Migrated => 2, Contracted => 3, _ => 0 };

    /// <summary>True when the database already is at the target release and complete.</summary>
    public bool Done => Current is not null && Current.Order == Target.Order && Rank == 3;

    /// <summary>Reads the state (changes nothing), then lets a slow step sleep.</summary>
    public FakeSchema Load()
    {
        var rows = _sql.Run($"""
            SET @has := (SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'fake_schema');
            SET @q := IF(@has > 0, 'SELECT ''state'', release_name, phase FROM fake_schema WHERE component = ''{Component}''', 'SELECT 1 FROM DUAL WHERE 0');
            PREPARE s FROM @q; EXECUTE s; DEALLOCATE PREPARE s;
            SELECT 'col', column_name FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'fake_items';
            """);
        foreach (var row in rows)
        {
            if (row[0] == "state" && row.Length >= 3)
            {
                Current = ToolContext.Find(row[1]);
                Phase = row[2];
            }
            else if (row[0] == "col" && row.Length >= 2 && row[1].StartsWith(Component + "_", StringComparison.Ordinal))
            {
                var rel = row[1][(Component.Length + 1)..];
                if (ReleaseCatalog.Default.TryFind(rel, out var r) && r.Name == rel)
                {
                    _columns.Add(rel);
                }
            }
        }

        _ctx.AfterStateRead();
        return this;
    }

    /// <summary>Refuses (rc 1) when the database is newer than the tool.</summary>
    public void GuardNotNewer()
    {
        if (Current is not null && Current.Order > Target.Order)
        {
            throw new ToolExit(1,
                $"ERROR: database schema of {Component} is at release {Current.Name} ({Phase}), newer than this tool's release {Target.Name}: refusing to touch it");
        }
    }

    /// <summary>Rows of <paramref name="release"/>'s column still NULL (0 when the column does not exist).</summary>
    public int Pending(Release release)
    {
        if (!_columns.Contains(release.Name))
        {
            return 0;
        }

        var rows = _sql.Run($"SELECT COUNT(*) FROM fake_items WHERE `{Col(release)}` IS NULL;");
        return int.Parse(rows[0][0], CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Schema expand to the target: creates the tables on an empty database (seeded rows already
    /// migrated), adds the target's column, tops rows up to data_rows. <paramref name="withData"/> also
    /// fills the column (expand that includes the data move).
    /// </summary>
    /// <returns>True when something was applied.</returns>
    public bool Expand(bool withData = false)
    {
        GuardNotNewer();
        if (Current is not null && Current.Order == Target.Order && Rank >= 1)
        {
            return false;
        }

        var fresh = Current is null;
        var col = Col(Target);
        var sb = new StringBuilder(Ddl);
        sb.Append(CultureInfo.InvariantCulture, $"ALTER TABLE fake_items ADD COLUMN IF NOT EXISTS `{col}` VARCHAR(120) NULL;\n");
        var names = new List<string> { "name", "created_release" };
        var values = new List<string> { $"CONCAT('{Component}-item-', seq)", $"'{Target.Name}'" };
        foreach (var c in _columns.Where(c => c != Target.Name))
        {
            names.Add($"`{Component}_{c}`");
            values.Add($"CONCAT('{Component}-item-', seq, '@{c}')");
        }

        if (fresh || withData)
        {
            names.Add($"`{col}`");
            values.Add($"CONCAT('{Component}-item-', seq, '@{Target.Name}')");
        }

        if (_ctx.Fake.DataRows > 0)
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"INSERT INTO fake_items ({string.Join(", ", names)}) SELECT {string.Join(", ", values)} FROM seq_1_to_{_ctx.Fake.DataRows} WHERE seq > (SELECT COUNT(*) FROM fake_items);\n");
        }

        if (withData)
        {
            sb.Append(Fill(col, null));
        }

        sb.Append(SetState(Target, fresh ? Contracted : withData ? Migrated : Expanded, fresh ? "create" : "expand"));
        _sql.Run(sb.ToString());
        _columns.Add(Target.Name);
        Current = Target;
        Phase = fresh ? Contracted : withData ? Migrated : Expanded;
        return true;
    }

    /// <summary>Data move of the target release: fills every NULL cell of its column. Needs expand first (rc 1).</summary>
    public bool Migrate()
    {
        GuardNotNewer();
        RequireTargetPhase(1, "migrate", "expand");
        if (Rank >= 2)
        {
            return false;
        }

        _sql.Run(Fill(Col(Target), null) + SetState(Target, Migrated, "migrate"));
        Phase = Migrated;
        return true;
    }

    /// <summary>Contract: refuses (rc 1) while rows are not migrated, then indexes the column and marks the release complete.</summary>
    public bool Contract()
    {
        GuardNotNewer();
        RequireTargetPhase(2, "contract", "migrate");
        if (Rank >= 3)
        {
            return false;
        }

        var pending = Pending(Target);
        if (pending > 0)
        {
            throw new ToolExit(1, $"ERROR: contract of {Component} to {Target.Name} blocked: {pending} rows are not migrated yet");
        }

        _sql.Run($"CREATE INDEX IF NOT EXISTS `ix_{Col(Target)}` ON fake_items (`{Col(Target)}`);\n" + SetState(Target, Contracted, "contract"));
        Phase = Contracted;
        return true;
    }

    /// <summary>Expand, migrate and contract as needed (a plain <c>db sync</c>).</summary>
    public bool SyncAll()
    {
        var applied = Expand();
        applied |= Migrate();
        applied |= Contract();
        return applied;
    }

    /// <summary>
    /// A data-migration service's schema sync (nova, cinder, placement): blocked (rc 1) while the current
    /// release's online data migrations are unfinished; leaves the new column to online migrations.
    /// </summary>
    public bool SchemaSync()
    {
        GuardNotNewer();
        if (Current is not null && Current.Order == Target.Order)
        {
            return false;
        }

        if (Current is not null && Pending(Current) is var left && left > 0)
        {
            throw new ToolExit(1,
                $"ERROR: migration blocked: {left} rows of {Component} still need the {Current.Name} online data migrations; run '{_ctx.Tool} db online_data_migrations' with the {Current.Name} tools first");
        }

        var fresh = Current is null;
        Expand();
        if (!fresh)
        {
            _sql.Run(SetState(Target, Contracted, "sync"));
            Phase = Contracted;
        }

        return true;
    }

    /// <summary>Migrates at most <paramref name="count"/> rows of the target's column; returns how many.</summary>
    public int MigrateBatch(int count)
    {
        var rows = _sql.Run(Fill(Col(Target), count) + "SET @ran := ROW_COUNT();\n"
            + $"INSERT INTO fake_history (component, release_name, step, pid) SELECT '{Component}', '{Target.Name}', 'online_data_migrations', {Environment.ProcessId} FROM DUAL WHERE @ran > 0;\n"
            + "SELECT @ran;\n");
        return int.Parse(rows[^1][0], CultureInfo.InvariantCulture);
    }

    private static string Ddl => """
        CREATE TABLE IF NOT EXISTS fake_schema (component VARCHAR(64) PRIMARY KEY, release_order INT NOT NULL,
          release_name VARCHAR(32) NOT NULL, phase VARCHAR(16) NOT NULL,
          updated_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3));
        CREATE TABLE IF NOT EXISTS fake_items (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(64) NOT NULL,
          created_release VARCHAR(32) NOT NULL);
        CREATE TABLE IF NOT EXISTS fake_history (id INT AUTO_INCREMENT PRIMARY KEY, component VARCHAR(64) NOT NULL,
          release_name VARCHAR(32) NOT NULL, step VARCHAR(32) NOT NULL, pid INT NOT NULL,
          at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3));

        """;

    private string Col(Release release) => $"{Component}_{release.Name}";

    private string Fill(string col, int? limit) =>
        $"UPDATE fake_items SET `{col}` = CONCAT(name, '@{Target.Name}') WHERE `{col}` IS NULL ORDER BY id"
        + (limit is { } n ? string.Create(CultureInfo.InvariantCulture, $" LIMIT {n}") : string.Empty) + ";\n";

    private string SetState(Release release, string phase, string step) => string.Create(CultureInfo.InvariantCulture, $"""
        INSERT INTO fake_schema (component, release_order, release_name, phase) VALUES ('{Component}', {release.Order}, '{release.Name}', '{phase}')
          ON DUPLICATE KEY UPDATE release_order = VALUES(release_order), release_name = VALUES(release_name), phase = VALUES(phase);
        INSERT INTO fake_history (component, release_name, step, pid) VALUES ('{Component}', '{release.Name}', '{step}', {Environment.ProcessId});

        """);

    private void RequireTargetPhase(int rank, string step, string before)
    {
        if (Current is null || Current.Order < Target.Order || Rank < rank)
        {
            throw new ToolExit(1,
                $"ERROR: cannot {step} {Component} to {Target.Name}: the database is at {Revision}; run {before} first");
        }
    }
}
