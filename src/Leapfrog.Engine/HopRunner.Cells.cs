using Leapfrog.Core.Catalog;
using Leapfrog.Core.Outcomes;
using Leapfrog.Remote;

namespace Leapfrog.Engine;

/// <summary>
/// Cells (nova's cells v2): listed as the target release's own tool lists them, and every cell other than cell0 and the
/// service's own is synced and migrated with the same release's cell steps, through a config overlay (mode 0600, removed
/// after) that sets its <c>[database] connection</c>: every cell's schema steps before the service's own data migrations,
/// every cell's data migrations after them. At most <see cref="HopRequest.CellConcurrency"/> cells run at once; after a
/// failure no further cell starts. Each cell's end is written to the state file, so a rerun skips the cells done and
/// resumes at the one that failed. The cells' database URLs hold passwords: they stay in memory and in the overlays, and
/// are masked everywhere else.
/// </summary>
public sealed partial class HopRunner
{
    private readonly SyncList<CellReport> _cellReports = new();
    private IReadOnlyList<CellReport> _cells = [];
    private ServiceState? _state;
    private CellPlan? _cellPlan;

    /// <summary>The cells as listed once per module run: every row in the tool's order, and the ones whose steps run.</summary>
    private sealed record CellPlan(IReadOnlyList<CellRow> Rows, IReadOnlyList<CellScope> Todo);

    /// <summary>One cell being run: where its step runs go, its overlay as the tools see it, its data watch and its end.</summary>
    private sealed class CellScope(CellRow row, string runsDir, string toolConfig, int stuckBatches)
    {
        public CellRow Row => row;

        public string RunsDir => runsDir;

        public string ToolConfig => toolConfig;

        public SyncList<StepReport> Reports { get; } = new();

        public DataWatch Watch { get; } = new(stuckBatches);

        public bool OverlayWritten { get; set; }

        public bool Started { get; set; }

        /// <summary>Done or failed once it ended; null while its data pass has not run.</summary>
        public CellOutcome? Outcome { get; set; }

        public string? Failure { get; set; }
    }

    private string OverlayDir(string runId) => $"{RunsDir(runId)}/cell-configs";

    private List<StepDefinition> CellSteps() =>
        _request.Catalog.CellStepsFor(_request.Service, _request.To).Where(s => _request.Phases.Contains(s.Kind)).ToList();

