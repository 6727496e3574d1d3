using Leapfrog.Testing;

namespace Leapfrog.Engine.Tests;

/// <summary>A real sshd and a real MariaDB on 127.0.0.1, shared by the tests of the "controller" collection.</summary>
public sealed class ControllerFixture : IDisposable
{
    /// <summary>The database admin password: tests grep every artefact for it.</summary>
    public const string DbSecret = "Db-Secret:9f@x/Q";

    private int _next;

    public ControllerFixture()
    {
        Db = MariaDbServer.Launch(adminPassword: DbSecret);
        Ssh = new SshServer();
        Root = Path.Combine(Path.GetTempPath(), "lf-engine-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Root);
    }

    public MariaDbServer Db { get; }

    public SshServer Ssh { get; }

    public string Root { get; }

    public int Next() => Interlocked.Increment(ref _next);

    public void Dispose()
    {
        Ssh.Dispose();
        Db.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

[CollectionDefinition("controller")]
public sealed class ControllerCollection : ICollectionFixture<ControllerFixture>;
