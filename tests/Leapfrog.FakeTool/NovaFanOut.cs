namespace Leapfrog.FakeTool;

/// <summary>
/// nova's online data migrations reach into every cell (stein on): fill_virtual_interface_list walks every cell mapping
/// of the API database and reads its instances with the running release's models (nova/objects/virtual_interface.py),
/// so a cell whose schema is older than the tool's release, or whose database cannot be reached, makes that migration
/// raise ("Error attempting to run ..."), whichever cell's config the run was given. cell0's database is not modelled by
/// the fake tools, so it is not visited.
/// </summary>
internal static class NovaFanOut
{
    private const string Migration = "fill_virtual_interface_list";
    private const string Cell0Uuid = "00000000-0000-0000-0000-000000000000";

    /// <summary>Visits every mapped cell; returns true when the migration raised (its error logged on stderr, as nova's LOG.exception).</summary>
    public static bool Raised(ToolContext ctx)
    {
        if (ctx.Service != "nova" || !ctx.AtLeast("stein") || string.IsNullOrWhiteSpace(ctx.Ini.Get("api_database", "connection")))
        {
            return false;
        }

        var rows = ctx.Sql("api_database").Run(
            "SET @has := (SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'fake_cell_mappings');\n"
            + "SET @q := IF(@has > 0, 'SELECT name, uuid, database_connection FROM fake_cell_mappings ORDER BY name', 'SELECT 1, 2, 3 FROM DUAL WHERE 0');\n"
            + "PREPARE s FROM @q; EXECUTE s; DEALLOCATE PREPARE s;");
        foreach (var row in rows.Where(r => r.Length >= 3 && r[1] != Cell0Uuid))
        {
            string? error;
            try
            {
                var url = DbUrl.Parse(row[2], $"cell {row[0]}'s database_connection");
                ctx.Redactor.Add(url.Password);
                var schema = new FakeSchema(new SqlClient(url, ctx.Redactor), "nova", ctx).Load();
                error = schema.Current is not null && schema.Current.Order >= ctx.Release.Order ? null
                    : $"(pymysql.err.OperationalError) (1054, \"Unknown column 'instances.{ctx.Release.Name}_column' in 'SELECT'\"): cell {row[0]} is at {schema.Revision}";
            }
            catch (ToolExit e)
            {
                error = e.Message;
            }

            if (error is not null)
            {
                ctx.Out.WriteLine($"Error attempting to run <function {Migration}>");
                ctx.Err.WriteLine($"ERROR nova.cmd.manage Error attempting to run <function {Migration}>: {ctx.Redactor.Clean(error)}");
                return true;
            }
        }

        return false;
    }
}
