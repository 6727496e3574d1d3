namespace Leapfrog.FakeTool;

/// <summary>
/// nova-manage (nova/cmd/manage.py): <c>api_db sync|version</c> on <c>[api_database]</c>,
/// <c>db sync|version</c> and <c>db online_data_migrations [--max-count N]</c> on <c>[database]</c>
/// (online migrations answer 2 for "errors, no progress" from stein, 19.0.0), and from ocata
/// <c>cell_v2 map_cell0|simple_cell_setup|create_cell|list_cells</c> (cell mappings kept in the API database: <see cref="NovaCells"/>).
/// </summary>
internal sealed class NovaManage : ITool
{
    /// <inheritdoc />
    public string Usage => "[-h] [--config-file PATH] [--version] {api_db,cell_v2,db} ...";

    /// <inheritdoc />
    public ToolCommand Parse(IReadOnlyList<string> args, ToolContext ctx)
    {
        ToolExit U(string e) => ToolExit.Usage(ctx.Tool, Usage, e);
        var categories = ctx.AtLeast("ocata") ? new[] { "api_db", "cell_v2", "db" } : ["api_db", "db"];
        if (args.Count == 0)
        {
            throw U("too few arguments");
        }

        if (!categories.Contains(args[0]))
        {
            throw ArgReader.InvalidChoice(U, "category", args[0], categories);
        }

        var actions = args[0] switch
        {
            "api_db" => new[] { "sync", "version" },
            "db" => ["sync", "version", "online_data_migrations"],
            _ => ["map_cell0", "simple_cell_setup", "list_cells", "create_cell"],
        };
        if (args.Count < 2)
        {
            throw U("too few arguments");
        }

        if (!actions.Contains(args[1]))
        {
            throw ArgReader.InvalidChoice(U, "action", args[1], actions);
        }

        var key = $"{args[0]} {args[1]}";
        var rest = args.Skip(2).ToList();
        switch (key)
        {
            case "db online_data_migrations":
                var max = ArgReader.TakeValue(rest, U, "--max-count", "--max_count");
                ArgReader.RequireEmpty(rest, U);
                return new ToolCommand(key, c => OnlineMigrations.Run(c, max, "stein"));
            case "db sync":
                ArgReader.TakeFlag(rest, "--local_cell");
                ArgReader.RequireEmpty(rest, U);
                return new ToolCommand(key, c => Ok(new FakeSchema(c.Sql(), "nova", c).Load().SchemaSync()));
            case "api_db sync":
                ArgReader.RequireEmpty(rest, U);
                return new ToolCommand(key, c => Ok(new FakeSchema(c.Sql("api_database"), "nova_api", c).Load().SyncAll()));
            case "db version":
            case "api_db version":
                ArgReader.RequireEmpty(rest, U);
                var (section, component) = args[0] == "db" ? ("database", "nova") : ("api_database", "nova_api");
                return new ToolCommand(key, c =>
                {
                    c.Out.WriteLine(new FakeSchema(c.Sql(section), component, c).Load().Revision);
                    return 0;
                });
            default:
                // The URLs may hold a password (redacted in exec_log).
                var name = args[1] == "create_cell" ? ArgReader.TakeValue(rest, U, "--name") : null;
                var database = ArgReader.TakeValue(rest, U, "--database_connection", "--database-connection");
                var transport = ArgReader.TakeValue(rest, U, "--transport-url", "--transport_url");
                var verbose = ArgReader.TakeFlag(rest, "--verbose");
                ArgReader.RequireEmpty(rest, U);
                return new ToolCommand(key, c => NovaCells.Run(c, args[1], name, database, transport, verbose));
        }
    }

    /// <summary>A sync succeeds whether it applied something or found nothing to do.</summary>
    private static int Ok(bool applied)
    {
        _ = applied;
        return 0;
    }
}