    /// <summary>
    /// Runs every cell's steps of one kind: the schema pass runs before the service's own data migrations, the data pass
    /// after them, because a release's online data migrations may reach into every cell with that release's models (nova's
    /// fill_virtual_interface_list walks every cell mapping: nova/objects/virtual_interface.py; nova's upgrade guide runs
    /// db sync on every cell database first). A cell ends (done, in the state file) after its data pass. Returns the
    /// failure message, or null when every cell passed (or there are none).
    /// </summary>
    private async Task<string?> RunCellsAsync(string runId, StepKind kind, CancellationToken ct)
    {
        var all = CellSteps();
        if (all.Count == 0)
        {
            return null;
        }

        if (_cellPlan is null)
        {
            var (plan, listFailure) = await PlanCellsAsync(runId, ct).ConfigureAwait(false);
            if (listFailure is not null)
            {
                return listFailure;
            }

            _cellPlan = plan!;
        }

        var steps = all.Select((s, i) => (Step: s, Index: i + 1)).Where(x => x.Step.Kind == kind).ToList();
        using var gate = new SemaphoreSlim(_request.CellConcurrency);
        using var stateGate = new SemaphoreSlim(1, 1);
        var failures = new SyncList<string>();
        var tasks = _cellPlan.Todo.Select(async cell =>
        {
            await gate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                if (failures.Any())
                {
                    return; // reported not_run (or unfinished) at the end; the rerun runs it
                }

                cell.Started = true;
                cell.Failure = await RunCellAsync(cell, runId, steps, ct).ConfigureAwait(false);
                if (cell.Failure is not null || kind == StepKind.Data)
                {
                    cell.Outcome = cell.Failure is null ? CellOutcome.Done : CellOutcome.Failed;
                    await RecordCellAsync(cell, stateGate, ct).ConfigureAwait(false);
                }

                if (cell.Failure is not null)
                {
                    failures.Add(cell.Failure);
                }
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        await Task.WhenAll(tasks).ConfigureAwait(false);
        var failed = failures.ToList();
        var count = _cellPlan.Todo.Count;
        return failed.Count == 0 ? null : string.Join("; ", failed) + (failed.Count < count ? $" ({failed.Count} of {count} cells failed; the others' records are kept)" : "");
    }

    /// <summary>Lists the cells with the target release's tool; the ones skipped or done earlier are reported at once.</summary>
    private async Task<(CellPlan? Plan, string? Failure)> PlanCellsAsync(string runId, CancellationToken ct)
    {
        var (rows, listFailure) = await ListCellsAsync(ct).ConfigureAwait(false);
        if (listFailure is not null)
        {
            return (null, listFailure);
        }

        var own = await OwnDatabaseAsync(ct).ConfigureAwait(false);
        var done = (_state?.Hops[^1].Cells ?? []).Where(c => c.Outcome == CellOutcome.Done).Select(c => c.Uuid).ToHashSet();
        var todo = new List<CellScope>();
        foreach (var row in rows)
        {
            if (SkipReason(row, own) is { } reason)
            {
                _cellReports.Add(new CellReport { Name = row.Name, Uuid = row.Uuid, Outcome = CellOutcome.Skipped, Message = reason });
            }
            else if (done.Contains(row.Uuid))
            {
                _cellReports.Add(new CellReport { Name = row.Name, Uuid = row.Uuid, Outcome = CellOutcome.DoneEarlier, Message = "the state file records it done in this hop: nothing ran" });
            }
            else
            {
                todo.Add(new CellScope(row, $"{RunsDir(runId)}/cells/{row.Uuid}", $"{OverlayDir(runId)}/{row.Uuid}.conf", _request.StuckBatches));
            }
        }

        return (new CellPlan(rows, todo), null);
    }

    /// <summary>After the last pass (or a failure): removes the overlays and reports every cell in the tool's order.</summary>
    private async Task EndCellsAsync(string runId)
    {
        if (_cellPlan is null)
        {
            return;
        }

        if (_cellPlan.Todo.Any(c => c.OverlayWritten))
        {
            await _controller.RunCheckedAsync(CellScripts.Remove(_request.Toolbox.HostPath(OverlayDir(runId))), "removing the cells' config overlays", CancellationToken.None)
                .ConfigureAwait(false);
        }

        foreach (var cell in _cellPlan.Todo)
        {
            var (outcome, message) = cell switch
            {
                { Outcome: { } o } => (o, cell.Failure),
                { Started: true } => (CellOutcome.Unfinished, "its schema steps ran; its data migrations wait until every cell's schema is synced: the rerun runs them"),
                _ => (CellOutcome.NotRun, "an earlier cell failed first; the rerun runs it"),
            };
            _cellReports.Add(new CellReport
            {
                Name = cell.Row.Name, Uuid = cell.Row.Uuid, Outcome = outcome, Message = message, Steps = cell.Reports.ToList(), DataMigrations = cell.Watch.Migrations,
            });
        }

        var order = _cellPlan.Rows.Select(r => r.Uuid).ToList();
        _cells = _cellReports.OrderBy(c => order.IndexOf(c.Uuid)).ToList();
    }

    /// <summary>Check mode: the cells the target release's tool lists, and the steps each would run (nothing is written).</summary>
    private async Task CheckCellsAsync(CancellationToken ct)
    {
        var steps = CellSteps();
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
            ? new CellReport { Name = row.Name, Uuid = row.Uuid, Outcome = CellOutcome.Skipped, Message = reason }
            : new CellReport
            {
                Name = row.Name,
                Uuid = row.Uuid,
                Outcome = CellOutcome.WouldRun,
                Steps = steps.Select(st => Report(st, _redactor.Clean(string.Join(' ', st.Render(_request.ConfigFile, _request.Batch, $"<{row.Uuid}.conf>"))), null, StepOutcome.WouldRun, null, 0)).ToList(),
            }).ToList();
    }

    /// <summary>Runs one cell's steps of a pass through its overlay; returns its failure or null.</summary>
    private async Task<string?> RunCellAsync(CellScope cell, string runId, List<(StepDefinition Step, int Index)> steps, CancellationToken ct)
    {
        var row = cell.Row;
        if (DbLocation.Parse(row.Database, out _) is null || row.Database.Any(char.IsControl))
        {
            return $"cell {Label(row)}: its database connection in the cell list is not a database URL";
        }

        if (steps.Count > 0 && !cell.OverlayWritten)
        {
            await _controller.RunCheckedAsync(Scripts.Write(_request.Toolbox.HostPath(cell.ToolConfig), CellScripts.Overlay(row.Database)),
                $"writing the config overlay of cell {Label(row)}", ct).ConfigureAwait(false);
            cell.OverlayWritten = true;
        }

        foreach (var (step, index) in steps)
        {
            var report = step.Kind == StepKind.Data
                ? await RunDataAsync(step, index, runId, ct, cell).ConfigureAwait(false)
                : await RunOnceAsync(step, index, runId, fresh: false, ct, cell).ConfigureAwait(false);
            if (!report.Outcome.Passed())
            {
                return _redactor.Clean($"cell {Label(row)}: step {report.Kind.Name()}:{step.Name} {Describe(report, step, cell.Watch)}");
            }
        }

        return null;
    }

    private async Task RecordCellAsync(CellScope cell, SemaphoreSlim stateGate, CancellationToken ct)
    {
        if (_state is null)
        {
            return;
        }

        var record = new CellRecord
        {
            Name = cell.Row.Name,
            Uuid = cell.Row.Uuid,
            Outcome = cell.Outcome!.Value,
            Message = cell.Failure,
            Finished = Now(),
            Steps = cell.Reports.Select(StepRecord.Of).ToList(),
        };
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

    /// <summary>
    /// The cells as the target release's own tool lists them; their passwords join the redactor's secrets. Read by the
    /// toolbox's python3 from the API database's cell_mappings as list_cells reads and prints them (one short process,
    /// no nova-manage start: <see cref="ReadCellsAsync"/>); when that gives no answer, the tool itself lists them.
    /// </summary>
    private async Task<(IReadOnlyList<CellRow> Rows, string? Failure)> ListCellsAsync(CancellationToken ct)
    {
        if (await ReadCellsAsync(ct).ConfigureAwait(false) is { } read)
        {
            foreach (var row in read)
            {
                Secret(row.Database);
            }

            return (read, null);
        }

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

    /// <summary>
    /// The cell list read by the toolbox's python3 (<see cref="Inspection.Cells"/>): the API database is the schema
    /// database the cell databases' entry takes its cells from (<c>cells_from</c>), templates filled from that entry's own
    /// option. Null (and the tool lists them) when the catalog names no such pair or the process could not tell.
    /// </summary>
    private async Task<IReadOnlyList<CellRow>?> ReadCellsAsync(CancellationToken ct)
    {
        var cellDb = _request.Service.Schema.FirstOrDefault(d => d.CellsFrom is not null);
        var api = _request.Service.Schema.FirstOrDefault(d => d.Name == cellDb?.CellsFrom);
        if (cellDb is null || api is null)
        {
            return null;
        }

        var argv = Inspection.Argv(_request.ConfigFile, Svc, [], [], cells: (api.Url, cellDb.Url));
        var command = ShellQuote.Join(_request.Toolbox.Wrap(argv, _request.ConfigFile));
        var timeout = _request.StepTimeout < InspectTimeout ? _request.StepTimeout : InspectTimeout;
        var result = await _controller.RunAsync(command, timeout, ct).ConfigureAwait(false);
        var answer = result.ExitCode == 0 ? Inspection.Parse(result.Stdout, _redactor.Clean) : null;
        return answer?.Cells;
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
