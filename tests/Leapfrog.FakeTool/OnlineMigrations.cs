using System.Globalization;

namespace Leapfrog.FakeTool;

/// <summary>
/// <c>db online_data_migrations [--max-count N]</c> as nova, cinder and placement implement it
/// (nova/cmd/manage.py DbCommands.online_data_migrations): with --max-count one batch, rc 1 when it
/// migrated something, 0 when nothing was left; without, batches of 50 until done, rc 0; a migration
/// raising and nothing migrated: rc 2 from <c>errorsSince</c> on, before that the exception escaped (rc 1);
/// a bad --max-count: rc 127. nova's also reach into every cell (<see cref="NovaFanOut"/>).
/// </summary>
internal static class OnlineMigrations
{
    /// <summary>Runs the migrations of the tool's release on the service's database.</summary>
    public static int Run(ToolContext ctx, string? maxCountText, string errorsSince)
    {
        int? max = null;
        if (maxCountText is not null)
        {
            if (!int.TryParse(maxCountText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) || v < 1)
            {
                ctx.Out.WriteLine("Must supply a positive value for max_number");
                return 127;
            }

            max = v;
        }

        var schema = new FakeSchema(ctx.Sql(), ctx.Service, ctx).Load();
        schema.GuardNotNewer();
        if (schema.Current is null || schema.Current.Order < ctx.Release.Order)
        {
            throw new ToolExit(1,
                $"ERROR: database schema of {ctx.Service} is at {schema.Revision}; run '{ctx.Tool} db sync' with the {ctx.Release.Name} tools first");
        }

        var raised = NovaFanOut.Raised(ctx);
        var name = $"migrate_{ctx.Service}_items_{ctx.Release.Name}";
        var total = schema.Pending(ctx.Release);
        if (max is null)
        {
            ctx.Out.WriteLine("Running batches of 50 until complete");
        }

        if (ctx.Fake.DataError && total > 0)
        {
            ctx.Err.WriteLine($"Error attempting to run {name}: fake data error (data_error = true)");
            Table(ctx, name, total, 0);
            if (max is null)
            {
                ctx.Out.WriteLine("Some migrations failed unexpectedly. Check log for details.");
            }

            return ctx.AtLeast(errorsSince) ? 2 : 1;
        }

        if (ctx.Fake.DataStuck && total > 0)
        {
            // Like a migration that finds rows it never manages to move: "more" with --max-count, nothing completed.
            Table(ctx, name, Math.Min(total, max ?? total), 0);
            return max is not null ? 1 : 0;
        }

        var done = 0;
        int ran;
        do
        {
            ran = schema.MigrateBatch(max ?? 50);
            done += ran;
        }
        while (max is null && ran > 0);

        Table(ctx, name, total, done);
        if (raised && (max is null || done == 0))
        {
            // nova: exceptions are fatal when nothing else moved (with --max-count) or always (without).
            ctx.Out.WriteLine("Some migrations failed unexpectedly. Check log for details.");
            return 2;
        }

        return max is not null && done > 0 ? 1 : 0;
    }

    private static void Table(ToolContext ctx, string name, int needed, int completed)
    {
        var w = Math.Max(name.Length, 9);
        var line = $"+-{new string('-', w)}-+--------------+-----------+";
        ctx.Out.WriteLine(line);
        ctx.Out.WriteLine($"| {"Migration".PadRight(w)} | Total Needed | Completed |");
        ctx.Out.WriteLine(line);
        ctx.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name.PadRight(w)} | {needed,12} | {completed,9} |"));
        ctx.Out.WriteLine(line);
    }
}
