using Leapfrog.Testing;

namespace Leapfrog.FakeTool.Tests;

/// <summary>One real MariaDB for every test in the "mariadb" collection (they run one at a time).</summary>
public sealed class MariaDbFixture : IDisposable
{
    private int _next;

    public MariaDbFixture()
    {
        Server = MariaDbServer.Launch(adminPassword: Secret);
        Root = Path.Combine(Path.GetTempPath(), "lf-faketool-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Root);
    }

    /// <summary>The admin password: tests grep every output for it.</summary>
    public const string Secret = "Pa:ss@w/rd%Zq9";

    public MariaDbServer Server { get; }

    public string Root { get; }

    /// <summary>A fresh database with a unique name.</summary>
    public string NewDatabase(string prefix)
    {
        var name = $"{prefix}_{Interlocked.Increment(ref _next)}";
        Server.CreateDatabase(name);
        return name;
    }

    /// <summary>A fresh directory for venvs and logs.</summary>
    public string NewDir(string name)
    {
        var dir = Path.Combine(Root, $"{name}-{Interlocked.Increment(ref _next)}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    public void Dispose()
    {
        Server.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}

[CollectionDefinition("mariadb")]
public sealed class MariaDbGroup : ICollectionFixture<MariaDbFixture>
{
}
