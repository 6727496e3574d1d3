using System.Globalization;
using Leapfrog.Remote;

namespace Leapfrog.Engine;

/// <summary>
/// Backs up, restores or probes one service's databases on the controller, over the hop's remote engine: the service's
/// lock, dumps and loads as detached steps (a dropped connection or a killed module re-attaches instead of dumping again),
/// files written atomically, credentials only in option files on the controller.
/// </summary>
public sealed partial class BackupRunner
{
    private readonly BackupRequest _request;
    private readonly IShell _shell;
    private readonly Controller _controller;
    private readonly TimeProvider _time;
    private readonly Redactor _redactor;
    private readonly SyncList<string> _warnings = new();

    /// <summary>Creates a runner for <paramref name="request"/> over <paramref name="shell"/>.</summary>
    /// <param name="shell">The controller (connected on first use).</param>
    /// <param name="request">The validated request.</param>
    /// <param name="time">Clock.</param>
    /// <param name="reconnectWindow">How long to keep retrying when the controller cannot be reached.</param>
    public BackupRunner(IShell shell, BackupRequest request, TimeProvider time, TimeSpan reconnectWindow)
    {
        _shell = shell;
        _request = request;
        _time = time;
        _controller = new Controller(shell, time, reconnectWindow);
        _redactor = new Redactor(request.Secrets);
    }

    private string Svc => _request.Service.Name;

    private string Dir => _request.Directory.TrimEnd('/');

    private string StateDir => _request.StateDir.TrimEnd('/');

    private string LockDir => $"{StateDir}/{Svc}.lock";

    private string StateFile => $"{StateDir}/{Svc}.json";

    private string ManifestFile => $"{Dir}/MANIFEST.json";

    /// <summary>Runs the request.</summary>
    /// <exception cref="Core.LeapfrogException">Connection, lock, configuration, dump or load problems (the message says which).</exception>
    public async Task<BackupOutcome> RunAsync(CancellationToken ct = default)
    {
        await _shell.ConnectAsync(ct).ConfigureAwait(false);
        var outcome = _request.Action switch
        {
            BackupAction.Probe => await ProbeAsync(ct).ConfigureAwait(false),
            BackupAction.Backup => await BackupAsync(ct).ConfigureAwait(false),
            _ => await RestoreAsync(ct).ConfigureAwait(false),
        };
        return outcome with
        {
            Message = _redactor.Clean(outcome.Message),
            Warnings = [.. _shell.Warnings.Select(_redactor.Clean), .. _warnings.Select(_redactor.Clean)],
            ControllerCalls = _controller.Calls,
            Reconnects = _controller.Reconnects,
        };
    }

    private async Task<BackupOutcome> ProbeAsync(CancellationToken ct)
    {
        var work = WorkDir();
        try
        {
            var (targets, absent) = await ResolveAsync(work, ct).ConfigureAwait(false);
            var found = targets.Select(t => new ProbedDatabase(t.Database, t.Origin, t.Present == true, t.Bytes, t.Server)).ToList();
            var unreachable = targets.Where(t => t.Error is not null).ToList();
            if (unreachable.Count > 0)
            {
                throw new ControllerException(string.Join("; ", unreachable.Select(t => $"{Svc}: cannot reach database {t.Database} at {t.Server} as {t.User}: {t.Error}")));
            }

            return new BackupOutcome
            {
                Message = $"{Svc}: {string.Join(", ", found.Where(d => d.Present).Select(d => $"{d.Database} ({d.Bytes} bytes)"))}" +
                          (absent.Count > 0 ? $"; not on the server: {string.Join(", ", absent)}" : ""),
                Directory = Dir,
                Databases = found,
                Absent = absent,
            };
        }
        finally
        {
            await ForgetAsync(work).ConfigureAwait(false);
        }
    }

    /// <summary>Resolves the service's databases into option files in <paramref name="work"/>; returns them all, and the names of those not on the server.</summary>
    private Task<(IReadOnlyList<DatabaseTarget> Targets, IReadOnlyList<string> Absent)> ResolveAsync(string work, CancellationToken ct)
    {
        var schema = _request.Service.Schema;
        return ResolveAsync(work, schema.Count > 0 ? schema.Select(s => $"{s.Name}={s.Url}").ToList() : [$"{Svc}=database.connection"], ct);
    }

    private async Task<(IReadOnlyList<DatabaseTarget> Targets, IReadOnlyList<string> Absent)> ResolveAsync(string work, IReadOnlyList<string> specs, CancellationToken ct)
    {
        var schema = _request.Service.Schema;
        var cellsFrom = schema.Where(s => s.CellsFrom is not null).Select(s => s.CellsFrom!).Distinct().ToList();
        // The catalog's other databases (nova_cell0 where cell_mappings does not list it) are tried with the first URL's credentials.
        var also = _request.Service.Databases.Except(schema.Select(s => s.Name)).ToList();
        var answer = await _controller.RunCheckedAsync(BackupScripts.Resolve(_request.ConfigFile, work, specs, cellsFrom, also),
            "reading the databases from the config file", ct, TimeSpan.FromMinutes(2)).ConfigureAwait(false);
        var targets = new List<DatabaseTarget>();
        var missing = new List<string>();
        foreach (var line in answer.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.Split('\t');
            switch (f[0].Trim())
            {
                case "noconfig":
                    throw new ControllerException($"{Svc}: the config file {_request.ConfigFile} does not exist or cannot be read on {_controller.Target}");
                case "noclient":
                    throw new ControllerException($"{Svc}: neither the mariadb nor the mysql client is installed on {_controller.Target}");
                case "error":
                    throw new ControllerException($"{Svc}: {_request.ConfigFile}: {Core.Printable.Clip(string.Join(' ', f.Skip(1)), 300)}");
                case "missing" when f.Length >= 3:
                    missing.Add($"{Svc}: {_request.ConfigFile} sets no [{f[2].Split('.')[0]}] {f[2].Split('.').Last()}: database {f[1]} is not backed up");
                    break;
                default:
                    if (DatabaseTarget.Parse(line) is { } t && !targets.Any(x => x.Database == t.Database && x.Server == t.Server))
                    {
                        targets.Add(t);
                    }

                    break;
            }
        }

        if (targets.Count == 0 && !specs.Any(x => x.EndsWith("=database.connection", StringComparison.Ordinal)))
        {
            // A config that keeps the service's database in [database] (as older layouts and some deployments do) instead of the catalog's section.
            return await ResolveAsync(work, [$"{Svc}=database.connection"], ct).ConfigureAwait(false);
        }

        foreach (var m in missing)
        {
            _warnings.Add(m);
        }

        if (targets.Count == 0)
        {
            throw new ControllerException($"{Svc}: {_request.ConfigFile} names no database (no [database] connection)");
        }

        var absent = targets.Where(t => t.Present == false).Select(t => t.Database).ToList();
        return (targets, absent);
    }

    private string WorkDir() => $"{StateDir}/runs/{Svc}/db-options-{Guid.NewGuid():n}";

    private async Task ForgetAsync(string work)
    {
        try
        {
            await _controller.RunAsync(BackupScripts.Forget(work), TimeSpan.FromSeconds(30), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Core.LeapfrogException ex)
        {
            _warnings.Add($"could not remove the option files in {work}: {ex.Message}");
        }
    }

    private ServiceLock Lock => new(_controller, Svc, LockDir, _request.LockStaleAfter, _warnings.Add);

    private string Now() => _time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static void Plain(string name, string what)
    {
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '$'))
        {
            throw new ControllerException($"{what}: '{Core.Printable.Clip(name, 40)}' is not a plain database name");
        }
    }
}
