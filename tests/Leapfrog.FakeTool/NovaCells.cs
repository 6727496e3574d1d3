namespace Leapfrog.FakeTool;

/// <summary>The fake <c>nova-manage cell_v2</c> commands: cell mappings in <c>fake_cell_mappings</c> of the API database.</summary>
internal static class NovaCells
{
    /// <summary>Runs map_cell0, simple_cell_setup or list_cells.</summary>
    public static int Run(ToolContext ctx, string action)
    {
        var sql = ctx.Sql("api_database");
        const string Ddl = "CREATE TABLE IF NOT EXISTS fake_cell_mappings (name VARCHAR(32) PRIMARY KEY, created_release VARCHAR(32) NOT NULL);\n";
        var schema = new FakeSchema(sql, "nova_api", ctx).Load();
        schema.GuardNotNewer();
        switch (action)
        {
            case "map_cell0":
                sql.Run(Ddl + $"INSERT IGNORE INTO fake_cell_mappings VALUES ('cell0', '{ctx.Release.Name}');");
                return 0;
            case "simple_cell_setup":
                sql.Run(Ddl + $"INSERT IGNORE INTO fake_cell_mappings VALUES ('cell0', '{ctx.Release.Name}'), ('cell1', '{ctx.Release.Name}');");
                ctx.Out.WriteLine("Cell0 is already setup");
                return 0;
            default:
                var rows = sql.Run("SET @has := (SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'fake_cell_mappings');\n"
                    + "SET @q := IF(@has > 0, 'SELECT name FROM fake_cell_mappings ORDER BY name', 'SELECT 1 FROM DUAL WHERE 0');\n"
                    + "PREPARE s FROM @q; EXECUTE s; DEALLOCATE PREPARE s;");
                ctx.Out.WriteLine("+-------+");
                ctx.Out.WriteLine("|  Name |");
                ctx.Out.WriteLine("+-------+");
                foreach (var r in rows)
                {
                    ctx.Out.WriteLine($"| {r[0],5} |");
                }

                ctx.Out.WriteLine("+-------+");
                return 0;
        }
    }
}
