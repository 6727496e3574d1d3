namespace Leapfrog.FakeTool;

/// <summary>
/// The fake <c>nova-manage cell_v2</c> commands (nova/cmd/manage.py CellV2Commands): cell mappings in
/// <c>fake_cell_mappings</c> of the API database (name, uuid, transport_url, database_connection). map_cell0 maps
/// cell0 (uuid 00000000-0000-0000-0000-000000000000) to the [database] connection's database with <c>_cell0</c>
/// appended; simple_cell_setup maps cell0 and cell1 ([database] connection); create_cell adds a cell (rc 2 when one with
/// the same transport URL and database exists, rc 1 without a transport URL); list_cells prints the table the real tool
/// prints (Name, UUID, Transport URL, Database Connection, Disabled), passwords masked unless --verbose.
/// </summary>
internal static class NovaCells
{
    private const string Cell0Uuid = "00000000-0000-0000-0000-000000000000";

    private const string Ddl =
        "CREATE TABLE IF NOT EXISTS fake_cell_mappings (name VARCHAR(64) PRIMARY KEY, created_release VARCHAR(32) NOT NULL, " +
        "uuid CHAR(36) NULL, transport_url VARCHAR(512) NULL, database_connection VARCHAR(512) NULL);\n";

    /// <summary>Runs map_cell0, simple_cell_setup, create_cell or list_cells.</summary>
    public static int Run(ToolContext ctx, string action, string? name = null, string? database = null, string? transport = null, bool verbose = false)
    {
        var sql = ctx.Sql("api_database");
        var schema = new FakeSchema(sql, "nova_api", ctx).Load();
        schema.GuardNotNewer();
        switch (action)
        {
            case "map_cell0":
                Insert(ctx, sql, "cell0", Cell0Uuid, "none:/", Cell0Url(ctx));
                return 0;
            case "simple_cell_setup":
                Insert(ctx, sql, "cell0", Cell0Uuid, "none:/", Cell0Url(ctx));
                Insert(ctx, sql, "cell1", Guid.NewGuid().ToString(), ctx.Ini.Get("DEFAULT", "transport_url") ?? "none:/", ctx.Ini.Get("database", "connection") ?? "");
                ctx.Out.WriteLine("Cell0 is already setup");
                return 0;
            case "create_cell":
                transport ??= ctx.Ini.Get("DEFAULT", "transport_url");
                database ??= ctx.Ini.Get("database", "connection");
                if (string.IsNullOrEmpty(transport) || string.IsNullOrEmpty(database))
                {
                    ctx.Out.WriteLine(string.IsNullOrEmpty(transport)
                        ? "Must specify --transport-url if [DEFAULT]/transport_url is not set in the configuration file."
                        : "Must specify --database_connection if [database]/connection is not set in the configuration file.");
                    return 1;
                }

                sql.Run(Ddl);
                if (sql.Run($"SELECT COUNT(*) FROM fake_cell_mappings WHERE transport_url = {Q(transport)} AND database_connection = {Q(database)};")[0][0] != "0")
                {
                    ctx.Out.WriteLine("The specified transport_url and/or database_connection combination already exists for another cell with uuid");
                    return 2;
                }

                var uuid = Guid.NewGuid().ToString();
                Insert(ctx, sql, name ?? uuid, uuid, transport, database);
                ctx.Out.WriteLine(uuid);
                return 0;
            default:
                var rows = sql.Run("SET @has := (SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'fake_cell_mappings');\n"
                    + "SET @q := IF(@has > 0, 'SELECT name, COALESCE(uuid, name), COALESCE(transport_url, ''none:/''), COALESCE(database_connection, '''') FROM fake_cell_mappings ORDER BY name', 'SELECT 1 FROM DUAL WHERE 0');\n"
                    + "PREPARE s FROM @q; EXECUTE s; DEALLOCATE PREPARE s;");
                string[] header = ["Name", "UUID", "Transport URL", "Database Connection", "Disabled"];
                var table = rows.Select(r => new[] { r[0], r[1], verbose ? r[2] : Mask(r[2]), verbose ? r[3] : Mask(r[3]), "False" }).ToList();
                PrettyTable.Print(ctx.Out, header, table);
                return 0;
        }
    }

    private static void Insert(ToolContext ctx, SqlClient sql, string name, string uuid, string transport, string database) =>
        sql.Run(Ddl + $"INSERT IGNORE INTO fake_cell_mappings VALUES ({Q(name)}, {Q(ctx.Release.Name)}, {Q(uuid)}, {Q(transport)}, {Q(database)});");

    /// <summary>nova's map_cell0 default: the main database URL with <c>_cell0</c> appended to the database name.</summary>
    private static string Cell0Url(ToolContext ctx)
    {
        var url = ctx.Ini.Get("database", "connection") ?? "";
        var q = url.IndexOf('?', StringComparison.Ordinal);
        var (main, query) = q < 0 ? (url, "") : (url[..q], url[q..]);
        return main + "_cell0" + query;
    }

    /// <summary>nova's mask_passwd_in_url: the password becomes ****.</summary>
    private static string Mask(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var at = url.LastIndexOf('@');
        var colon = scheme < 0 ? -1 : url.IndexOf(':', scheme + 3);
        return scheme < 0 || at < 0 || colon < 0 || colon > at ? url : url[..(colon + 1)] + "****" + url[at..];
    }

    private static string Q(string text) => "'" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'";
}
