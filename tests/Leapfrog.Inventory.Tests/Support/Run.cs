using System.Diagnostics;

namespace Leapfrog.Inventory.Tests.Support;

/// <summary>The outcome of a finished process.</summary>
internal sealed record RunResult(int ExitCode, string Stdout, string Stderr);

/// <summary>Runs real processes with a controlled environment.</summary>
internal static class Run
{
    private static readonly string[] Cleared = ["LEAPFROG_INVENTORY_CONFIG", "LEAPFROG_OSA_INVENTORY", "ANSIBLE_INVENTORY_UNPARSED_FAILED", "ANSIBLE_CONFIG"];

    public static RunResult Process(string file, IEnumerable<string> args, IDictionary<string, string>? env = null, string? cwd = null)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = cwd ?? Path.GetTempPath(),
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var name in Cleared)
        {
            psi.Environment.Remove(name);
        }

        // ansible: no colour, no cowsay, a private home for its temp files.
        psi.Environment["ANSIBLE_NOCOLOR"] = "1";
        psi.Environment["ANSIBLE_NOCOWS"] = "1";
        psi.Environment["ANSIBLE_LOCAL_TEMP"] = Path.Combine(Path.GetTempPath(), "leapfrog-inventory-tests-ansible");
        foreach (var (k, v) in env ?? new Dictionary<string, string>())
        {
            psi.Environment[k] = v;
        }

        using var p = System.Diagnostics.Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in time");
        }

        p.WaitForExit();
        return new RunResult(p.ExitCode, stdout.Result, stderr.Result);
    }
}
