using System.Globalization;
using Leapfrog.Remote;

namespace Leapfrog.Engine;

/// <summary>
/// The rehearsal's copy of the production databases on the controller, over the hop's remote engine: measures the
/// databases (the backup module's probe), refuses what it must before starting anything, starts a throwaway MariaDB
/// bound to 127.0.0.1, dumps every database with the backup module's own dump (one consistent transaction, nothing
/// locked), loads each into the scratch server, points nova's cell mappings in the copy at the copies, and writes each
/// service's config overlay. Stop removes all of it.
/// </summary>
public sealed class ScratchRunner
{
    /// <summary>Room the scratch server needs beyond the data (InnoDB system tablespace and redo log).</summary>
    public const long Overhead = 256L << 20;

    private readonly IShell _shell;
    private readonly ScratchRequest _request;
    private readonly TimeProvider _time;
    private readonly TimeSpan _reconnect;
    private readonly Controller _controller;
    private readonly Redactor _redactor;
    private readonly List<string> _warnings = [];
    private readonly List<string> _dropped = [];

    /// <summary>Creates a runner for <paramref name="request"/> over <paramref name="shell"/>.</summary>
    /// <param name="shell">The controller (connected on first use).</param>
    /// <param name="request">The validated request.</param>
    /// <param name="time">Clock.</param>
    /// <param name="reconnectWindow">How long to keep retrying when the controller cannot be reached.</param>
    public ScratchRunner(IShell shell, ScratchRequest request, TimeProvider time, TimeSpan reconnectWindow)
    {
        _shell = shell;
        _request = request;
        _time = time;
        _reconnect = reconnectWindow;
        _controller = new Controller(shell, time, reconnectWindow);
        _redactor = new Redactor(request.Secrets);
    }

    private string Dir => _request.Directory.TrimEnd('/');

