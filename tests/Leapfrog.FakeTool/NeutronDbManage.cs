namespace Leapfrog.FakeTool;

/// <summary>
/// neutron-db-manage (neutron/db/migration/cli.py): <c>upgrade --expand|--contract|heads|head</c>,
/// <c>has_offline_migrations</c> (rc 1 when contract migrations are pending, 0 otherwise), <c>current</c>.
/// <c>--subproject NAME</c> is accepted anywhere. Expand adds, contract moves the data and completes.
/// </summary>
internal sealed class NeutronDbManage : ITool
{
    /// <inheritdoc />
    public string Usage => "[-h] [--config-file PATH] [--subproject SUBPROJECT] {current,has_offline_migrations,upgrade} ...";

    /// <inheritdoc />
    public ToolCommand Parse(IReadOnlyList<string> args, ToolContext ctx)
    {
        ToolExit U(string e) => ToolExit.Usage(ctx.Tool, Usage, e);
        var rest = args.ToList();
        ArgReader.TakeValue(rest, U, "--subproject");
        if (rest.Count == 0)
        {
            throw U("too few arguments");
        }

        var command = rest[0];
        rest.RemoveAt(0);
        switch (command)
        {
            case "current":
                ArgReader.TakeFlag(rest, "--verbose");
                ArgReader.RequireEmpty(rest, U);
                return new ToolCommand("current", c =>
                {
                    var s = Schema(c);
                    c.Out.WriteLine(s.Current is null ? "  Running current for neutron ..." : $"{s.Revision} (head)");
                    c.Out.WriteLine("  OK");
                    return 0;
                });
            case "has_offline_migrations":
                ArgReader.RequireEmpty(rest, U);
                return new ToolCommand("has_offline_migrations", c =>
                {
                    var s = Schema(c);
                    s.GuardNotNewer();
                    if (s.Done)
                    {
                        c.Out.WriteLine("No offline migrations pending.");
                        return 0;
                    }

                    c.Out.WriteLine("Need to apply migrations from neutron contract branch. This will require all Neutron server instances to be shutdown before proceeding with the upgrade.");
                    return 1;
                });
            case "upgrade":
                var expand = ArgReader.TakeFlag(rest, "--expand");
                var contract = ArgReader.TakeFlag(rest, "--contract");
                var heads = rest.RemoveAll(a => a is "heads" or "head") > 0;
                ArgReader.RequireEmpty(rest, U);
                if ((expand ? 1 : 0) + (contract ? 1 : 0) + (heads ? 1 : 0) != 1)
                {
                    throw U("upgrade: exactly one of --expand, --contract or a revision (heads) is required");
                }

                var key = expand ? "upgrade --expand" : contract ? "upgrade --contract" : "upgrade heads";
                return new ToolCommand(key, c =>
                {
                    var s = Schema(c);
                    if (expand)
                    {
                        s.Expand();
                    }
                    else if (contract)
                    {
                        s.Migrate();
                        s.Contract();
                    }
                    else
                    {
                        s.SyncAll();
                    }

                    c.Out.WriteLine("  OK");
                    return 0;
                });
            default:
                throw ArgReader.InvalidChoice(U, "command", command, ["current", "has_offline_migrations", "upgrade"]);
        }
    }

    private static FakeSchema Schema(ToolContext ctx) => new FakeSchema(ctx.Sql(), "neutron", ctx).Load();
}
