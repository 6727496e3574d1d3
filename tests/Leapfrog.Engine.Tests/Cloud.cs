using Leapfrog.Core.Toolboxes;
using System.Text.Json;
using Leapfrog.Core.Catalog;
using Leapfrog.Core.Releases;
using Leapfrog.Remote;
using Leapfrog.Testing;

namespace Leapfrog.Engine.Tests;

/// <summary>One service database, its fake release venvs, a state directory and an exec log, for one test.</summary>
public sealed class Cloud
{
    private readonly ControllerFixture _fx;
    private readonly Dictionary<string, FakeToolbox> _toolboxes = [];

    public Cloud(ControllerFixture fx, string service, string at)
    {
        _fx = fx;
        Service = ServiceCatalog.Default.Find(service);
        var n = fx.Next();
        Dir = Path.Combine(fx.Root, $"{service}-{n}");
        Directory.CreateDirectory(Dir);
        StateDir = Path.Combine(Dir, "state");
        ExecLog = Path.Combine(Dir, "exec.log");
        ConfigFile = Path.Combine(Dir, "etc", $"{service}.conf");
        Database = $"{service}_{n}";
        fx.Db.CreateDatabase(Database);
        if (service == "nova")
        {
            ApiDatabase = $"nova_api_{n}";
            fx.Db.CreateDatabase(ApiDatabase);
        }

        Config = new FakeToolboxConfig
        {
            Connection = fx.Db.ConnectionUrl(Database),
            ApiConnection = ApiDatabase is null ? null : fx.Db.ConnectionUrl(ApiDatabase),
            ExecLog = ExecLog,
        };
        Create(at);
    }

    public ServiceDefinition Service { get; }

    public string Dir { get; }

    public string StateDir { get; }

    public string ExecLog { get; }

    public string ConfigFile { get; }

    public string Database { get; }

    public string? ApiDatabase { get; }

    public FakeToolboxConfig Config { get; private set; }

    public string StateFile => Path.Combine(StateDir, $"{Service.Name}.json");

    /// <summary>The venv of <paramref name="release"/>'s tools (made on first use).</summary>
    public FakeToolbox Toolbox(string release)
    {
        if (!_toolboxes.TryGetValue(release, out var box))
        {
            box = FakeToolbox.Create(Path.Combine(Dir, "venvs"), release, Service.Name, Config, ConfigFile);
            _toolboxes[release] = box;
        }

        return box;
    }

    /// <summary>Changes the [fake] section (faults) for every release's tools.</summary>
    public void Configure(Func<FakeToolboxConfig, FakeToolboxConfig> change)
    {
        Config = change(Config);
        File.WriteAllText(ConfigFile, Config.ToIni());
    }

    /// <summary>A hop request as the module would build it.</summary>
    public HopRequest Request(string from, string to, Func<HopRequest, HopRequest>? tweak = null)
    {
        var releases = ReleaseCatalog.Default;
        var request = new HopRequest
        {
            Catalog = ServiceCatalog.Default,
            Service = Service,
            From = releases.Find(from, "from"),
            To = releases.Find(to, "to"),
            Toolbox = new Toolbox(ToolboxType.Venv, Toolbox(to).VenvPath, null, null, []),
            ConfigFile = ConfigFile,
            StateDir = StateDir,
            Batch = 10,
            StepTimeout = TimeSpan.FromSeconds(60),
            Secrets = [ControllerFixture.DbSecret],
        };
        return tweak is null ? request : tweak(request);
    }

    public ShellOptions Ssh => new()
    {
        Host = _fx.Ssh.Host,
        Port = _fx.Ssh.Port,
        User = _fx.Ssh.User,
        PrivateKeyFile = _fx.Ssh.ClientKeyPath,
        KnownHostsFile = _fx.Ssh.KnownHostsPath,
        ConnectAttempts = 2,
        ConnectRetryDelay = TimeSpan.FromMilliseconds(200),
    };

    /// <summary>Runs the hop in-process over SSH.</summary>
    public async Task<HopOutcome> HopAsync(string from, string to, Func<HopRequest, HopRequest>? tweak = null, ShellOptions? ssh = null,
        Func<IShell, IShell>? wrap = null)
    {
        await using var shell = ShellFactory.Create(ssh ?? Ssh, TimeProvider.System);
        var used = wrap is null ? shell : wrap(shell);
        return await new HopRunner(used, Request(from, to, tweak), TimeProvider.System, TimeSpan.FromSeconds(60)).RunAsync();
    }

    /// <summary>How many times the tools were started with every one of <paramref name="words"/> in their argv.</summary>
    public int Executions(params string[] words) =>
        FakeToolboxLogEntry.ReadLines(ExecLog)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("argv").EnumerateArray().Select(a => a.GetString()!).ToList())
            .Count(argv => words.All(argv.Contains));

    public string? Scalar(string sql, string? db = null) => _fx.Db.Scalar(sql, db ?? Database);

    public ServiceState? State() =>
        File.Exists(StateFile) ? JsonSerializer.Deserialize<ServiceState>(File.ReadAllText(StateFile), Json) : null;

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Creates the database at <paramref name="release"/> with that release's own schema steps.</summary>
    private void Create(string release)
    {
        var r = ReleaseCatalog.Default.Find(release, "release");
        var box = Toolbox(release);
        foreach (var step in ServiceCatalog.Default.StepsFor(Service, r).Where(s => s.Kind is StepKind.Schema or StepKind.Data))
        {
            var argv = step.Render(ConfigFile, 1000);
            var result = Proc.Run(box.BinPath(argv[0]), argv.Skip(1));
            if (step.Meaning(result.ExitCode) is not (ExitMeaning.Ok or ExitMeaning.More))
            {
                throw new InvalidOperationException($"creating {Service.Name} at {release}: {string.Join(' ', argv)} rc {result.ExitCode}: {result.Stderr}");
            }
        }

        if (File.Exists(ExecLog))
        {
            File.Delete(ExecLog);
        }
    }
}