    /// <summary>Runs the request. A failed start removes whatever it started before it throws.</summary>
    /// <exception cref="Core.LeapfrogException">A refusal (port taken, no room, directory in a datadir), or a failed step.</exception>
    public async Task<ScratchOutcome> RunAsync(CancellationToken ct = default)
    {
        await _shell.ConnectAsync(ct).ConfigureAwait(false);
        if (!_request.Start)
        {
            var (times, endLoad) = await HopTimesAsync(ct).ConfigureAwait(false);
            var said = await StopScriptAsync(ct).ConfigureAwait(false);
            var lost = said == "removed not-running";
            var dropped = _dropped.Count > 0 ? $"; dropped the database(s) it created on the scratch server: {string.Join(", ", _dropped)}" : "";
            return new ScratchOutcome
            {
                Changed = said.StartsWith("removed", StringComparison.Ordinal),
                ServerLost = lost,
                Message = lost ? $"removed {Dir}; the scratch server was not running (it stopped or was killed during the rehearsal)"
                    : said == "removed" ? $"stopped the scratch server and removed {Dir}{dropped}" : $"nothing to remove: {Dir} holds no rehearsal",
                HopTimes = times,
                Load = endLoad,
                Warnings = [.. _warnings.Select(_redactor.Clean)],
            };
        }

        // A leftover of an interrupted rehearsal is removed first: a rerun starts afresh.
        var (port, free, load) = await CheckAsync(ct).ConfigureAwait(false);
        try
        {
            // Claimed (the marker) before the probe writes its option files there: a refusal below leaves nothing behind.
            await _controller.RunCheckedAsync(ScratchScripts.Claim(Dir), $"making {Dir}", ct).ConfigureAwait(false);
            var (bytes, probed) = await MeasureAsync(free, ct).ConfigureAwait(false);
            var leftovers = _request.Server is { } named ? await ExistingAsync(named, probed, ct).ConfigureAwait(false) : [];
            return await CopyAsync(_request.Server?.Port ?? port, bytes, free, leftovers, ct).ConfigureAwait(false) with { Load = load };
        }
        catch (Exception ex) when (ex is Core.LeapfrogException or OperationCanceledException)
        {
            await StopAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Everything refused before anything starts: a directory in a datadir or the production state directory, a taken port.</summary>
    private async Task<(int Port, long Free, double? Load)> CheckAsync(CancellationToken ct)
    {
        if (await StopAsync(ct).ConfigureAwait(false))
        {
            _warnings.Add($"removed the leftover of an interrupted rehearsal in {Dir}");
        }

        var lines = (await _controller.RunCheckedAsync(ScratchScripts.Preflight(Dir, _request.Port), "checking the rehearsal directory and port", ct)
            .ConfigureAwait(false)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToList();
        string Field(string key, int i = 1) => lines.FirstOrDefault(f => f[0] == key && f.Length > i)?[i] ?? "";
        var resolved = Field("resolved").TrimEnd('/');
        foreach (var datadir in lines.Where(f => f[0] == "datadir" && f.Length > 1).Select(f => f[1].TrimEnd('/')))
        {
            if (Inside(Dir, datadir) || Inside(resolved, datadir) || Inside(datadir, Dir))
            {
                throw new ControllerException($"rehearsal_dir {Dir} lies inside the MariaDB datadir {datadir} on {_controller.Target}; choose a directory outside every production datadir; nothing was started");
            }
        }

        var state = _request.ProductionStateDir.TrimEnd('/');
        if (Inside(Dir, state) || Inside(state, Dir))
        {
            throw new ControllerException($"rehearsal_dir {Dir} overlaps the production state directory {state}; the rehearsal keeps its own state apart; nothing was started");
        }

        if (Field("dir") == "foreign")
        {
            throw new ControllerException($"rehearsal_dir {Dir} on {_controller.Target} is not empty and was not made by a rehearsal; choose an empty or new directory; nothing was started");
        }

        if (_request.Server is not null)
        {
            return (_request.Server.Port, FreeOf(Field("free")), LoadOf(Field("load")));
        }

        if (Field("server") != "yes")
        {
            throw new ControllerException($"the scratch server needs mariadbd and mariadb-install-db on {_controller.Target} (package mariadb-server); nothing was started");
        }

        var port = int.Parse(Field("port"), CultureInfo.InvariantCulture);
        if (Field("port", 2) == "taken")
        {
            throw new ControllerException(_request.Port == 0
                ? $"no free port for the scratch server on {_controller.Target} (43306 to 43506 are taken); set rehearsal_port; nothing was started"
                : $"port {port} on 127.0.0.1 of {_controller.Target} is already taken; choose a free port for the scratch server; nothing was started");
        }

        return (port, FreeOf(Field("free")), LoadOf(Field("load")));
    }

    private static long FreeOf(string kb) => long.TryParse(kb, CultureInfo.InvariantCulture, out var k) ? k * 1024 : 0;

    private static double? LoadOf(string text) => double.TryParse(text, CultureInfo.InvariantCulture, out var l) ? l : null;

    /// <summary>Measures every database with the backup module's probe and refuses when the copy cannot fit.</summary>
    private async Task<(long Bytes, List<ProbedDatabase> Probed)> MeasureAsync(long free, CancellationToken ct)
    {
        long total = 0;
        var probed = new List<ProbedDatabase>();
        foreach (var service in _request.Services)
        {
            var probe = await Backup(service, BackupAction.Probe).RunAsync(ct).ConfigureAwait(false);
            total += probe.Databases.Where(d => d.Present).Sum(d => d.Bytes);
            probed.AddRange(probe.Databases);
        }

        // The dumps (at most the data's size) and the loaded copy, plus the scratch server's own files and the reserve kept
        // free; an operator's server holds the loaded copy on its own disk, so only the dumps are needed here.
        var existing = _request.Server is not null;
        var need = (existing ? total : (2 * total) + Overhead) + _request.FreeReserve;
        if (free < need)
        {
            var reserve = _request.FreeReserve > 0 ? $" + {Mb(_request.FreeReserve)} kept free (free_reserve_mb)" : "";
            throw new ControllerException(
                $"not enough free disk for the rehearsal's copy under {Dir} on {_controller.Target}: the databases hold {Mb(total)}, the copy needs {Mb(need)} " +
                (existing ? $"(dumps{reserve})" : $"(dumps + loaded copy + {Mb(Overhead)} for the scratch server{reserve})") + $", {Mb(free)} is free; nothing was started");
        }

        return (total, probed);
    }

    /// <summary>
    /// An existing server the operator named: refused when it is a production server (the same address and port as a
    /// production database, or the same socket), or when it holds a database the copy needs that a rehearsal did not
    /// create (or did, without drop_leftovers). Returns the leftovers to drop. Nothing is created on it here.
    /// </summary>
    private async Task<HashSet<string>> ExistingAsync(ScratchServer named, List<ProbedDatabase> probed, CancellationToken ct)
    {
        var where = $"{named.Endpoint}";
        foreach (var server in probed.Select(d => d.Server).Distinct())
        {
            if (SameServer(server, named))
            {
                throw new ControllerException($"scratch_server {where} is a production database server ({server} holds the production databases); name a server apart from production; nothing was started");
            }
        }

        var bad = probed.Select(d => d.Database).FirstOrDefault(d => !System.Text.RegularExpressions.Regex.IsMatch(d, "^[A-Za-z0-9_$-]{1,64}$"));
        if (bad is not null)
        {
            throw new ControllerException($"the database name {Core.Printable.Clip(bad, 64)} cannot be copied to scratch_server; nothing was started");
        }

        var option = $"[client]\nuser={named.User}\npassword=\"{named.Password.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"\n" +
                     $"host={named.Host}\nport={named.Port.ToString(CultureInfo.InvariantCulture)}\nprotocol=TCP\n";
        await _controller.RunCheckedAsync(ScratchScripts.Existing(Dir, option, $"{Uri.EscapeDataString(named.User)}:{Uri.EscapeDataString(named.Password)}", named.Endpoint),
            "writing the scratch server's option file", ct).ConfigureAwait(false);
        var result = await _controller.RunAsync(ScratchScripts.Look(Dir, probed.Select(d => d.Database).Distinct()), TimeSpan.FromMinutes(2), ct).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new ControllerException(_redactor.Clean($"cannot reach scratch_server {where} as {named.User} from {_controller.Target}: {Core.Printable.Clip(result.Stderr.Trim(), 300)}; nothing was started"));
        }

        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim().Split(' ', 4)).ToList();
        if (lines.FirstOrDefault(l => l[0] == "server") is [_, var hostname, var port, ..] identity)
        {
            var socket = identity.Length > 3 ? identity[3] : "";
            if (socket.Length > 0 && probed.Any(d => d.Server == socket))
            {
                throw new ControllerException($"scratch_server {where} is a production database server (MariaDB on {hostname}, port {port}, socket {socket}, holds the production databases); name a server apart from production; nothing was started");
            }
        }

        var marked = lines.Where(l => l is ["marked", _]).Select(l => l[1]).ToHashSet();
        var held = lines.Where(l => l is ["has", _]).Select(l => l[1]).ToList();
        var foreign = held.Where(d => !marked.Contains(d)).ToList();
        if (foreign.Count > 0)
        {
            throw new ControllerException($"scratch_server {where} already holds database(s) named {string.Join(", ", foreign)}, which no rehearsal created there; " +
                                          "the rehearsal never overwrites a database it did not create: name another server, or move them away; nothing was started");
        }

        if (held.Count > 0 && !_request.DropLeftovers)
        {
            throw new ControllerException($"scratch_server {where} holds database(s) named {string.Join(", ", held)} that an earlier rehearsal created there and left " +
                                          $"(listed in {ScratchScripts.MarkerDatabase}.created); set drop_leftovers to drop them first; nothing was started");
        }

        await _controller.RunCheckedAsync(ScratchScripts.Owning(Dir), "noting the scratch server's databases as the rehearsal's", ct).ConfigureAwait(false);
        if (held.Count > 0)
        {
            _warnings.Add($"dropped the leftover(s) of an earlier rehearsal on scratch_server {where} before loading: {string.Join(", ", held)}");
        }

        return [.. held];
    }

    /// <summary>The same server: the same port and the same host, any loopback name counting as one.</summary>
    private static bool SameServer(string production, ScratchServer named)
    {
        var colon = production.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(production[(colon + 1)..], CultureInfo.InvariantCulture, out var port) || port != named.Port)
        {
            return false;
        }

        static string Norm(string h)
        {
            h = h.Trim('[', ']').ToLowerInvariant();
            return h is "localhost" or "::1" || h.StartsWith("127.", StringComparison.Ordinal) ? "loopback" : h;
        }

        return Norm(production[..colon]) == Norm(named.Host);
    }

