using System.Diagnostics;
using Leapfrog.Testing;

namespace Leapfrog.Real.Tests.Support;

/// <summary>Runs a release's own tools in its chroot directly (chroot + tool), for set-up and for the independent checks.</summary>
public static class ReleaseTools
{
    /// <summary>Runs <paramref name="argv"/> in <paramref name="suite"/>'s chroot; the tool's own PATH lookup finds the wrappers.</summary>
    public static ToolRun Run(Suite suite, params string[] argv)
    {
        var clock = Stopwatch.StartNew();
        var r = Proc.Run("/usr/sbin/chroot", [suite.Path, .. argv],
            env: new Dictionary<string, string>
            {
                ["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", ["LC_ALL"] = "C.UTF-8",
                ["LEAPFROG_WITNESS"] = "off", // the tests' own runs are not the product's: the witness does not log them
            },
            cwd: "/", timeout: TimeSpan.FromMinutes(20));
        return new ToolRun(suite, argv, r.ExitCode, r.Stdout, r.Stderr, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Runs a tool that must succeed (rc in <paramref name="okCodes"/>, 0 when empty); fails the test with its stderr otherwise.</summary>
    public static ToolRun Must(ITestOutputHelper log, Suite suite, int[] okCodes, params string[] argv)
    {
        var run = Run(suite, argv);
        log.WriteLine($"setup: {run}");
        var ok = okCodes.Length == 0 ? [0] : okCodes;
        if (!ok.Contains(run.ExitCode))
        {
            Assert.Fail($"{run} failed:\n{run.StderrTail}\n{run.Stdout}");
        }

        return run;
    }
}
