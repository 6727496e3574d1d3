using System.Diagnostics;
using System.Globalization;

namespace Leapfrog.FakeTool;

/// <summary>
/// Runs SQL scripts through the <c>mariadb</c> client (one connection per script). The password goes
/// through the MYSQL_PWD environment variable, never through argv.
/// </summary>
internal sealed class SqlClient(DbUrl url, Redactor redactor)
{
    private static readonly string ClientPath = FindClient();

    /// <summary>The database this client talks to.</summary>
    public DbUrl Url => url;

    /// <summary>Runs <paramref name="sql"/> and returns the rows (tab-separated columns, no header).</summary>
    /// <exception cref="ToolExit">The client failed (rc 1, with the server's error).</exception>
    public List<string[]> Run(string sql)
    {
        var psi = new ProcessStartInfo(ClientPath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("--no-defaults");
        psi.ArgumentList.Add("--batch");
        psi.ArgumentList.Add("--skip-column-names");
        psi.ArgumentList.Add("--connect-timeout=5");
        psi.ArgumentList.Add($"--user={url.User}");
        if (url.Socket is not null)
        {
            psi.ArgumentList.Add($"--socket={url.Socket}");
        }
        else
        {
            psi.ArgumentList.Add("--protocol=TCP");
            psi.ArgumentList.Add($"--host={url.Host}");
            psi.ArgumentList.Add(string.Create(CultureInfo.InvariantCulture, $"--port={url.Port}"));
        }

        psi.ArgumentList.Add(url.Database);
        psi.Environment["MYSQL_PWD"] = url.Password;

        using var p = Process.Start(psi) ?? throw new ToolExit(1, "ERROR: could not start the mariadb client");
        var stderr = p.StandardError.ReadToEndAsync();
        try
        {
            p.StandardInput.Write(sql);
            p.StandardInput.Close();
        }
        catch (IOException)
        {
            // The client quit before reading (e.g. access denied): its exit code and stderr say why.
        }

        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            var err = string.Join(" ", stderr.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries)).Trim();
            throw new ToolExit(1, $"ERROR: (pymysql.err.OperationalError) {redactor.Clean(err)}");
        }

        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToList();
    }

    private static string FindClient()
    {
        foreach (var path in new[] { "/usr/bin/mariadb", "/usr/local/bin/mariadb", "/usr/bin/mysql" })
        {
            if (File.Exists(path))
            {
                return path;
            }
        }

        return "mariadb";
    }
}