    private async Task<ScratchOutcome> CopyAsync(int port, long bytes, long free, HashSet<string> leftovers, CancellationToken ct)
    {
        if (_request.Server is null)
        {
            await _controller.RunCheckedAsync(ScratchScripts.Start(Dir, port), "starting the scratch MariaDB", ct, TimeSpan.FromMinutes(3)).ConfigureAwait(false);
        }

        var copied = new List<CopiedDatabase>();
        var backupSeconds = new Dictionary<string, double>();
        var overlays = new Dictionary<string, string>();
        var cells = 0;
        foreach (var service in _request.Services)
        {
            var dumped = await Backup(service, BackupAction.Backup).RunAsync(ct).ConfigureAwait(false);
            backupSeconds[service.Name] = dumped.Dumps.Sum(d => d.Seconds);
            foreach (var dump in dumped.Dumps)
            {
                if (copied.Any(c => c.Database == dump.Database))
                {
                    throw new ControllerException($"{service.Name}: two databases named {dump.Database} (on different servers) cannot both be copied into one scratch server");
                }

                if (_request.Server is not null)
                {
                    // Listed as the rehearsal's before the load creates it: the stop drops it, and nothing else.
                    await _controller.RunCheckedAsync(ScratchScripts.Mark(Dir, dump.Database, leftovers.Contains(dump.Database)), $"{service.Name}: claiming {dump.Database} on the scratch server", ct)
                        .ConfigureAwait(false);
                }

                copied.Add(new CopiedDatabase(service.Name, dump.Database, dump.Origin, dump.Bytes, dump.Seconds, await LoadAsync(dumped.Directory, dump, ct).ConfigureAwait(false)));
            }

            foreach (var api in service.Schema.Where(s => s.CellsFrom is not null).Select(s => s.CellsFrom!).Distinct())
            {
                var database = dumped.Dumps.FirstOrDefault(d => d.Origin == api)?.Database;
                if (database is not null)
                {
                    cells += await PointCellsAsync(service.Name, database, ct).ConfigureAwait(false);
                }
            }

            var config = _request.ConfigFiles.TryGetValue(service.Name, out var c) ? c : service.ConfigFile;
            var written = await _controller.RunCheckedAsync(ScratchScripts.Overlay(Dir, service.Name, config, _request.OverlayRoots), $"{service.Name}: writing the config overlay", ct)
                .ConfigureAwait(false);
            if (written.Trim() == "overlay 0")
            {
                throw new ControllerException($"{service.Name}: {config} holds no database URL to point at the copy");
            }

            overlays[service.Name] = $"{Dir}/overlays/{service.Name}.conf";
        }

        await _controller.RunCheckedAsync(ScratchScripts.CopyState(Dir, _request.ProductionStateDir, _request.Services.Select(s => s.Name)), "copying the state files", ct)
            .ConfigureAwait(false);
        var tables = await LargestAsync(copied.Select(c => c.Database).ToList(), ct).ConfigureAwait(false);
        return new ScratchOutcome
        {
            Changed = true,
            Message = _redactor.Clean($"copied {copied.Count} database(s), {Mb(bytes)}, " +
                                      (_request.Server is { } named ? $"into the existing MariaDB at {named.Endpoint} (scratch_server; dropped again at the end)" : $"into a scratch MariaDB on 127.0.0.1:{port} of {_controller.Target}") +
                                      (cells > 0 ? $"; {cells} nova cell mapping(s) point at the copy" : "")),
            Port = port,
            Overlays = overlays,
            Databases = copied,
            BackupSeconds = backupSeconds,
            LargestTables = tables,
            Bytes = bytes,
            FreeBytes = free,
            CellsPointed = cells,
            Warnings = [.. _shell.Warnings.Select(_redactor.Clean), .. _warnings.Select(_redactor.Clean)],
        };
    }

