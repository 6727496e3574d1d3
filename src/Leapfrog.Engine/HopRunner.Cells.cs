using Leapfrog.Core.Catalog;
using Leapfrog.Remote;

namespace Leapfrog.Engine;

/// <summary>
/// Cells (nova's cells v2): after the service's own steps, the target release's own tool lists the cells, and every
/// cell other than cell0 and the service's own is synced and migrated with the same release's cell steps, through a
/// config overlay (mode 0600, removed after) that sets its <c>[database] connection</c>. At most
/// <see cref="HopRequest.CellConcurrency"/> cells run at once; after a failure no further cell starts. Each cell's end is
/// written to the state file, so a rerun skips the cells done and resumes at the one that failed. The cells' database
/// URLs hold passwords: they stay in memory and in the overlays, and are masked everywhere else.
/// </summary>
public sealed partial class HopRunner
{
    private readonly SyncList<CellReport> _cellReports = new();
    private IReadOnlyList<CellReport> _cells = [];
    private ServiceState? _state;

    /// <summary>One cell being run: where its step runs go, and its overlay as the tools see it.</summary>
    private sealed record CellScope(CellRow Row, string RunsDir, string ToolConfig, SyncList<StepReport> Reports);

    private string OverlayDir(string runId) => $"{RunsDir(runId)}/cell-configs";

    /// <summary>Runs every cell's steps; returns the failure message, or null when every cell is done (or there are none).</summary>
    private async Task<string?> RunCellsAsync(string runId, CancellationToken ct)
    {
        var steps = _request.Catalog.CellStepsFor(_request.Service, _request.To).Where(s => _request.Phases.Contains(s.Kind)).ToList();
        if (steps.Count == 0)
        {
            return null;
        }

        var (rows, listFailure) = await ListCellsAsync(ct).ConfigureAwait(false);
        if (listFailure is not null)
        {
            return listFailure;
        }

        var own = await OwnDatabaseAsync(ct).ConfigureAwait(false);
        var done = (_state?.Hops[^1].Cells ?? []).Where(c => c.Outcome == "done").Select(c => c.Uuid).ToHashSet();
        var todo = new List<CellRow>();
        foreach (var row in rows)
        {
            if (SkipReason(row, own) is { } reason)
            {
                _cellReports.Add(new CellReport { Name = row.Name, Uuid = row.Uuid, Outcome = "skipped", Message = reason });
            }
            else if (done.Contains(row.Uuid))
            {
                _cellReports.Add(new CellReport { Name = row.Name, Uuid = row.Uuid, Outcome = "done_earlier", Message = "the state file records it done in this hop: nothing ran" });
            }
            else
            {
                todo.Add(row);
            }
        }

        string? failure = null;
        try
        {
            failure = await RunCellsAsync(todo, runId, steps, ct).ConfigureAwait(false);
        }
        finally
        {
            if (todo.Count > 0)
            {
                await _controller.RunCheckedAsync(CellScripts.Remove(_request.Toolbox.HostPath(OverlayDir(runId))), "removing the cells' config overlays", CancellationToken.None)
                    .ConfigureAwait(false);
            }

            var order = rows.Select(r => r.Uuid).ToList();
            _cells = _cellReports.OrderBy(c => order.IndexOf(c.Uuid)).ToList();
        }

        return failure;
    }

