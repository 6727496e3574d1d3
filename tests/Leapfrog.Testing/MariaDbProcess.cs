namespace Leapfrog.Testing;

/// <summary>Runs the MariaDB command-line programs (client, admin, install-db) and captures their output.</summary>
internal static class MariaDbProcess
{
    private static readonly string[] SystemDirs = ["/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"];

    /// <summary>Runs <paramref name="file"/> to completion (bounded by <paramref name="timeout"/>).</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(
        string file, IEnumerable<string> args, TimeSpan timeout, string? stdin = null, IDictionary<string, string>? env = null)
    {
        try
        {
            var r = Proc.Run(file, args, env, timeout: timeout, stdin: stdin);
            return (r.ExitCode, r.Stdout, r.Stderr);
        }
        catch (TimeoutException e)
        {
            throw new MariaDbException(e.Message);
        }
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