    /// <summary>
    /// Loads one dump as a detached step (the backup module's own load, run like a hop's step: it survives a dropped
    /// connection and is waited for again, never started twice); returns its seconds.
    /// </summary>
    private async Task<double> LoadAsync(string directory, DumpRecord dump, CancellationToken ct)
    {
        var option = $"{Dir}/load-{dump.Database}.cnf";
        await _controller.RunCheckedAsync(ScratchScripts.OptionCopy(Dir, option), "preparing the load", ct).ConfigureAwait(false);
        var executor = new StepExecutor(_controller, $"{Dir}/.steps", _request.StepTimeout);
        var result = await executor.StartAsync($"{Dir}/.steps/load-{dump.Database}", 1, BackupScripts.Load(option, $"{directory}/{dump.File}"), ct).ConfigureAwait(false);
        if (result.Rc != 0)
        {
            var why = result.Rc is null ? "the load process was lost (killed, or the controller rebooted)"
                : result.TimedOut ? $"it ran longer than step_timeout ({_request.StepTimeout.TotalSeconds:0} s)"
                : $"rc {result.Rc}: {Core.Printable.Clip(result.Stderr.Trim(), 300)}";
            throw new ControllerException(_redactor.Clean($"loading {dump.Database} into the scratch server failed: {why}"));
        }

        return Math.Round(result.DurationS, 3);
    }

