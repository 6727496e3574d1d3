namespace Leapfrog.FakeTool;

/// <summary>
/// keystone-manage (keystone/cmd/cli.py): <c>db_sync [--expand|--migrate|--contract|--check]</c>,
/// <c>db_version</c>. Phases from newton; <c>--check</c> from pike (0 up to date, 2 expand needed,
/// 3 migrate needed (until yoga), 4 contract needed). From zed (alembic) expand carries the data move,
/// so --check never answers 3 and --migrate has nothing left to do.
/// </summary>
internal sealed class KeystoneManage : ITool
{
    private static readonly string[] SyncFlags = ["--expand", "--migrate", "--contract", "--check"];

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
        switch (args[0])
        {
            case "db_version":
                ArgReader.RequireEmpty(rest, U);
                return new ToolCommand("db_version", c => Version(c));
            case "db_sync":
                var flags = SyncFlags
                    .Where(f => f != "--check" || ctx.AtLeast("pike"))
                    .Where(f => ArgReader.TakeFlag(rest, f))
                    .ToList();
                ArgReader.RequireEmpty(rest, U);
                if (flags.Count > 1)
                {
                    throw U($"argument {flags[1]}: not allowed with argument {flags[0]}");
                }

                var flag = flags.FirstOrDefault();
                return new ToolCommand(flag is null ? "db_sync" : $"db_sync {flag}", c => Sync(c, flag));
            default:
                throw ArgReader.InvalidChoice(U, "command", args[0], ["db_sync", "db_version"]);
        }
    }

    private static int Version(ToolContext ctx)
    {
        ctx.Out.WriteLine(Schema(ctx).Load().Revision);
        return 0;
    }

    private static FakeSchema Schema(ToolContext ctx) => new(ctx.Sql(), "keystone", ctx);

    private static int Sync(ToolContext ctx, string? flag)
    {
        var s = Schema(ctx).Load();
        var alembic = ctx.AtLeast("zed");
        switch (flag)
        {
            case "--check":
                return Check(ctx, s, alembic);
            case "--expand":
                s.Expand(withData: alembic);
                break;
            case "--migrate":
                s.Migrate();
                break;
            case "--contract":
                s.Contract();
                break;
            default:
                s.Expand(withData: alembic);
                s.Migrate();
                s.Contract();
                break;
        }

        return 0;
    }

    private static int Check(ToolContext ctx, FakeSchema s, bool alembic)
    {
        s.GuardNotNewer();
        if (s.Current is null || s.Current.Order < ctx.Release.Order)
        {
            ctx.Out.WriteLine("Your database is not up to date. Your first step is to run `keystone-manage db_sync --expand`.");
            return 2;
        }

        if (s.Rank == 1 && !alembic)
        {
            ctx.Out.WriteLine("Expand version is ahead of migrate. Your next step is to run `keystone-manage db_sync --migrate`.");
            return 3;
        }

        if (s.Rank < 3)
        {
            ctx.Out.WriteLine("Migrate version is ahead of contract. Your next step is to run `keystone-manage db_sync --contract`.");
            return 4;
        }

        ctx.Out.WriteLine("All db_sync commands are upgraded to the same version and up-to-date.");
        return 0;
    }
}
