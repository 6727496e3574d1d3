using Leapfrog.Testing;

// leapfrog-servers: the sshd and MariaDB of the test harness (tests/Leapfrog.Testing: SshServer, MariaDbServer), for
// scripts/sandbox and scripts/bench, so that every server of this repository is started by one implementation.
//   leapfrog-servers up DIR [--sshd-only]
//       starts a real sshd on 127.0.0.1 (keys, config, known_hosts and client key in DIR/ssh; keys only, no command
//       recording) and a real MariaDB on 127.0.0.1 (DIR/mariadb: datadir, socket, pid file, error log; an admin user
//       "leapfrog" whose password is written to DIR/mariadb/admin-password, mode 0600), both detached, and prints
//       SSH_PORT=... and DB_PORT=... for the caller to keep.
//   leapfrog-servers down DIR
//       stops what up started there (the directory stays).
// Exit codes: 0 done, 2 bad usage or a server that did not start (one line on stderr, never a stack trace).
return Servers.Run(args);

internal static class Servers
{
    public static int Run(string[] args)
    {
        try
        {
            switch (args)
            {
                case ["up", var dir, .. var rest] when rest is [] or ["--sshd-only"]:
                    Up(Path.GetFullPath(dir), sshdOnly: rest is ["--sshd-only"]);
                    return 0;
                case ["down", var dir]:
                    Down(Path.GetFullPath(dir));
                    return 0;
                default:
                    Console.Error.WriteLine("usage: leapfrog-servers up DIR [--sshd-only] | down DIR");
                    return 2;
            }
        }
        catch (Exception e) when (e is MariaDbException or InvalidOperationException or TimeoutException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"leapfrog-servers: {e.Message.ReplaceLineEndings(" ")}");
            return 2;
        }
    }

    private static void Up(string dir, bool sshdOnly)
    {
        Directory.CreateDirectory(dir);
        File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var env = new List<string>();
        var ssh = new SshServer(new SshServerOptions { Dir = Path.Combine(dir, "ssh"), RecordCommands = false, PasswordLogin = false, Detached = true });
        env.Add($"SSH_PORT={ssh.Port}");
        if (!sshdOnly)
        {
            try
            {
                var db = MariaDbServer.Launch(dir: Path.Combine(dir, "mariadb"), detached: true);
                var secret = Path.Combine(db.RootDir, "admin-password");
                File.WriteAllText(secret, "");
                File.SetUnixFileMode(secret, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                File.WriteAllText(secret, db.AdminPassword);
                env.Add($"DB_PORT={db.Port}");
            }
            catch
            {
                SshServer.StopIn(ssh.Dir);
                throw;
            }
        }

        env.ForEach(Console.WriteLine);
    }

    private static void Down(string dir)
    {
        SshServer.StopIn(Path.Combine(dir, "ssh"));
        MariaDbServer.ShutdownIn(Path.Combine(dir, "mariadb"));
    }
}