    private async Task<int> PointCellsAsync(string service, string database, CancellationToken ct)
    {
        var answer = (await _controller.RunCheckedAsync(ScratchScripts.PointCells(Dir, database), $"{service}: pointing the copy's cell mappings at the copy", ct)
            .ConfigureAwait(false)).Trim().Split(' ');
        if (answer is not ["cells", var n, var left] || left != "0")
        {
            throw new ControllerException($"{service}: the copy of {database} still maps a cell to a database outside the scratch server; the rehearsal would migrate it; stopped");
        }

        return int.Parse(n, CultureInfo.InvariantCulture);
    }

    private async Task<IReadOnlyList<TableSize>> LargestAsync(List<string> databases, CancellationToken ct)
    {
        if (databases.Count == 0)
        {
            return [];
        }

        var text = await _controller.RunCheckedAsync(ScratchScripts.LargestTables(Dir, databases, 10), "measuring the largest tables", ct, TimeSpan.FromMinutes(30))
            .ConfigureAwait(false);
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t'))
            .Where(f => f is ["table", _, _, _, _])
            .Select(f => new TableSize(f[1], f[2], long.TryParse(f[3], CultureInfo.InvariantCulture, out var b) ? b : 0, long.TryParse(f[4], CultureInfo.InvariantCulture, out var r) ? r : -1))
            .ToList();
    }