    private async Task<string?> RunCellsAsync(List<CellRow> todo, string runId, IReadOnlyList<StepDefinition> steps, CancellationToken ct)
    {
        using var gate = new SemaphoreSlim(_request.CellConcurrency);
        using var stateGate = new SemaphoreSlim(1, 1);
        var failures = new SyncList<string>();
        var tasks = todo.Select(async row =>
        {
            await gate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                if (failures.Any())
                {
                    _cellReports.Add(new CellReport { Name = row.Name, Uuid = row.Uuid, Outcome = "not_run", Message = "an earlier cell failed first; the rerun runs it" });
                    return;
                }

                if (await RunCellAsync(row, runId, steps, stateGate, ct).ConfigureAwait(false) is { } failure)
                {
                    failures.Add(failure);
                }
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        await Task.WhenAll(tasks).ConfigureAwait(false);
        var failed = failures.ToList();
        return failed.Count == 0 ? null : string.Join("; ", failed) + (failed.Count < todo.Count ? $" ({failed.Count} of {todo.Count} cells failed; the others' records are kept)" : "");
    }

    /// <summary>Check mode: the cells the target release's tool lists, and the steps each would run (nothing is written).</summary>
    private async Task CheckCellsAsync(CancellationToken ct)
    {
        var steps = _request.Catalog.CellStepsFor(_request.Service, _request.To).Where(s => _request.Phases.Contains(s.Kind)).ToList();
        if (steps.Count == 0)
        {
            return;
        }

        var (rows, failure) = await ListCellsAsync(ct).ConfigureAwait(false);
        if (failure is not null)
        {
            _warnings.Add($"check mode: the cells could not be listed with the target release's tool ({failure}); they are listed when the hop runs");
            return;
        }

        var own = await OwnDatabaseAsync(ct).ConfigureAwait(false);
        _cells = rows.Select(row => SkipReason(row, own) is { } reason
            ? new CellReport { Name = row.Name, Uuid = row.Uuid, Outcome = "skipped", Message = reason }
            : new CellReport
            {
                Name = row.Name,
                Uuid = row.Uuid,
                Outcome = "would_run",
                Steps = steps.Select(st => Report(st, _redactor.Clean(string.Join(' ', st.Render(_request.ConfigFile, _request.Batch, $"<{row.Uuid}.conf>"))), null, "would_run", null, 0)).ToList(),
            }).ToList();
    }

    /// <summary>Runs one cell's steps through its overlay; records its end in the state file; returns its failure or null.</summary>
    private async Task<string?> RunCellAsync(CellRow row, string runId, IReadOnlyList<StepDefinition> steps, SemaphoreSlim stateGate, CancellationToken ct)
    {
        var scope = new CellScope(row, $"{RunsDir(runId)}/cells/{row.Uuid}", $"{OverlayDir(runId)}/{row.Uuid}.conf", new SyncList<StepReport>());
        string? failure = null;
        if (DbLocation.Parse(row.Database, out _) is null || row.Database.Any(char.IsControl))
        {
            failure = $"cell {Label(row)}: its database connection in the cell list is not a database URL";
        }
        else
        {
            await _controller.RunCheckedAsync(Scripts.Write(_request.Toolbox.HostPath(scope.ToolConfig), CellScripts.Overlay(row.Database)),
                $"writing the config overlay of cell {Label(row)}", ct).ConfigureAwait(false);
            var index = 0;
            foreach (var step in steps)
            {
                index++;
                var report = step.Kind == StepKind.Data
                    ? await RunDataAsync(step, index, runId, ct, scope).ConfigureAwait(false)
                    : await RunOnceAsync(step, index, runId, fresh: false, ct, scope).ConfigureAwait(false);
                if (report.Outcome is not ("ok" or "done_earlier"))
                {
                    failure = _redactor.Clean($"cell {Label(row)}: step {report.Kind}:{step.Name} {Describe(report, step)}");
                    break;
                }
            }
        }

        var reports = scope.Reports.ToList();
        _cellReports.Add(new CellReport { Name = row.Name, Uuid = row.Uuid, Outcome = failure is null ? "done" : "failed", Message = failure, Steps = reports });
        await RecordCellAsync(new CellRecord
        {
            Name = row.Name,
            Uuid = row.Uuid,
            Outcome = failure is null ? "done" : "failed",
            Message = failure,
            Finished = Now(),
            Steps = reports.Select(r => new StepRecord
            {
                Name = $"{r.Kind}:{r.Name}", Command = r.Command, Rc = r.Rc, Outcome = r.Outcome, DurationS = r.DurationS, Runs = r.Attempts, Started = r.Started,
            }).ToList(),
        }, stateGate, ct).ConfigureAwait(false);
        return failure;
    }

    private async Task RecordCellAsync(CellRecord record, SemaphoreSlim stateGate, CancellationToken ct)
    {
        if (_state is null)
        {
            return;
        }

        await stateGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var hop = _state.Hops[^1];
            _state.Hops[^1] = hop with { Cells = [.. hop.Cells.Where(c => c.Uuid != record.Uuid), record] };
            await WriteStateAsync(_state, ct).ConfigureAwait(false);
        }
        finally
        {
            stateGate.Release();
        }
    }

    /// <summary>The cells as the target release's own tool lists them; their passwords join the redactor's secrets.</summary>
    private async Task<(IReadOnlyList<CellRow> Rows, string? Failure)> ListCellsAsync(CancellationToken ct)
    {
        var argv = _request.Service.Cells!.ListArgv.Select(a => a.Replace("{config_file}", _request.ConfigFile, StringComparison.Ordinal)).ToList();
        var command = ShellQuote.Join(_request.Toolbox.Wrap(argv, _request.ConfigFile));
        var timeout = _request.StepTimeout < TimeSpan.FromMinutes(10) ? _request.StepTimeout : TimeSpan.FromMinutes(10);
        var result = await _controller.RunAsync(command, timeout, ct).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            return ([], _redactor.Clean($"listing the cells (`{command}`) exited {result.ExitCode}: {Tail(result.Stderr.Trim().Length > 0 ? result.Stderr : result.Stdout)}"));
        }

        IReadOnlyList<CellRow> rows;
        try
        {
            rows = CellTable.Parse(result.Stdout);
        }
        catch (ControllerException e)
        {
            return ([], $"listing the cells (`{_redactor.Clean(command)}`): {e.Message}");
        }

        foreach (var row in rows)
        {
            Secret(row.Database);
        }

        return (rows, null);
    }

