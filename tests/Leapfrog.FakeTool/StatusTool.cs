namespace Leapfrog.FakeTool;

/// <summary>
/// <c>&lt;service&gt;-status upgrade check</c> (oslo.upgradecheck: 0 success, 1 warning, 2 failure, 255
/// error). nova-status exists from ocata, the others from stein (the upgrade-checkers goal). Run by the
/// new release before its schema moves: failure when the database is newer than the tool or the current
/// release's data migrations are unfinished; warning when the current release was never contracted.
/// </summary>
internal sealed class StatusTool(string service) : ITool
{
    /// <inheritdoc />
    public string Usage => "[-h] [--config-file PATH] [--version] {upgrade} ...";

    /// <inheritdoc />
    public ToolCommand Parse(IReadOnlyList<string> args, ToolContext ctx)
    {
        ToolExit U(string e) => ToolExit.Usage(ctx.Tool, Usage, e);
        if (!ctx.AtLeast(service == "nova" ? "ocata" : "stein"))
        {
            throw new ToolExit(2, $"usage: {ctx.Tool}\n{ctx.Tool}: error: {ctx.Tool} does not exist in {ctx.Release.Name}");
        }

        if (args.Count < 2 || args[0] != "upgrade" || args[1] != "check")
        {
            throw args.Count == 0 ? U("too few arguments") : ArgReader.InvalidChoice(U, "category", string.Join(' ', args.Take(2)), ["upgrade check"]);
        }

        var rest = args.Skip(2).ToList();
        ArgReader.TakeValue(rest, U, "--format");
        ArgReader.RequireEmpty(rest, U);
        return new ToolCommand("upgrade check", Check);
    }

    private int Check(ToolContext ctx)
    {
        FakeSchema s;
        try
        {
            s = new FakeSchema(ctx.Sql(), service, ctx).Load();
        }
        catch (ToolExit e) when (e.Code == 1)
        {
            ctx.Err.WriteLine(e.Message);
            return 255;
        }

        var (result, details, rc) =
            s.Current is not null && s.Current.Order > ctx.Release.Order
                ? ("Failure", $"The database is at {s.Current.Name}, newer than {ctx.Release.Name}.", 2)
            : s.Current is not null && s.Pending(s.Current) is var left && left > 0 && s.Current.Order < ctx.Release.Order
                ? ("Failure", $"{left} rows still need the {s.Current.Name} online data migrations.", 2)
            : s.Current is not null && s.Current.Order < ctx.Release.Order && s.Rank < 3
                ? ("Warning", $"The {s.Current.Name} upgrade was never contracted.", 1)
            : ("Success", "None", 0);
        ctx.Out.WriteLine("+----------------------------------------------+");
        ctx.Out.WriteLine("| Upgrade Check Results                        |");
        ctx.Out.WriteLine("+----------------------------------------------+");
        ctx.Out.WriteLine("| Check: Database                              |");
        ctx.Out.WriteLine($"| Result: {result}");
        ctx.Out.WriteLine($"| Details: {details}");
        ctx.Out.WriteLine("+----------------------------------------------+");
        if (service == "nova" && ctx.Fake.PlacementApi == "missing")
        {
            ctx.Out.WriteLine("| Check: Placement API                         |");
            ctx.Out.WriteLine("| Result: Failure                              |");
            ctx.Out.WriteLine("| Details: No credentials specified for        |");
            ctx.Out.WriteLine("|   placement API in nova.conf.                |");
            ctx.Out.WriteLine("+----------------------------------------------+");
            rc = 2; // oslo.upgradecheck: the worst result's code
        }

        return rc;
    }
}
