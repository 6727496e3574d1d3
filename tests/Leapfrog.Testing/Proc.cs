using System.Diagnostics;

namespace Leapfrog.Testing;

/// <summary>The outcome of a finished process.</summary>
/// <param name="ExitCode">Its exit code.</param>
/// <param name="Stdout">Everything it wrote to stdout.</param>
/// <param name="Stderr">Everything it wrote to stderr.</param>
public sealed record ProcResult(int ExitCode, string Stdout, string Stderr);

/// <summary>Runs real processes for tests.</summary>
public static class Proc
{
    /// <summary>Runs <paramref name="file"/> with <paramref name="args"/> and waits (bounded) for it.</summary>
    public static ProcResult Run(string file, IEnumerable<string> args, IDictionary<string, string>? env = null, string? cwd = null, TimeSpan? timeout = null, string? stdin = null)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = cwd ?? Environment.CurrentDirectory,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (k, v) in env ?? new Dictionary<string, string>())
        {
            psi.Environment[k] = v;
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            p.StandardInput.Write(stdin);
        }

        p.StandardInput.Close();
        var limit = timeout ?? TimeSpan.FromMinutes(5);
        if (!p.WaitForExit(limit))
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
            throw new TimeoutException($"{Path.GetFileName(file)} {string.Join(' ', args)} did not finish within {limit.TotalSeconds:0} s");
        }

        p.WaitForExit();
        return new ProcResult(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs a bash script.</summary>
    public static ProcResult Bash(string script, IDictionary<string, string>? env = null, string? cwd = null, TimeSpan? timeout = null) =>
        Run("/bin/bash", ["-c", script], env, cwd, timeout);
}
