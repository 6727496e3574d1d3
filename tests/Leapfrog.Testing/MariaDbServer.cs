using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Leapfrog.Testing;

/// <summary>
/// A real MariaDB server for tests: its own temporary datadir, bound to 127.0.0.1 on a free port, with
/// its own socket and pid file. Never touches the system service or /var/lib/mysql.
/// </summary>
/// <remarks>
/// The same from bash (what <see cref="Launch"/> does; D is a temporary directory, P a free port):
/// <code>
/// mariadb-install-db --no-defaults --datadir=D/data --user=root --auth-root-authentication-method=normal \
///     --skip-test-db --skip-name-resolve &gt;D/install.log 2&gt;&amp;1
/// mariadbd --no-defaults --datadir=D/data --user=root --bind-address=127.0.0.1 --port=P \
///     --socket=D/mysqld.sock --pid-file=D/mysqld.pid --log-error=D/error.log --skip-name-resolve \
///     --skip-log-bin --innodb-buffer-pool-size=32M --innodb-log-file-size=16M &lt;/dev/null &gt;/dev/null 2&gt;&amp;1 &amp;
/// until mariadb-admin --no-defaults --socket=D/mysqld.sock -uroot ping &gt;/dev/null 2&gt;&amp;1; do sleep 0.05; done
/// mariadb --no-defaults --socket=D/mysqld.sock -uroot -e "DELETE FROM mysql.global_priv WHERE User=''; FLUSH PRIVILEGES;
///   CREATE USER 'leapfrog'@'127.0.0.1' IDENTIFIED BY 'PASSWORD'; GRANT ALL ON *.* TO 'leapfrog'@'127.0.0.1' WITH GRANT OPTION;
///   CREATE USER 'leapfrog'@'localhost' IDENTIFIED BY 'PASSWORD'; GRANT ALL ON *.* TO 'leapfrog'@'localhost' WITH GRANT OPTION;"
/// # use:  MYSQL_PWD=PASSWORD mariadb --no-defaults -h127.0.0.1 -PP -uleapfrog
/// # stop: mariadb-admin --no-defaults --socket=D/mysqld.sock -uroot shutdown; rm -rf D
/// </code>
/// Root has no password but is reachable only through the socket in D (mode 0700).
/// </remarks>
public sealed class MariaDbServer : IDisposable
{
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(60);
    private Process? _process;
    private bool _disposed;
    private bool _detached;

    private MariaDbServer(string root, int port, string adminUser, string adminPassword)
    {
        RootDir = root;
        Port = port;
        AdminUser = adminUser;
        AdminPassword = adminPassword;
    }

    /// <summary>The temporary directory holding datadir, socket, pid file and logs (deleted by <see cref="Dispose"/>).</summary>
    public string RootDir { get; }

    /// <summary>The data directory.</summary>
    public string DataDir => Path.Combine(RootDir, "data");

    /// <summary>The server's Unix socket.</summary>
    public string SocketPath => Path.Combine(RootDir, "mysqld.sock");

    /// <summary>The server's error log (read it when a test fails).</summary>
    public string ErrorLogPath => Path.Combine(RootDir, "error.log");

    /// <summary>Always 127.0.0.1.</summary>
    public string Host { get; } = "127.0.0.1";

    /// <summary>The TCP port on 127.0.0.1; stays the same across <see cref="Stop"/> and <see cref="Start"/>.</summary>
    public int Port { get; }

    /// <summary>The admin user (all privileges, from 127.0.0.1 and localhost).</summary>
    public string AdminUser { get; }

    /// <summary>The admin user's password (a secret: tests grep artefacts for it).</summary>
    public string AdminPassword { get; }

    /// <summary>True while the server process runs.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The server's process id while it runs.</summary>
    public int? ProcessId => IsRunning ? _process!.Id : null;

