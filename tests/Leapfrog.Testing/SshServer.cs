using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Leapfrog.Testing;

/// <summary>
/// A real OpenSSH sshd on 127.0.0.1 and a free port, with its own host keys (ed25519, rsa, ecdsa), client keys
/// (plain and passphrase-protected), authorized_keys and config in a temporary directory. Needs root and
/// /usr/sbin/sshd. Password authentication is on (for users created with <see cref="SshTestUser"/>).
/// </summary>
public sealed class SshServer : IDisposable
{
    private const string SshdPath = "/usr/sbin/sshd";
    private readonly object _gate = new();
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly SshServerOptions _options;
    private Process? _listener;

    /// <summary>Generates keys and config, starts sshd and waits until it accepts connections.</summary>
    /// <param name="environment">Variables sshd sets in every session (<c>SetEnv</c>), e.g. a PATH with stand-in tools.</param>
    public SshServer(IReadOnlyDictionary<string, string>? environment = null)
        : this(new SshServerOptions { Environment = environment ?? new Dictionary<string, string>() })
    {
    }

    /// <summary>Generates keys and config as <paramref name="options"/> say, starts sshd and waits until it accepts connections.</summary>
    public SshServer(SshServerOptions options)
    {
        _options = options;
        _environment = options.Environment;
        if (!File.Exists(SshdPath))
        {
            throw new InvalidOperationException("sshd is not installed: apt-get install -y openssh-server");
        }

        Directory.CreateDirectory("/run/sshd");
        Dir = options.Dir is { } dir ? Directory.CreateDirectory(dir).FullName : Directory.CreateTempSubdirectory("leapfrog-sshd-").FullName;
        HostKeys =
        [
            SshKeyPair.Generate(Dir, "ssh_host_ed25519_key", "ed25519"),
            SshKeyPair.Generate(Dir, "ssh_host_ecdsa_key", "ecdsa"),
            SshKeyPair.Generate(Dir, "ssh_host_rsa_key", "rsa"),
        ];
        ClientKey = SshKeyPair.Generate(Dir, "client_ed25519", "ed25519");
        EncryptedClientKey = SshKeyPair.Generate(Dir, "client_encrypted", "ed25519", "correct horse battery staple");
        File.WriteAllLines(Path.Combine(Dir, "authorized_keys"), [ClientKey.PublicKeyLine, EncryptedClientKey.PublicKeyLine]);
        Port = FreePort();
        File.WriteAllText(KnownHostsPath, string.Concat(HostKeys.Select(k => $"{KnownHostsName} {k.PublicKeyLine}\n")));
        // A session PATH given as SESSION_PATH wins over what the login shell's rc files made of PATH (pyenv shims, say).
        File.WriteAllText(RecorderPath, $"#!/bin/sh\nprintf '%s\\n' \"$(printf %s \"$SSH_ORIGINAL_COMMAND\" | base64 -w0)\" >> '{CommandLogPath}'\n" +
                                        "if [ -n \"$SESSION_PATH\" ]; then PATH=$SESSION_PATH; export PATH; fi\nexec /bin/sh -c \"$SSH_ORIGINAL_COMMAND\"\n");
        File.SetUnixFileMode(RecorderPath, (UnixFileMode)0b111_101_101);
        // Other test users (SshTestUser) log in too: they must reach the recorder and append to its log.
        File.SetUnixFileMode(Dir, (UnixFileMode)0b111_101_101);
        File.WriteAllText(CommandLogPath, "");
        File.SetUnixFileMode(CommandLogPath, (UnixFileMode)0b110_110_110);
        File.WriteAllText(ConfigPath, Config());
        if (!options.Detached)
        {
            AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        }

        Start();
    }

    /// <summary>The temporary directory holding keys, config, pid file and log.</summary>
    public string Dir { get; }

    /// <summary>Listen address.</summary>
    public string Host { get; } = "127.0.0.1";

    /// <summary>Listen port (kept across <see cref="Stop"/> / <see cref="Start"/>).</summary>
    public int Port { get; }

    /// <summary>The user the client keys are authorized for (any user works; the harness runs as root).</summary>
    public string User { get; } = "root";

