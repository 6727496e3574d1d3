namespace Leapfrog.Remote;

/// <summary>Where and how to connect. Secrets (key, passphrase, password) never appear in messages.</summary>
public sealed record ShellOptions
{
    /// <summary>Host name or address of the SSH server.</summary>
    public string Host { get; init; } = "";

    /// <summary>SSH port.</summary>
    public int Port { get; init; } = 22;

    /// <summary>Remote user.</summary>
    public string User { get; init; } = "root";

    /// <summary>Path of an OpenSSH/PEM private key file.</summary>
    public string? PrivateKeyFile { get; init; }

    /// <summary>Private key text (inline).</summary>
    public string? PrivateKey { get; init; }

    /// <summary>Passphrase of <see cref="PrivateKeyFile"/> or <see cref="PrivateKey"/>.</summary>
    public string? PrivateKeyPassphrase { get; init; }

    /// <summary>Password for password authentication.</summary>
    public string? Password { get; init; }

    /// <summary>OpenSSH known_hosts file used for host key checking.</summary>
    public string KnownHostsFile { get; init; } = DefaultKnownHostsFile();

    /// <summary>Host key checking mode.</summary>
    public HostKeyChecking HostKeyChecking { get; init; } = HostKeyChecking.Strict;

    /// <summary>Timeout of one connection attempt (TCP connect and SSH handshake).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Interval of SSH keep-alive messages; zero or negative turns them off.</summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Connection attempts in total (transient network errors only).</summary>
    public int ConnectAttempts { get; init; } = 4;

    /// <summary>Delay before the first retry of a connection; doubles each retry (exponential backoff).</summary>
    public TimeSpan ConnectRetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Run scripts under <c>sudo -n</c>.</summary>
    public bool Become { get; init; }

    /// <summary>Run on this machine (transport: local) instead of over SSH.</summary>
    public bool Local { get; init; }

    /// <summary>The target as shown to operators: <c>user@host:port</c> or <c>local</c>.</summary>
    public string Target => Local ? "local" : Host.Contains(':', StringComparison.Ordinal) ? $"{User}@[{Host}]:{Port}" : $"{User}@{Host}:{Port}";

    private static string DefaultKnownHostsFile() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh", "known_hosts");
}
