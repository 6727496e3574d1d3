using System.Text.Json;
using Leapfrog.Testing;

namespace Leapfrog.Engine.Tests;

/// <summary>
/// A nova at victoria with cells made by victoria's own (fake) <c>nova-manage cell_v2</c>: cell0, cell1 (the config's own
/// database) and further cells, each in its own database, reached with its own user and password, with rows of its own.
/// </summary>
public sealed class NovaCells
{
    private const string Transport = "rabbit://guest:guest@127.0.0.1:5672/";
    private readonly ControllerFixture _fx;

    public NovaCells(ControllerFixture fx, params string[] extra)
    {
        _fx = fx;
        Cloud = new Cloud(fx, "nova", "victoria");
        var victoria = Cloud.Toolbox("victoria");
        Expect(victoria.Run("nova-manage", "cell_v2", "map_cell0"));
        Expect(victoria.Run("nova-manage", "cell_v2", "create_cell", "--name", "cell1", "--transport-url", Transport));
        foreach (var name in extra)
        {
            var url = CreateDatabase(name);
            Expect(victoria.Run("nova-manage", "cell_v2", "create_cell", "--name", name, "--transport-url", Transport, "--database_connection", url));
            var overlay = Overlay(name, url);
            Expect(victoria.Run("nova-manage", "--config-file", overlay, "db", "sync", "--local_cell"));
            Expect(victoria.Run("nova-manage", "--config-file", overlay, "db", "online_data_migrations"));
            fx.Db.Exec($"CREATE TABLE leapfrog_marker (v VARCHAR(32)); INSERT INTO leapfrog_marker VALUES ('{name}-a'), ('{name}-b');", Database(name));
        }

        if (File.Exists(Cloud.ExecLog))
        {
            File.Delete(Cloud.ExecLog);
        }
    }

    public Cloud Cloud { get; }

    /// <summary>The cell's database name.</summary>
    public string Database(string cell) => $"{Cloud.Database}_{cell}";

    /// <summary>The cell's own database password (not the test server's admin password, so the module cannot know it).</summary>
    public static string Password(string cell) => $"Cell-{cell}-Pw7q";

    /// <summary>The cell mapping's UUID, from the API database.</summary>
    public string Uuid(string cell) => _fx.Db.Scalar($"SELECT uuid FROM fake_cell_mappings WHERE name = '{cell}'", Cloud.ApiDatabase)!;

    /// <summary>A database with its own user and password; returns its URL.</summary>
    public string CreateDatabase(string cell)
    {
        var db = Database(cell);
        var user = $"u{db}"[..Math.Min(32, db.Length + 1)];
        _fx.Db.CreateDatabase(db);
        foreach (var host in new[] { "127.0.0.1", "localhost" })
        {
            _fx.Db.Exec($"CREATE USER IF NOT EXISTS '{user}'@'{host}' IDENTIFIED BY '{Password(cell)}'; GRANT ALL ON `{db}`.* TO '{user}'@'{host}';");
        }

        return _fx.Db.ConnectionUrl(db, user, Password(cell));
    }

    /// <summary>An overlay config (written by the test) that points the tools at the cell's database.</summary>
    public string Overlay(string cell, string url)
    {
        var path = Path.Combine(Cloud.Dir, "test-overlays", $"{cell}.conf");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, $"[database]\nconnection = {url}\n");
        return path;
    }

    /// <summary>The cell's schema revision, as <paramref name="release"/>'s own <c>db version</c> reads it.</summary>
    public string Version(string release, string cell) =>
        Expect(Cloud.Toolbox(release).Run("nova-manage", "--config-file", Overlay(cell, _fx.Db.ConnectionUrl(Database(cell))), "db", "version")).Stdout.Trim();

    /// <summary>The marker rows put in the cell's database at creation.</summary>
    public IReadOnlyList<string> Markers(string cell) =>
        _fx.Db.Query("SELECT v FROM leapfrog_marker ORDER BY v", Database(cell)).Select(r => r[0]).ToList();

    /// <summary>Tool runs (from the fake tools' exec log) whose argv names the cell's UUID: the module's overlay for it.</summary>
    public int Runs(string uuid, string? word = null) =>
        Argvs().Count(argv => argv.Any(a => a.Contains(uuid, StringComparison.Ordinal)) && (word is null || argv.Contains(word)));

    /// <summary>Every tool run's argv, in the order the fake tools' exec log has them.</summary>
    public List<List<string>> Argvs() =>
        FakeToolboxLogEntry.ReadLines(Cloud.ExecLog)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("argv").EnumerateArray().Select(a => a.GetString()!).ToList())
            .ToList();

    private static FakeToolboxResult Expect(FakeToolboxResult r) =>
        r.ExitCode == 0 ? r : throw new InvalidOperationException($"setting up cells: rc {r.ExitCode}: {r.Stderr} {r.Stdout}");
}
