using Leapfrog.Testing;

namespace Leapfrog.FakeTool.Tests;

/// <summary>
/// leapfrog-servers, as scripts/sandbox and scripts/bench run it: the harness's sshd and MariaDB started into a
/// directory, left running after the command exits, reached by the stock clients, and stopped from the directory.
/// </summary>
public sealed class ServersCommandTests
{
    // <artifacts>/bin/Leapfrog.FakeTool.Tests/<config>/ -> <artifacts>/bin/Leapfrog.Servers/<config>/leapfrog-servers
    private static readonly string Exe = Path.Combine(AppContext.BaseDirectory, "..", "..", "Leapfrog.Servers",
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')).Name, "leapfrog-servers");

    [Fact]
    public void A_script_starts_sshd_and_mariadb_into_a_directory_reaches_both_with_the_stock_clients_and_stops_them_from_it()
    {
        var dir = Directory.CreateTempSubdirectory("lf-servers-").FullName;
        try
        {
            var up = Proc.Run(Exe, ["up", dir], timeout: TimeSpan.FromMinutes(2));
            Assert.True(up.ExitCode == 0, up.Stderr);
            var env = up.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
            var sshd = int.Parse(File.ReadAllText(Path.Combine(dir, "ssh", "sshd.pid")).Trim());
            var mariadbd = int.Parse(File.ReadAllText(Path.Combine(dir, "mariadb", "mysqld.pid")).Trim());

            // The command has exited; OpenSSH's own client logs in with the client key against the known_hosts it wrote.
            var ssh = Proc.Run("ssh", ["-i", Path.Combine(dir, "ssh", "client_ed25519"), "-p", env["SSH_PORT"], "-o", "BatchMode=yes",
                "-o", $"UserKnownHostsFile={Path.Combine(dir, "ssh", "known_hosts")}", "-o", "StrictHostKeyChecking=yes", "root@127.0.0.1", "echo from-the-controller"],
                timeout: TimeSpan.FromMinutes(1));
            Assert.True(ssh.ExitCode == 0, ssh.Stderr);
            Assert.Equal("from-the-controller", ssh.Stdout.Trim());
            // Keys only: the password login the tests' own server offers is off here.
            var password = Proc.Run("ssh", ["-p", env["SSH_PORT"], "-o", "BatchMode=yes", "-o", "PubkeyAuthentication=no",
                "-o", $"UserKnownHostsFile={Path.Combine(dir, "ssh", "known_hosts")}", "root@127.0.0.1", "true"], timeout: TimeSpan.FromMinutes(1));
            Assert.Contains("Permission denied (publickey)", password.Stderr, StringComparison.Ordinal);

            // The MariaDB client logs in over TCP as the admin with the password file's secret (mode 0600).
            var secret = Path.Combine(dir, "mariadb", "admin-password");
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secret));
            var sql = Proc.Run("mariadb", ["--no-defaults", "--protocol=TCP", "-h127.0.0.1", $"-P{env["DB_PORT"]}", "-uleapfrog", "-N", "-e", "SELECT CURRENT_USER()"],
                new Dictionary<string, string> { ["MYSQL_PWD"] = File.ReadAllText(secret) }, timeout: TimeSpan.FromMinutes(1));
            Assert.True(sql.ExitCode == 0, sql.Stderr);
            Assert.Equal("leapfrog@127.0.0.1", sql.Stdout.Trim());

            var down = Proc.Run(Exe, ["down", dir], timeout: TimeSpan.FromMinutes(2));
            Assert.True(down.ExitCode == 0, down.Stderr);
            Assert.False(Directory.Exists($"/proc/{sshd}"), "sshd still runs");
            Assert.False(Directory.Exists($"/proc/{mariadbd}") && File.ReadAllText($"/proc/{mariadbd}/comm").Trim() == "mariadbd", "mariadbd still runs");
        }
        finally
        {
            Proc.Run(Exe, ["down", dir], timeout: TimeSpan.FromMinutes(2));
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_wrong_call_is_one_line_of_usage_and_exit_2()
    {
        var r = Proc.Run(Exe, ["start"], timeout: TimeSpan.FromMinutes(1));
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("usage: leapfrog-servers up DIR [--sshd-only] | down DIR", r.Stderr.Trim());
    }
}
