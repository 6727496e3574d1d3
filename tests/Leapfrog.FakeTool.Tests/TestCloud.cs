using Leapfrog.Testing;

namespace Leapfrog.FakeTool.Tests;

/// <summary>One service's databases and venvs for one test, on the shared MariaDB.</summary>
public sealed class TestCloud
{
    private readonly MariaDbFixture _fx;

    public TestCloud(MariaDbFixture fx, string service)
    {
        _fx = fx;
        Service = service;
        Dir = fx.NewDir(service);
        ExecLog = Path.Combine(Dir, "exec.log");
        Db = fx.NewDatabase(service);
        if (service == "nova")
        {
            ApiDb = fx.NewDatabase("nova_api");
        }
    }

    public string Service { get; }

    public string Dir { get; }

    public string ExecLog { get; }

    public string Db { get; }

    public string? ApiDb { get; }

    public MariaDbServer Server => _fx.Server;

    public FakeToolboxConfig BaseConfig => new()
    {
        Connection = Server.ConnectionUrl(Db),
        ApiConnection = ApiDb is null ? null : Server.ConnectionUrl(ApiDb),
        ExecLog = ExecLog,
    };

    /// <summary>A venv of <paramref name="release"/>'s tools, optionally with extra [fake] settings.</summary>
    public FakeToolbox Toolbox(string release, Func<FakeToolboxConfig, FakeToolboxConfig>? tweak = null) =>
        FakeToolbox.Create(Path.Combine(Dir, "venvs"), release, Service, tweak is null ? BaseConfig : tweak(BaseConfig));

    public string? Scalar(string sql) => Server.Scalar(sql, Db);

    public int Count(string sql) => int.Parse(Scalar(sql) ?? "-1");

    /// <summary>(release_name, phase) of a component, or null.</summary>
    public (string Release, string Phase)? State(string component, string? db = null)
    {
        var rows = Server.Query($"SELECT release_name, phase FROM fake_schema WHERE component = '{component}'", db ?? Db);
        return rows.Count == 0 ? null : (rows[0][0], rows[0][1]);
    }

    public int Applied(string step, string? db = null) =>
        int.Parse(Server.Scalar($"SELECT COUNT(*) FROM fake_history WHERE step = '{step}'", db ?? Db) ?? "0");
}