    /// <summary>
    /// Creates a datadir, starts the server and waits until it answers. Drops anonymous users and creates
    /// the admin user.
    /// </summary>
    /// <param name="adminUser">Name of the admin user.</param>
    /// <param name="adminPassword">Its password; a random one when null.</param>
    /// <param name="dir">The directory to hold it (created); null: a new temporary one.</param>
    /// <param name="detached">
    /// The server outlives this process (scripts/sandbox's servers): it runs in its own session and is stopped with
    /// <see cref="ShutdownIn"/>.
    /// </param>
    /// <exception cref="MariaDbException">The programs are missing or the server did not come up.</exception>
    public static MariaDbServer Launch(string adminUser = "leapfrog", string? adminPassword = null, string? dir = null, bool detached = false)
    {
        var root = dir is not null ? Path.GetFullPath(dir) : Path.Combine(Path.GetTempPath(), "lf-mariadb-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(root);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var password = adminPassword ?? "pw-" + Guid.NewGuid().ToString("N")[..16];
        MariaDbServer? server = null;
        try
        {
            Install(root);
            for (var attempt = 1; ; attempt++)
            {
                server = new MariaDbServer(root, FreePort(), adminUser, password) { _detached = detached };
                try
                {
                    server.Start();
                    break;
                }
                catch (MariaDbException) when (attempt < 3 && server.ErrorLogSays("Address already in use"))
                {
                    // Another process took the port between probing and binding: try another.
                }
            }

            server.CreateAdmin();
            return server;
        }
        catch
        {
            server?.Dispose();
            if (server is null)
            {
                TryDelete(root);
            }

            throw;
        }
    }

    /// <summary>A SQLAlchemy-style URL as OpenStack configs hold it: <c>mysql+pymysql://user:pass@127.0.0.1:port/db</c>.</summary>
    /// <param name="database">Database name.</param>
    /// <param name="user">User; the admin when null.</param>
    /// <param name="password">Password; the admin's when null.</param>
    public string ConnectionUrl(string database, string? user = null, string? password = null) =>
        string.Create(CultureInfo.InvariantCulture,
            $"mysql+pymysql://{Uri.EscapeDataString(user ?? AdminUser)}:{Uri.EscapeDataString(password ?? AdminPassword)}@{Host}:{Port}/{database}");

    /// <summary>Starts the server on the existing datadir and port, and waits until it answers.</summary>
    /// <exception cref="MariaDbException">It did not come up within 60 s (the message holds the error log's tail).</exception>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (IsRunning)
        {
            return;
        }

        var mariadbd = MariaDbProcess.Find("mariadbd");
        var args = new List<string>
        {
            "--no-defaults", $"--datadir={DataDir}", "--bind-address=127.0.0.1",
            string.Create(CultureInfo.InvariantCulture, $"--port={Port}"), $"--socket={SocketPath}",
            $"--pid-file={Path.Combine(RootDir, "mysqld.pid")}", $"--log-error={ErrorLogPath}",
            "--skip-name-resolve", "--skip-log-bin", "--innodb-buffer-pool-size=32M", "--innodb-log-file-size=16M",
            $"--tmpdir={TmpDir(RootDir)}",
        };
        if (Environment.UserName == "root")
        {
            args.Insert(1, "--user=root");
        }

        // Through sh so that stdio goes to /dev/null (never to the test host's pipes); exec keeps the pid. Detached:
        // in a session of its own too (setsid), out of reach of the caller's terminal.
        var psi = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add((_detached ? "exec setsid " : "exec ") + "\"$0\" \"$@\" </dev/null >/dev/null 2>&1");
        psi.ArgumentList.Add(mariadbd);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        _process = Process.Start(psi) ?? throw new MariaDbException("could not start mariadbd");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new MariaDbException($"mariadbd exited with {_process.ExitCode}: {ErrorLogTail()}");
            }

            if (Ping())
            {
                return;
            }