    /// <summary>The hops the rehearsal's own state files recorded, and the load average, before the stop removes them.</summary>
    private async Task<(IReadOnlyList<HopTime> Times, double? Load)> HopTimesAsync(CancellationToken ct)
    {
        var text = await _controller.RunCheckedAsync(ScratchScripts.StateFiles(Dir), "reading the rehearsal's state files", ct).ConfigureAwait(false);
        var times = new List<HopTime>();
        double? load = null;
        foreach (var part in text.Split('\u001e', StringSplitOptions.RemoveEmptyEntries))
        {
            var newline = part.IndexOf('\n', StringComparison.Ordinal);
            var head = (newline < 0 ? part : part[..newline]).Trim();
            if (head.StartsWith("load ", StringComparison.Ordinal))
            {
                load = double.TryParse(head[5..], CultureInfo.InvariantCulture, out var l) ? l : null;
                continue;
            }

            try
            {
                var hops = System.Text.Json.Nodes.JsonNode.Parse(part[(newline + 1)..])?["hops"] as System.Text.Json.Nodes.JsonArray ?? [];
                times.AddRange(hops.OfType<System.Text.Json.Nodes.JsonObject>()
                    .Where(h => h["run_id"] is not null && h["from"] is not null && h["to"] is not null && h["started"] is not null)
                    .Select(h => new HopTime(head, (string)h["run_id"]!, (string)h["from"]!, (string)h["to"]!, (string)h["started"]!, (string?)h["finished"], (string?)h["outcome"] ?? "?")));
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or FormatException)
            {
                _warnings.Add($"the rehearsal's state file of {head} could not be read: the prediction uses its steps only");
            }
        }

        return (times, load);
    }

    private async Task<bool> StopAsync(CancellationToken ct) => (await StopScriptAsync(ct).ConfigureAwait(false)).StartsWith("removed", StringComparison.Ordinal);

    /// <summary>Runs the stop; returns its last line (removed, removed not-running, none) and notes what it dropped or could not.</summary>
    private async Task<string> StopScriptAsync(CancellationToken ct)
    {
        var lines = (await _controller.RunCheckedAsync(ScratchScripts.Stop(Dir), "stopping the scratch server", ct, TimeSpan.FromMinutes(2)).ConfigureAwait(false))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var line in lines.SkipLast(1))
        {
            if (line.StartsWith("dropped ", StringComparison.Ordinal))
            {
                _dropped.Add(line[8..]);
            }
            else if (line.StartsWith("kept ", StringComparison.Ordinal) || line.StartsWith("unreachable", StringComparison.Ordinal))
            {
                _warnings.Add(line.StartsWith("kept ", StringComparison.Ordinal)
                    ? $"could not drop {line[5..]} on the scratch server; it stays listed in {ScratchScripts.MarkerDatabase}.created (drop_leftovers drops it on the next run)"
                    : $"the scratch server {line[12..]} could not be reached: the databases the rehearsal created there stay, listed in {ScratchScripts.MarkerDatabase}.created (drop_leftovers drops them on the next run)");
            }
        }

        return lines.Length == 0 ? "none" : lines[^1];
    }

    /// <summary>The backup module's runner on one service: production config, the rehearsal's own state directory and dump directory.</summary>
    private BackupRunner Backup(Core.Catalog.ServiceDefinition service, BackupAction action) =>
        new(_shell, new BackupRequest
        {
            Action = action,
            Service = service,
            ConfigFile = _request.ConfigFiles.TryGetValue(service.Name, out var c) ? c : service.ConfigFile,
            Directory = $"{Dir}/dumps/{service.Name}",
            StateDir = _request.StateDir,
            StepTimeout = _request.StepTimeout,
            Secrets = _request.Secrets,
        }, _time, _reconnect);

    private static bool Inside(string path, string dir) =>
        path.Length > 0 && dir.Length > 0 && (path == dir || path.StartsWith(dir.TrimEnd('/') + "/", StringComparison.Ordinal));

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.0} MiB");
}
