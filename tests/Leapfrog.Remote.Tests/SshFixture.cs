using Leapfrog.Remote;
using Leapfrog.Testing;

namespace Leapfrog.Remote.Tests;

/// <summary>One sshd shared by the tests that do not stop it or cut its sessions.</summary>
public sealed class SshFixture : IDisposable
{
    public SshServer Server { get; } = new();

    public ShellOptions Options() => OptionsFor(Server);

    public static ShellOptions OptionsFor(SshServer server) => new()
    {
        Host = server.Host,
        Port = server.Port,
        User = server.User,
        PrivateKeyFile = server.ClientKeyPath,
        KnownHostsFile = server.KnownHostsPath,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        ConnectRetryDelay = TimeSpan.FromMilliseconds(100),
    };

    public void Dispose() => Server.Dispose();
}

[CollectionDefinition("sshd")]
public sealed class SshServerGroup : ICollectionFixture<SshFixture>;
