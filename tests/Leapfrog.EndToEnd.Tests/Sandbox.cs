using System.Text.Json;
using Leapfrog.Testing;

namespace Leapfrog.EndToEnd.Tests;

/// <summary>A sandbox cloud made by scripts/sandbox: a real sshd and MariaDB on 127.0.0.1 and fake release venvs.</summary>
public sealed class Sandbox : IDisposable
{
    private Sandbox(string dir) => Dir = dir;

    public string Dir { get; }

    public string Inventory => Path.Combine(Dir, "inventory.yml");

    public string Vars => Path.Combine(Dir, "vars.yml");

    public string StateDir => Path.Combine(Dir, "state");

    public string BackupDir => Path.Combine(Dir, "backups");

    /// <summary>The port of the sandbox's sshd (the controller).</summary>
    public int SshPort => int.Parse(File.ReadAllLines(Path.Combine(Dir, "sandbox.env")).Single(l => l.StartsWith("SSH_PORT=", StringComparison.Ordinal))[9..],
        System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The tools' own log of every invocation on the controller (scripts/sandbox's exec.log).</summary>
    public Witness Witness => new(Path.Combine(Dir, "exec.log"));

    /// <summary>scripts/sandbox up with these releases (oldest first) and services; extra [fake] settings.</summary>
    public static Sandbox Up(string releases, string services, params string[] fakeSettings)
    {
        var dir = Path.Combine(Path.GetTempPath(), "lf-e2e-" + Guid.NewGuid().ToString("N")[..10]);
        var args = new List<string> { "up", dir, "--releases", releases, "--services", services };
        foreach (var s in fakeSettings)
        {
            args.AddRange(["--set", s]);
        }

        var r = Script(args);
        var box = new Sandbox(dir);
        if (r.ExitCode != 0)
        {
            box.Dispose();
            throw new InvalidOperationException($"scripts/sandbox up failed ({r.ExitCode}): {r.Stdout} {r.Stderr}");
        }

        return box;
    }

    /// <summary>That release's tools of the service fail <paramref name="step"/> (null: the fault is removed).</summary>
    public void Fault(string service, string release, string? step)
    {
        var r = Script(step is null ? ["fault", Dir, service, release] : ["fault", Dir, service, release, step]);
        Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
    }

    /// <summary>The release a service's state file says its database is at, or null without a state file.</summary>
    public string? ReleaseOf(string service)
    {
        var file = Path.Combine(StateDir, service + ".json");
        if (!File.Exists(file))
        {
            return null;
        }

        using var doc = JsonDocument.Parse(File.ReadAllText(file));
        return doc.RootElement.TryGetProperty("release", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
    }

    /// <summary>The hop records (from, to, outcome, started, finished) of a service's state file.</summary>
    public IReadOnlyList<(string From, string To, string Outcome, DateTimeOffset Started, DateTimeOffset? Finished)> Hops(string service)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(StateDir, service + ".json")));
        return doc.RootElement.GetProperty("hops").EnumerateArray().Select(h => (
            h.GetProperty("from").GetString()!,
            h.GetProperty("to").GetString()!,
            h.GetProperty("outcome").GetString()!,
            DateTimeOffset.Parse(h.GetProperty("started").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
            h.TryGetProperty("finished", out var f) ? DateTimeOffset.Parse(f.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : (DateTimeOffset?)null))
            .ToList();
    }

    /// <summary>Runs SQL as root through the sandbox's socket and returns the rows, tab-separated.</summary>
    public string Sql(string sql, string? database = null)
    {
        var args = new List<string> { "--no-defaults", $"--socket={Path.Combine(Dir, "mariadb", "mysqld.sock")}", "-uroot", "--batch", "--skip-column-names", "-e", sql };
        if (database is not null)
        {
            args.Add(database);
        }

        var r = Proc.Run("mariadb", args, timeout: TimeSpan.FromSeconds(60));
        Assert.True(r.ExitCode == 0, $"mariadb: {r.Stderr}");
        return r.Stdout;
    }

    /// <summary>Everything a database holds: each table's columns and rows, in a stable order.</summary>
    public string Snapshot(string database)
    {
        var tables = Sql($"SELECT table_name FROM information_schema.tables WHERE table_schema = '{database}' ORDER BY table_name")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var sb = new System.Text.StringBuilder();
        foreach (var t in tables)
        {
            sb.Append("## ").AppendLine(t);
            sb.Append(Sql($"SELECT column_name, column_type FROM information_schema.columns WHERE table_schema = '{database}' AND table_name = '{t}' ORDER BY ordinal_position"));
            sb.Append(Sql($"SELECT * FROM `{t}` ORDER BY 1", database));
        }

        return sb.ToString();
    }

    /// <summary>The fake schema of a database: component, release, phase rows.</summary>
    public string Schema(string database) => Sql("SELECT component, release_name, phase FROM fake_schema ORDER BY component", database);

    public void Dispose()
    {
        Script(["down", Dir]);
    }

    private static ProcResult Script(IEnumerable<string> args) =>
        Proc.Run(Repo.At("scripts", "sandbox"), args, new Dictionary<string, string> { ["LEAPFROG_FAKE_TOOL"] = FakeToolbox.ToolPath },
            timeout: TimeSpan.FromMinutes(5));
}