            Thread.Sleep(30);
        }

        Kill();
        throw new MariaDbException($"mariadbd did not answer within 60 s: {ErrorLogTail()}");
    }

    /// <summary>Shuts the server down cleanly (mariadb-admin shutdown) and waits for it to exit. The datadir stays.</summary>
    public void Stop()
    {
        if (!IsRunning)
        {
            return;
        }

        MariaDbProcess.Run(MariaDbProcess.Find("mariadb-admin"),
            ["--no-defaults", $"--socket={SocketPath}", "-uroot", "shutdown"], ClientTimeout);
        if (!_process!.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            Kill();
        }
    }

    /// <summary>
    /// Shuts down a detached server from its directory (mariadb-admin shutdown through its socket, SIGKILL after
    /// 10 s). Nothing happens when none runs there; the directory stays.
    /// </summary>
    /// <param name="dir">The directory it was launched in.</param>
    public static void ShutdownIn(string dir)
    {
        var pidFile = Path.Combine(dir, "mysqld.pid");
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid))
        {
            return;
        }

        if (File.Exists(Path.Combine(dir, "mysqld.sock")))
        {
            MariaDbProcess.Run(MariaDbProcess.Find("mariadb-admin"),
                ["--no-defaults", $"--socket={Path.Combine(dir, "mysqld.sock")}", "-uroot", "shutdown"], ClientTimeout);
        }

        for (var i = 0; i < 100 && Directory.Exists($"/proc/{pid}"); i++)
        {
            Thread.Sleep(100);
        }

        if (Directory.Exists($"/proc/{pid}") && File.ReadAllText($"/proc/{pid}/comm").Trim() is "mariadbd" or "mysqld")
        {
            SshProcess.Kill(pid);
        }
    }

    /// <summary>Kills the server with SIGKILL (a crash); <see cref="Start"/> recovers the datadir.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit();
        }
    }

    /// <summary>Runs SQL statements as root through the socket.</summary>
    /// <param name="sql">One or more statements.</param>
    /// <param name="database">Default database, if any.</param>
    /// <exception cref="MariaDbException">The client failed; the message holds its stderr.</exception>
    public void Exec(string sql, string? database = null) => Client(sql, database);

    /// <summary>Runs a query as root and returns its rows (no header), each as column texts; SQL NULL reads as "NULL".</summary>
    /// <param name="sql">The query.</param>
    /// <param name="database">Default database, if any.</param>
    /// <exception cref="MariaDbException">The client failed.</exception>
    public IReadOnlyList<string[]> Query(string sql, string? database = null) =>
        Client(sql, database)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .ToList();

    /// <summary>Runs a query and returns the first column of the first row, or null when there is no row.</summary>
    /// <param name="sql">The query.</param>
    /// <param name="database">Default database, if any.</param>
    public string? Scalar(string sql, string? database = null) => Query(sql, database) is [var first, ..] ? first[0] : null;

    /// <summary>Creates a database (utf8mb4) if it does not exist.</summary>
    /// <param name="name">Plain name: letters, digits and underscores.</param>
    /// <exception cref="ArgumentException">The name is not plain.</exception>
    public void CreateDatabase(string name)
    {
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ArgumentException($"database name '{name}' is not plain (letters, digits, _)", nameof(name));
        }

        Exec($"CREATE DATABASE IF NOT EXISTS `{name}` CHARACTER SET utf8mb4");
    }

    /// <summary>Stops the server (SIGKILL: the datadir is thrown away) and deletes the directory.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Kill();
        _process?.Dispose();
        TryDelete(RootDir);
    }

    private static void Install(string root)
    {
        var args = new List<string>
        {
            "--no-defaults", $"--datadir={Path.Combine(root, "data")}", "--auth-root-authentication-method=normal",
            "--skip-test-db", "--skip-name-resolve", $"--tmpdir={TmpDir(root)}",
        };
        if (Environment.UserName == "root")
        {
            args.Add("--user=root");
        }

        var (rc, stdout, stderr) = MariaDbProcess.Run(MariaDbProcess.Find("mariadb-install-db"), args, ClientTimeout);
        if (rc != 0)
        {
            throw new MariaDbException($"mariadb-install-db failed with {rc}: {Tail(stdout + stderr)}");
        }
    }

    /// <summary>
    /// The instance's own temporary directory (created). Never the shared /tmp: a starting mariadbd deletes every
    /// <c>#sql*</c> file in its tmpdir (left-overs of its own last run, it assumes), and so deleted the temporary tables
    /// of another instance's mariadb-install-db running beside it (seen in CI: "Error on delete of
    /// '/tmp/#sql-temptable-….MAI'").
    /// </summary>
    private static string TmpDir(string root)
    {
        var tmp = Path.Combine(root, "tmp");
        Directory.CreateDirectory(tmp);
        return tmp;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void TryDelete(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string Tail(string text, int lines = 5) =>
        string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(lines)).Trim();

    private void CreateAdmin()
    {
        var user = AdminUser.Replace("'", "''", StringComparison.Ordinal);
        var pw = AdminPassword.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal);
        var sql = new StringBuilder("DELETE FROM mysql.global_priv WHERE User=''; FLUSH PRIVILEGES;");
        foreach (var host in new[] { "127.0.0.1", "localhost" })
        {
            sql.Append(CultureInfo.InvariantCulture,
                $"CREATE USER '{user}'@'{host}' IDENTIFIED BY '{pw}'; GRANT ALL ON *.* TO '{user}'@'{host}' WITH GRANT OPTION;");
        }

        // Through stdin, so the password is never in a process's argv.
        Client(sql.ToString(), null, viaStdin: true);
    }

    private string Client(string sql, string? database, bool viaStdin = false)
    {
        var args = new List<string> { "--no-defaults", $"--socket={SocketPath}", "-uroot", "--batch", "--skip-column-names" };
        if (!viaStdin)
        {
            args.Add("-e");
            args.Add(sql);
        }

        if (database is not null)
        {
            args.Add(database);
        }

        var (rc, stdout, stderr) = MariaDbProcess.Run(MariaDbProcess.Find("mariadb"), args, ClientTimeout, viaStdin ? sql : null);
        if (rc != 0)
        {
            throw new MariaDbException($"mariadb client failed with {rc}: {Tail(stderr).Replace(AdminPassword, "***", StringComparison.Ordinal)}");
        }

        return stdout;
    }

    private bool Ping()
    {
        if (!File.Exists(SocketPath))
        {
            return false;
        }

        var (rc, _, _) = MariaDbProcess.Run(MariaDbProcess.Find("mariadb-admin"),
            ["--no-defaults", $"--socket={SocketPath}", "-uroot", "--connect-timeout=2", "ping"], ClientTimeout);
        return rc == 0;
    }

    private bool ErrorLogSays(string text) => File.Exists(ErrorLogPath) && File.ReadAllText(ErrorLogPath).Contains(text, StringComparison.Ordinal);

    private string ErrorLogTail() => File.Exists(ErrorLogPath) ? Tail(File.ReadAllText(ErrorLogPath)) : "(no error log)";
}
