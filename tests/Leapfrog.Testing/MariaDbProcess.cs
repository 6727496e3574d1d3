using System.Diagnostics;

namespace Leapfrog.Testing;

/// <summary>Runs the MariaDB command-line programs (client, admin, install-db) and captures their output.</summary>
internal static class MariaDbProcess
{
    private static readonly string[] SystemDirs = ["/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"];

    /// <summary>Runs <paramref name="file"/> to completion (bounded by <paramref name="timeout"/>).</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(
        string file, IEnumerable<string> args, TimeSpan timeout, string? stdin = null, IDictionary<string, string>? env = null)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (k, v) in env ?? new Dictionary<string, string>())
        {
            psi.Environment[k] = v;
        }

        using var p = Process.Start(psi) ?? throw new MariaDbException($"could not start {file}");
        var outTask = p.StandardOutput.ReadToEndAsync();
        var errTask = p.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            p.StandardInput.Write(stdin);
        }

        p.StandardInput.Close();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
            throw new MariaDbException($"{Path.GetFileName(file)} did not finish within {timeout.TotalSeconds:0} s");
        }

        return (p.ExitCode, outTask.Result, errTask.Result);
    }

    /// <summary>Finds <paramref name="name"/> in the usual sbin/bin directories, then on PATH.</summary>
    public static string Find(string name)
    {
        var dirs = SystemDirs
            .Concat((Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries));
        foreach (var d in dirs)
        {
            var path = Path.Combine(d, name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new MariaDbException(
            $"'{name}' not found: install the Debian packages mariadb-server and mariadb-client (apt-get install -y mariadb-server mariadb-client)");
    }
}
