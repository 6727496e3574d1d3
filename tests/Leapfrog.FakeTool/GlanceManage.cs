namespace Leapfrog.FakeTool;

/// <summary>
/// glance-manage (glance/cmd/manage.py): <c>db sync|version</c> always; <c>db expand|migrate|contract</c>
/// from ocata; <c>db check</c> from queens (0 up to date, 3 expand, 4 migrate, 5 contract needed, 1 error).
/// The legacy spellings <c>db_sync</c>, <c>db_version</c> are accepted.
/// </summary>
internal sealed class GlanceManage : ITool
{
    /// <inheritdoc />
    public string Usage => "[-h] [--config-file PATH] [--version] {db,db_sync,db_version} ...";

    /// <inheritdoc />
    public ToolCommand Parse(IReadOnlyList<string> args, ToolContext ctx)
    {
        ToolExit U(string e) => ToolExit.Usage(ctx.Tool, Usage, e);
        var rest = args.ToList();
        if (rest.Count > 0 && rest[0] is "db_sync" or "db_version")
        {
            rest.InsertRange(0, ["db", rest[0][3..]]);
            rest.RemoveAt(2);
        }

        if (rest.Count == 0)
        {
            throw U("too few arguments");
        }

        if (rest[0] != "db")
        {
            throw ArgReader.InvalidChoice(U, "category", rest[0], ["db"]);
        }

        var actions = new List<string> { "version", "sync", "upgrade" };
        if (ctx.AtLeast("ocata"))
        {
            actions.AddRange(["expand", "migrate", "contract"]);
        }

        if (ctx.AtLeast("queens"))
        {
            actions.Add("check");
        }

        if (rest.Count < 2)
        {
            throw U("too few arguments");
        }

        if (!actions.Contains(rest[1]))
        {
            throw ArgReader.InvalidChoice(U, "action_fn", rest[1], actions);
        }

        var action = rest[1];
        ArgReader.RequireEmpty(rest.Skip(2).ToList(), U);
        return new ToolCommand($"db {action}", c => Run(c, action));
    }

    private static int Run(ToolContext ctx, string action)
    {
        var s = new FakeSchema(ctx.Sql(), "glance", ctx).Load();
        switch (action)
        {
            case "version":
                ctx.Out.WriteLine(s.Revision);
                return 0;
            case "check":
                return Check(ctx, s);
            case "expand":
                s.Expand();
                ctx.Out.WriteLine("Database expansion is up to date. No migration needed.");
                return 0;
            case "migrate":
                s.Migrate();
                ctx.Out.WriteLine("Database migration is up to date. No migration needed.");
                return 0;
            case "contract":
                s.Contract();
                ctx.Out.WriteLine("Database is up to date. No migrations needed.");
                return 0;
            default:
                s.SyncAll();
                ctx.Out.WriteLine("Database is synced successfully.");
                return 0;
        }
    }

    private static int Check(ToolContext ctx, FakeSchema s)
    {
        s.GuardNotNewer();
        if (s.Current is null || s.Current.Order < ctx.Release.Order)
        {
            ctx.Out.WriteLine("Your database is not up to date. Your first step is to run `glance-manage db expand`.");
            return 3;
        }

        if (s.Rank == 1)
        {
            ctx.Out.WriteLine("Your database is not up to date. Your next step is to run `glance-manage db migrate`.");
            return 4;
        }

        if (s.Rank == 2)
        {
            ctx.Out.WriteLine("Your database is not up to date. Your next step is to run `glance-manage db contract`.");
            return 5;
        }

        ctx.Out.WriteLine("Database is up to date. No upgrades needed.");
        return 0;
    }
}
