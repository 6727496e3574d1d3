namespace Leapfrog.FakeTool;

/// <summary>Runs a command with the faults the <c>[fake]</c> section injects for its step.</summary>
internal static class Faults
{
    /// <summary>Injects fail/hang/crash before the work (default) or after it (<c>fault_when = after</c>), runs the command.</summary>
    public static int Run(ToolContext ctx, ToolCommand command)
    {
        var after = ctx.Fake.FaultWhen == "after";
        if (!after)
        {
            Inject(ctx);
        }

        var rc = command.Run(ctx);
        if (after)
        {
            Inject(ctx);
        }

        return rc;
    }

    private static void Inject(ToolContext ctx)
    {
        var f = ctx.Fake;
        if (StepPattern.Matches(f.PrintUrl, ctx.Tool, ctx.Key))
        {
            var url = ctx.Ini.Get("database", "connection");
            ctx.Out.WriteLine($"fake: connecting with '{url}' (print_url)");
            ctx.Err.WriteLine($"fake: the database URL is '{url}' (print_url)");
        }

        if (StepPattern.Matches(f.CrashStep, ctx.Tool, ctx.Key))
        {
            ctx.Err.WriteLine($"fake: crashing at '{ctx.Key}' (crash_step, {f.CrashMode})");
            ctx.Err.Flush();
            if (f.CrashMode == "abort")
            {
                Environment.FailFast($"fake crash at '{ctx.Key}'");
            }

            using var me = System.Diagnostics.Process.GetCurrentProcess();
            me.Kill();
            Thread.Sleep(Timeout.Infinite);
        }

        if (StepPattern.Matches(f.HangStep, ctx.Tool, ctx.Key))
        {
            ctx.Err.WriteLine($"fake: hanging at '{ctx.Key}' (hang_step) until killed");
            ctx.Err.Flush();
            Thread.Sleep(Timeout.Infinite);
        }

        if (StepPattern.Matches(f.FailStep, ctx.Tool, ctx.Key))
        {
            throw new ToolExit(f.FailRc, $"ERROR: fake failure at '{ctx.Key}' (fail_step)");
        }
    }
}
