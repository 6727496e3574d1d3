namespace Leapfrog.FakeTool;

/// <summary>
/// cinder-manage (cinder/cmd/manage.py) and placement-manage (placement/cmd/manage.py):
/// <c>db sync</c>, <c>db version</c>, <c>db online_data_migrations [--max-count N]</c>. Cinder's online
/// migrations exist from ocata and answer 2 ("errors, no progress") from stein (14.0.0); placement-manage
/// exists from stein, when placement left nova.
/// </summary>
internal sealed class DataManage(string service) : ITool
{
    /// <inheritdoc />
    public string Usage => "[-h] [--config-file PATH] [--version] {db} ...";

    /// <summary>First release with this tool at all.</summary>
    private string Since => service == "placement" ? "stein" : "newton";

    /// <summary>First release with online data migrations.</summary>
    private string OnlineSince => service == "placement" ? "stein" : "ocata";

    /// <inheritdoc />
    public ToolCommand Parse(IReadOnlyList<string> args, ToolContext ctx)
    {
        ToolExit U(string e) => ToolExit.Usage(ctx.Tool, Usage, e);
        if (!ctx.AtLeast(Since))
        {
            throw new ToolExit(2, $"usage: {ctx.Tool}\n{ctx.Tool}: error: {ctx.Tool} does not exist in {ctx.Release.Name} (placement was split out of nova in stein)");
        }

        if (args.Count < 2)
        {
            throw U("too few arguments");
        }

        if (args[0] != "db")
        {
            throw ArgReader.InvalidChoice(U, "category", args[0], ["db"]);
        }

        var actions = new List<string> { "sync", "version" };
        if (ctx.AtLeast(OnlineSince))
        {
            actions.Add("online_data_migrations");
        }

        if (!actions.Contains(args[1]))
        {
            throw ArgReader.InvalidChoice(U, "action", args[1], actions);
        }

        var rest = args.Skip(2).ToList();
        var action = args[1];
        switch (action)
        {
            case "online_data_migrations":
                var max = ArgReader.TakeValue(rest, U, "--max-count", "--max_count");
                ArgReader.RequireEmpty(rest, U);
                return new ToolCommand("db online_data_migrations", c => OnlineMigrations.Run(c, max, "stein"));
            case "sync":
                // cinder's --bump-versions (the final hop's step) is logged as its own step: it runs once, beside the plain sync.
                var bump = ArgReader.TakeFlag(rest, "--bump-versions");
                ArgReader.RequireEmpty(rest, U);
                return new ToolCommand(bump ? "db sync --bump-versions" : "db sync", c =>
                {
                    new FakeSchema(c.Sql(), service, c).Load().SchemaSync();
                    return 0;
                });
            default:
                ArgReader.RequireEmpty(rest, U);
                return new ToolCommand("db version", c =>
                {
                    c.Out.WriteLine(new FakeSchema(c.Sql(), service, c).Load().Revision);
                    return 0;
                });
        }
    }
}