    /// <summary>Why a cell runs no cell steps (cell0, or the service's own cell at <paramref name="own"/>); null when it runs them.</summary>
    private string? SkipReason(CellRow row, DbLocation? own) =>
        row.Uuid == _request.Service.Cells!.SkipUuid ? "cell0: the service's own schema sync covers it"
        : own is not null && DbLocation.Parse(row.Database, out _) == own ? "the service's own cell ([database] connection of config_file): the hop's own steps cover it"
        : null;

    /// <summary>Where the config file's <c>[database] connection</c> points (the service's own cell); null when it cannot be read.</summary>
    private async Task<DbLocation?> OwnDatabaseAsync(CancellationToken ct)
    {
        var result = await _controller.RunAsync(CellScripts.DatabaseConnection(_request.Toolbox.HostPath(_request.ConfigFile)), TimeSpan.FromSeconds(60), ct)
            .ConfigureAwait(false);
        var url = result.ExitCode == 0 ? result.Stdout.Trim() : "";
        Secret(url);
        var location = url.Length == 0 ? null : DbLocation.Parse(url, out _);
        if (location is null)
        {
            _warnings.Add($"could not read [database] connection from {_request.ConfigFile}: every cell but cell0 runs the cell steps, the service's own included");
        }

        return location;
    }

    private void Secret(string url)
    {
        DbLocation.Parse(url, out var password);
        foreach (var secret in new[] { password, DbLocation.RawPassword(url) })
        {
            if (!string.IsNullOrEmpty(secret))
            {
                _redactor.Add(secret);
            }
        }
    }

    private string CellCommand(StepDefinition step, CellScope cell) =>
        ShellQuote.Join(_request.Toolbox.Wrap(step.Render(_request.ConfigFile, _request.Batch, cell.ToolConfig), _request.ConfigFile,
            [System.IO.Path.GetDirectoryName(cell.ToolConfig)!]));

    private void Keep(StepReport report, CellScope? cell)
    {
        if (cell is null)
        {
            _reports.Add(report);
        }
        else
        {
            cell.Reports.Add(report);
        }
    }

    private static string Label(CellRow row) => $"'{Core.Printable.Clip(row.Name, 60)}' ({row.Uuid})";
}
