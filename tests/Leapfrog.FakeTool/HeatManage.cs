namespace Leapfrog.FakeTool;

/// <summary>heat-manage (heat/cmd/manage.py): <c>db_sync</c> (all phases at once), <c>db_version</c>.</summary>
internal sealed class HeatManage : ITool
{
    /// <inheritdoc />
    public string Usage => "[-h] [--config-file PATH] [--version] {db_sync,db_version} ...";

    /// <inheritdoc />
    public ToolCommand Parse(IReadOnlyList<string> args, ToolContext ctx)
    {
        ToolExit U(string e) => ToolExit.Usage(ctx.Tool, Usage, e);
        if (args.Count == 0)
        {
            throw U("too few arguments");
        }

        var rest = args.Skip(1).ToList();
        ArgReader.RequireEmpty(rest, U);
        return args[0] switch
        {
            "db_sync" => new ToolCommand("db_sync", c =>
            {
                new FakeSchema(c.Sql(), "heat", c).Load().SyncAll();
                return 0;
            }),
            "db_version" => new ToolCommand("db_version", c =>
            {
                c.Out.WriteLine(new FakeSchema(c.Sql(), "heat", c).Load().Revision);
                return 0;
            }),
            _ => throw ArgReader.InvalidChoice(U, "command", args[0], ["db_sync", "db_version"]),
        };
    }
}