    /// <summary>Host keys sshd presents (ed25519, ecdsa, rsa).</summary>
    public IReadOnlyList<SshKeyPair> HostKeys { get; }

    /// <summary>Unencrypted client key, authorized.</summary>
    public SshKeyPair ClientKey { get; }

    /// <summary>Passphrase-protected client key, authorized.</summary>
    public SshKeyPair EncryptedClientKey { get; }

    /// <summary>Path of the unencrypted client private key.</summary>
    public string ClientKeyPath => ClientKey.PrivateKeyPath;

    /// <summary>Path of the passphrase-protected client private key.</summary>
    public string EncryptedClientKeyPath => EncryptedClientKey.PrivateKeyPath;

    /// <summary>Passphrase of <see cref="EncryptedClientKeyPath"/>.</summary>
    public string Passphrase => EncryptedClientKey.Passphrase!;

    /// <summary>The known_hosts name of this server: "[127.0.0.1]:port".</summary>
    public string KnownHostsName => $"[{Host}]:{Port}";

    /// <summary>A known_hosts file listing all host keys as "[127.0.0.1]:port type base64".</summary>
    public string KnownHostsPath => Path.Combine(Dir, "known_hosts");

    /// <summary>Host key SHA256 fingerprints by key type (e.g. "ssh-ed25519" -> "SHA256:...").</summary>
    public IReadOnlyDictionary<string, string> HostKeyFingerprints =>
        HostKeys.ToDictionary(k => k.KeyType, k => k.Fingerprint);

    /// <summary>sshd's log file (-E).</summary>
    public string LogPath => Path.Combine(Dir, "sshd.log");

    /// <summary>Every command the server was asked to run (recorded by a ForceCommand wrapper before it runs it), one base64 line each.</summary>
    public string CommandLogPath => Path.Combine(Dir, "commands.log");

    /// <summary>The commands the server received so far, in order: the controller side's own record of what ran.</summary>
    public IReadOnlyList<string> Commands() =>
        File.Exists(CommandLogPath)
            ? File.ReadAllLines(CommandLogPath).Select(l => Encoding.UTF8.GetString(Convert.FromBase64String(l))).ToList()
            : [];

    private string RecorderPath => Path.Combine(Dir, "record-command");

    private string ConfigPath => Path.Combine(Dir, "sshd_config");

    private string PidPath => Path.Combine(Dir, "sshd.pid");

    /// <summary>Pid of the listening sshd, or null when stopped.</summary>
    public int? ListenerPid
    {
        get
        {
            lock (_gate)
            {
                return _listener is { HasExited: false } ? _listener.Id : null;
            }
        }
    }

    /// <summary>Starts sshd (again) on the same port and waits until it answers with an SSH banner.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_listener is { HasExited: false })
            {
                return;
            }

            _listener?.Dispose();
            // Detached: in a session of its own (setsid) with its stdio on /dev/null, so that neither the caller's
            // terminal nor a pipe reading the caller's output is held or reached by it; exec keeps the pid.
            var psi = new ProcessStartInfo(_options.Detached ? "/bin/sh" : SshdPath) { UseShellExecute = false };
            string[] detach = _options.Detached ? ["-c", "exec setsid \"$0\" \"$@\" </dev/null >/dev/null 2>&1", SshdPath] : [];
            foreach (var a in (string[])[.. detach, "-D", "-f", ConfigPath, "-E", LogPath])
            {
                psi.ArgumentList.Add(a);
            }

