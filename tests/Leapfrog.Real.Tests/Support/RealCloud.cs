using Leapfrog.Testing;

namespace Leapfrog.Real.Tests.Support;

/// <summary>
/// The controller of the real tier, shared by every test class (so that the service chains run in parallel):
/// a real MariaDB and a real sshd on 127.0.0.1, the chroot toolboxes built by scripts/real-toolboxes, and a
/// working directory whose service configs are also copied into every chroot at the same path, and the
/// chroots' <see cref="Witness"/> logging every tool run.
/// </summary>
public sealed class RealCloud : IDisposable
{
    /// <summary>The database admin password: tests check the module's output never holds it.</summary>
    public const string DbSecret = "RealDb7qpL2xK9";

    private static readonly Lazy<RealCloud> Instance = new(() => new RealCloud(), LazyThreadSafetyMode.ExecutionAndPublication);
    private int _next;

    private RealCloud()
    {
        var missing = Suite.All.Where(s => !s.IsReady).Select(s => s.Name).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"chroot toolboxes not ready in {Suite.Cache}: {string.Join(", ", missing)}; run scripts/real-toolboxes (scripts/test --real does)");
        }

        RemoveStale();
        foreach (var suite in Suite.All)
        {
            Witness.Install(suite);
        }

        Root = Directory.CreateTempSubdirectory("lf-real-").FullName;
        Db = MariaDbServer.Launch(adminPassword: DbSecret);
        Ssh = new SshServer();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Dispose();
    }

    /// <summary>The one shared controller (started on first use, stopped at process exit).</summary>
    public static RealCloud Shared => Instance.Value;

    public MariaDbServer Db { get; }

    public SshServer Ssh { get; }

    /// <summary>Working directory (configs, state directories, module args).</summary>
    public string Root { get; }

    public int Next() => Interlocked.Increment(ref _next);

    /// <summary>Writes a service config outside the chroots and at the same path inside every chroot.</summary>
    /// <returns>The path, the same inside and outside.</returns>
    public string WriteConfig(string name, string text)
    {
        var path = Path.Combine(Root, "etc", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        foreach (var suite in Suite.All)
        {
            var inside = suite.Path + path;
            Directory.CreateDirectory(Path.GetDirectoryName(inside)!);
            File.WriteAllText(inside, text);
        }

        return path;
    }

    /// <summary>A [database] connection URL to <paramref name="database"/> (utf8, as the services set it).</summary>
    public string Url(string database) => Db.ConnectionUrl(database) + "?charset=utf8";

    public void Dispose()
    {
        Ssh.Dispose();
        Db.Dispose();
        foreach (var suite in Suite.All)
        {
            Witness.Stop(suite);
        }

        foreach (var dir in Suite.All.Select(s => s.Path + Root).Append(Root))
        {
            TryDelete(dir);
        }
    }

    /// <summary>Working directories (and their copies inside the chroots) an earlier run left behind: older than two hours.</summary>
    private static void RemoveStale()
    {
        var tmp = Path.GetTempPath().TrimEnd('/');
        foreach (var parent in Suite.All.Select(s => s.Path + tmp).Append(tmp).Where(Directory.Exists))
        {
            foreach (var dir in Directory.GetDirectories(parent, "lf-real-*"))
            {
                if (Directory.GetLastWriteTimeUtc(dir) < DateTime.UtcNow.AddHours(-2))
                {
                    TryDelete(dir);
                }
            }
        }
    }

    private static void TryDelete(string dir)
    {
        try
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