            _listener = Process.Start(psi) ?? throw new InvalidOperationException("cannot start sshd");
        }

        WaitUntilAccepting(TimeSpan.FromSeconds(15));
    }

    /// <summary>Stops the listener and every per-connection sshd process (live sessions are cut).</summary>
    public void Stop()
    {
        lock (_gate)
        {
            if (_listener is null)
            {
                return;
            }

            var sessions = SessionPids(_listener.Id);
            if (!_listener.HasExited)
            {
                _listener.Kill();
                _listener.WaitForExit(5000);
            }

            foreach (var pid in sessions)
            {
                SshProcess.Kill(pid);
            }

            _listener.Dispose();
            _listener = null;
        }
    }

    /// <summary>
    /// Kills the per-connection sshd processes (not the listener): live connections drop, new ones still work.
    /// Commands started by those sessions are not killed by this. Returns how many processes were killed.
    /// </summary>
    public int KillSessionChildren()
    {
        lock (_gate)
        {
            if (_listener is not { HasExited: false })
            {
                return 0;
            }

            var sessions = SessionPids(_listener.Id);
            foreach (var pid in sessions)
            {
                SshProcess.Kill(pid);
            }

            return sessions.Count;
        }
    }

    /// <summary>Number of per-connection sshd processes right now (0 when no session is open).</summary>
    public int SessionCount()
    {
        lock (_gate)
        {
            return _listener is { HasExited: false } ? SessionPids(_listener.Id).Count : 0;
        }
    }

    /// <summary>Stops sshd and removes the temporary directory.</summary>
    public void Dispose()
    {
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        Stop();
        if (_options.Dir is not null)
        {
            return;
        }

        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>
    /// Stops a detached server from its directory (its pid file): the listener, then the per-connection processes it
    /// started. Nothing happens when none runs there.
    /// </summary>
    /// <param name="dir">The <see cref="Dir"/> it was started in.</param>
    public static void StopIn(string dir)
    {
        var pidFile = Path.Combine(dir, "sshd.pid");
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid) || SshProcess.CommOf(pid) is not ("sshd" or "sshd-session"))
        {
            return;
        }

        var sessions = SessionPids(pid);
        SshProcess.Kill(pid);
        foreach (var session in sessions)
        {
            SshProcess.Kill(session);
        }

        for (var i = 0; i < 50 && Directory.Exists($"/proc/{pid}"); i++)
        {
            Thread.Sleep(100);
        }

        File.Delete(pidFile);
    }

    private void OnProcessExit(object? sender, EventArgs e) => Stop();

    private static List<int> SessionPids(int listenerPid) =>
        SshProcess.DescendantsOf(listenerPid)
            .Where(pid => SshProcess.CommOf(pid) is "sshd" or "sshd-session" or "sshd-auth")
            .ToList();

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private void WaitUntilAccepting(TimeSpan limit)
    {
        var sw = Stopwatch.StartNew();
        Exception? last = null;
        while (sw.Elapsed < limit)
        {
            if (_listener is { HasExited: true })
            {
                throw new InvalidOperationException($"sshd exited with {_listener.ExitCode}: {ReadLog()}");
            }

            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                client.ReceiveTimeout = 2000;
                var buffer = new byte[64];
                var n = client.GetStream().Read(buffer, 0, buffer.Length);
                if (Encoding.ASCII.GetString(buffer, 0, n).StartsWith("SSH-2.0", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (Exception e) when (e is SocketException or IOException)
            {
                last = e;
            }

            Thread.Sleep(50);
        }

        throw new TimeoutException($"sshd did not accept on port {Port} within {limit}: {last?.Message} {ReadLog()}");
    }

    private string ReadLog() => File.Exists(LogPath) ? File.ReadAllText(LogPath) : "(no log)";

    private string Config() => $"""
        ListenAddress {Host}
        Port {Port}
        {string.Concat(HostKeys.Select(k => $"HostKey {k.PrivateKeyPath}\n"))}
        PidFile {PidPath}
        AuthorizedKeysFile {Path.Combine(Dir, "authorized_keys")}
        UsePAM no
        StrictModes no
        PermitRootLogin {(_options.PasswordLogin ? "yes" : "prohibit-password")}
        PubkeyAuthentication yes
        PasswordAuthentication {(_options.PasswordLogin ? "yes" : "no")}
        KbdInteractiveAuthentication no
        PermitEmptyPasswords no
        MaxStartups 100:30:200
        MaxSessions 50
        LoginGraceTime 30
        LogLevel VERBOSE
        Subsystem sftp internal-sftp
        {(_options.RecordCommands ? $"ForceCommand {RecorderPath}" : "")}
        {(_environment.Count == 0 ? "" : "SetEnv " + string.Join(' ', _environment.Select(e => $"\"{e.Key}={e.Value}\"")))}

        """;
}
