using System.Globalization;
using Leapfrog.Core.Catalog;
using Leapfrog.Core.Outcomes;

namespace Leapfrog.Engine;

/// <summary>Probe, steps, data-migration batches and verification.</summary>
public sealed partial class HopRunner
{
    private List<StepDefinition> Steps(StepKind kind) =>
        _request.Catalog.StepsFor(_request.Service, _request.To, kind).Where(s => !s.FinalHop || _request.FinalHop).ToList();

    private StepDefinition? First(StepKind kind) => Steps(kind) is [var first, ..] ? first : null;

    private async Task<HopOutcome> CheckAsync(CancellationToken ct)
    {
        StepReport? before = null;
        var probe = First(StepKind.Probe);
        if (probe is not null && Answered(probe) is { } answered)
        {
            before = answered;
            _reports.Add(before);
        }
        else if (probe is not null)
        {
            var command = Command(probe, _request.Batch);
            var result = await _controller.RunAsync(command, _request.StepTimeout, ct).ConfigureAwait(false);
            before = Report(probe, command, new RunResult(1, result.ExitCode, result.Stdout, result.Stderr, 0, false), StepOutcome.Probed, null, 1);
            _reports.Add(before);
        }

        var pending = before?.Meaning != ExitMeaning.Ok;
        foreach (var step in Steps(StepKind.Schema).Where(_ => pending).Concat(Steps(StepKind.Data)).Where(s => _request.Phases.Contains(s.Kind)))
        {
            _reports.Add(Report(step, Command(step, _request.Batch), null, StepOutcome.WouldRun, null, 0));
        }

        await CheckCellsAsync(ct).ConfigureAwait(false);
        await RegistryAsync(null, ct).ConfigureAwait(false);

        return new HopOutcome
        {
            Changed = true,
            Probe = before,
            Message = $"check mode: {Svc} {_request.Name} would run {_reports.Count(r => r.Outcome == StepOutcome.WouldRun)} step(s)" +
                      (before is null ? "" : before.Rc is null ? $"; the pre-check answers the probe: {before.Meaning?.Name() ?? "no schema step"}" : $"; probe says {before.Meaning?.Name()} (rc {before.Rc})"),
            StateFile = StateFile,
            DataOutcome = Steps(StepKind.Data).Count > 0 ? DataOutcome.NotRun : DataOutcome.None,
        };
    }

    private async Task<HopOutcome> RunLockedAsync(ServiceState? state, LockOwner owner, IReadOnlyList<DatabaseRevision> before, CancellationToken ct)
    {
        state ??= new ServiceState { Service = Svc };
        var hop = state.Hops.LastOrDefault();
        if (hop is null || hop.Outcome == HopStatus.Done || hop.From != _request.From.Id || hop.To != _request.To.Id)
        {
            hop = new HopRecord
            {
                RunId = $"{_time.GetUtcNow():yyyyMMddTHHmmss}-{_request.From.Name}-{_request.To.Name}",
                From = _request.From.Id,
                To = _request.To.Id,
                Started = Now(),
                Outcome = HopStatus.Running,
            };
            state.Hops.Add(hop);
        }
        else
        {
            _warnings.Add($"resuming {Svc} {_request.Name} (run {hop.RunId}, last outcome: {hop.Outcome.Name()})");
            state.Hops[^1] = hop = hop with { Outcome = HopStatus.Running, Message = null };
        }

        await WriteStateAsync(state, ct).ConfigureAwait(false);
        _state = state;
        var failure = await RunStepsAsync(hop.RunId, ct).ConfigureAwait(false);
        var (schemaFailure, after) = await SchemaVerdictAsync(before, ct).ConfigureAwait(false);
        failure ??= schemaFailure;
        if (failure is null)
        {
            await RegistryAsync(hop.RunId, ct).ConfigureAwait(false);
        }

        var records = _reports.Select(StepRecord.Of).ToList();
        var verified = Verified(failure, after);
        state.Hops[^1] = state.Hops[^1] with // with the cells recorded meanwhile
        {
            Outcome = failure is null ? HopStatus.Done : HopStatus.Failed,
            Finished = Now(),
            Message = failure,
            Steps = records,
        };
        state = failure is null ? state with { Release = _request.To.Id } : state;
        await WriteStateAsync(state, ct).ConfigureAwait(false);

        var data = _reports.Where(r => r.Kind == StepKind.Data && r.Outcome != StepOutcome.Skipped).ToList(); // a data step left out by phases did not run
        return new HopOutcome
        {
            Changed = true,
            Failed = failure is not null,
            Message = failure is null
                ? $"{Svc} moved {_request.Name}: {_reports.Count(r => r.Attempts > 0)} step(s) run, verified={(verified?.ToString() ?? "n/a").ToLowerInvariant()}"
                : $"{Svc} {_request.Name} failed: {failure}. Fix the cause and rerun the same hop: it resumes where it stopped",
            Verified = verified,
            Probe = _reports.FirstOrDefault(r => r.Kind == StepKind.Probe),
            SchemaBefore = before,
            SchemaAfter = after,
            DataBatches = data.Sum(d => d.Attempts),
            DataMigrations = _dataWatch?.Migrations ?? [],
            UpgradeChecks = _upgradeChecks,
            DataOutcome = data.Count == 0 ? (Steps(StepKind.Data).Count > 0 ? DataOutcome.NotRun : DataOutcome.None) : data.All(d => d.Outcome.Passed()) ? DataOutcome.Done : DataOutcome.Failed,
            RunId = hop.RunId,
            StateFile = StateFile,
        };
    }

    /// <summary>Runs probe, steps, cells and verification; returns the failure message, or null on success.</summary>
    private async Task<string?> RunStepsAsync(string runId, CancellationToken ct)
    {
        try
        {
            return await RunAllStepsAsync(runId, ct).ConfigureAwait(false);
        }
        finally
        {
            await EndCellsAsync(runId).ConfigureAwait(false);
        }
    }

    private async Task<string?> RunAllStepsAsync(string runId, CancellationToken ct)
    {
        var index = 0;
        var probe = First(StepKind.Probe);
        var pending = true;
        if (probe is not null && Answered(probe) is { } answered)
        {
            index++;
            _reports.Add(answered);
        }
        else if (probe is not null)
        {
            var report = await RunOnceAsync(probe, ++index, runId, fresh: true, ct).ConfigureAwait(false);
            if (report.Outcome is not (StepOutcome.Ok or StepOutcome.Pending))
            {
                return $"probe {probe.Name} {Describe(report, probe)}";
            }

            pending = report.Meaning != ExitMeaning.Ok;
        }

        var steps = _request.Catalog.StepsFor(_request.Service, _request.To).Where(s => s.Kind is StepKind.Schema or StepKind.Data);
        var cellSchema = false;
        foreach (var step in steps)
        {
            index++;
            if (step.Kind == StepKind.Schema && !cellSchema && step.Name == _request.Service.Cells?.SchemaAlongside)
            {
                // The cells' schema steps alongside this one (the catalog says each touches only its own database, and
                // what must come first has run); both end before any data step.
                cellSchema = true;
                var cells = RunCellsAsync(runId, StepKind.Schema, ct);
                var own = RunStepAsync(step, index, runId, pending, ct);
                await Task.WhenAll(own, cells).ConfigureAwait(false); // both end (or throw) before the hop goes on
                var failures = new[] { await own.ConfigureAwait(false), await cells.ConfigureAwait(false) }.OfType<string>().ToList();
                if (failures.Count > 0)
                {
                    return string.Join("; ", failures);
                }

                continue;
            }

            if (step.Kind == StepKind.Data && !cellSchema)
            {
                // Every cell's schema before any data migration: the release's data migrations may reach into every cell.
                cellSchema = true;
                if (await RunCellsAsync(runId, StepKind.Schema, ct).ConfigureAwait(false) is { } schemaFailure)
                {
                    return schemaFailure;
                }
            }

            if (await RunStepAsync(step, index, runId, pending, ct).ConfigureAwait(false) is { } stepFailure)
            {
                return stepFailure;
            }
        }

        if (!cellSchema && await RunCellsAsync(runId, StepKind.Schema, ct).ConfigureAwait(false) is { } cellSchemaFailure)
        {
            return cellSchemaFailure;
        }

        if (await RunCellsAsync(runId, StepKind.Data, ct).ConfigureAwait(false) is { } cellFailure)
        {
            return cellFailure;
        }

        _stepsEnded.TrySetResult();
        var verify = VerifyStep();
        if (verify is null)
        {
            if (_request.Service.Schema.Count == 0 && _request.Phases.Contains(StepKind.Schema))
            {
                _warnings.Add($"the catalog has no verification command for {Svc} in {_request.To.Id}: the hop is recorded as done unverified");
            }

            return null; // the schema verdict (HopRunner.Verdict.cs) still judges every database
        }

        var check = await RunOnceAsync(verify, ++index, runId, fresh: true, ct).ConfigureAwait(false);
        return check.Outcome == StepOutcome.Ok ? null : $"verification {verify.Name} did not pass: {Describe(check, verify)}";
    }

    /// <summary>Runs (or skips) one of the service's own schema or data steps; returns its failure, or null.</summary>
    private async Task<string?> RunStepAsync(StepDefinition step, int index, string runId, bool pending, CancellationToken ct)
    {
        // A final-hop step of another hop is skipped, not left out: the step numbers stay those of the catalog's list.
        if (!_request.Phases.Contains(step.Kind) || (step.Kind == StepKind.Schema && !pending) || (step.FinalHop && !_request.FinalHop))
        {
            _reports.Add(Report(step, Command(step, _request.Batch), null, StepOutcome.Skipped, null, 0));
            return null;
        }

        var report = step.Kind == StepKind.Data
            ? await RunDataAsync(step, index, runId, ct).ConfigureAwait(false)
            : await RunOnceAsync(step, index, runId, fresh: false, ct).ConfigureAwait(false);
        return report.Outcome.Passed() ? null : $"step {step.Kind.Name()}:{step.Name} {Describe(report, step)}";
    }

    /// <summary>
    /// The probe's question already answered, so the probe is not started: when the hop runs no schema step, or when the
    /// pre-check found a database behind the heads the target toolbox ships (the schema steps run whatever the probe says;
    /// seen: keystone 2025.1's <c>db_sync --check</c> answers 0 for a database at zed's heads). Reported as skipped with the answer (pending) as its meaning; null when the probe must run,
    /// i.e. every database is at the shipped heads and only the release's own probe can say whether anything is still pending.
    /// </summary>
    private StepReport? Answered(StepDefinition probe) =>
        _request.Phases.Contains(StepKind.Schema) && _schemaBehind.Count == 0
            ? null
            : Report(probe, Command(probe, _request.Batch), null, StepOutcome.Skipped, null, 0) with
            {
                Meaning = _request.Phases.Contains(StepKind.Schema) ? ExitMeaning.Pending : null,
            };

    /// <summary>Runs a step once: re-attaches to a running run, skips one that succeeded earlier (unless <paramref name="fresh"/>).</summary>
    private async Task<StepReport> RunOnceAsync(StepDefinition step, int index, string runId, bool fresh, CancellationToken ct, CellScope? cell = null)
    {
        var unit = $"{cell?.RunsDir ?? RunsDir(runId)}/{Unit(index, step)}";
        var command = cell is null ? Command(step, _request.Batch) : CellCommand(step, cell);
        var started = Now();
        var (kind, run, rc) = await _executor.StatusAsync(unit, ct).ConfigureAwait(false);
        if (kind == UnitStatus.Done && !fresh && step.Meaning(rc) is ExitMeaning.Ok or ExitMeaning.Warning)
        {
            var earlier = Report(step, command, new RunResult(run, rc, "", "", 0, false), StepOutcome.DoneEarlier, null, 0);
            Keep(earlier, cell);
            return earlier;
        }

        RunResult result;
        var resumed = kind == UnitStatus.Running;
        if (resumed)
        {
            _warnings.Add($"re-attached to {step.Kind.Name()}:{step.Name} run {run}, started by an earlier module run");
            result = await _executor.AttachAsync(unit, run, ct).ConfigureAwait(false);
        }
        else
        {
            if (kind == UnitStatus.Lost)
            {
                _warnings.Add($"run {run} of {step.Name} was interrupted (no exit status: the controller rebooted or the process was killed); starting run {run + 1}");
            }

            result = await _executor.StartAsync(unit, run + 1, command, ct).ConfigureAwait(false);
        }

        _lastRun = result;
        var judged = step.Kind == StepKind.Verify ? JudgeChecks(step, result) : null;
        var report = Report(step, command, result, judged, started, 1) with { Resumed = resumed };
        Keep(report, cell);
        return report;
    }

    /// <summary>Online data migrations: batches until the tool says done, bounded.</summary>
    private async Task<StepReport> RunDataAsync(StepDefinition step, int index, string runId, CancellationToken ct, CellScope? cell = null)
    {
        var unit = $"{cell?.RunsDir ?? RunsDir(runId)}/{Unit(index, step)}";
        var command = cell is null ? Command(step, _request.Batch) : CellCommand(step, cell);
        var started = Now();
        var (kind, run, rc) = await _executor.StatusAsync(unit, ct).ConfigureAwait(false);
        if (kind == UnitStatus.Done && step.Meaning(rc) == ExitMeaning.Ok)
        {
            var earlier = Report(step, command, new RunResult(run, rc, "", "", 0, false), StepOutcome.DoneEarlier, null, 0);
            Keep(earlier, cell);
            return earlier;
        }

        var batches = 0;
        var seconds = 0.0;
        var resumed = false;
        RunResult result;
        while (true)
        {
            if (kind == UnitStatus.Running)
            {
                resumed = true;
                _warnings.Add($"re-attached to data migration batch {run} of {step.Name}, started by an earlier module run");
                result = await _executor.AttachAsync(unit, run, ct).ConfigureAwait(false);
            }
            else
            {
                if (batches >= _request.MaxBatches)
                {
                    var gaveUp = Report(step, command, null, StepOutcome.GaveUp, started, batches) with { DurationS = Math.Round(seconds, 3) };
                    Keep(gaveUp, cell);
                    return gaveUp;
                }

                result = await _executor.StartAsync(unit, ++run, command, ct).ConfigureAwait(false);
            }

            batches++;
            seconds += result.DurationS;
            var meaning = result.Rc is { } code ? step.Meaning(code) : ExitMeaning.Error;
            var watched = WatchBatch(step, result, meaning, cell?.Watch ?? MainWatch, cell is null ? "" : $"cell {Label(cell.Row)}: ");
            if (result.TimedOut || result.Rc is null || meaning is not ExitMeaning.More || watched is not null)
            {
                var report = Report(step, command, result, watched, started, batches) with { DurationS = Math.Round(seconds, 3), Resumed = resumed };
                Keep(report, cell);
                return report;
            }

            kind = UnitStatus.None; // the next batch
        }
    }

    private StepReport Report(StepDefinition step, string command, RunResult? result, StepOutcome? outcome, string? started, int attempts)
    {
        var meaning = result?.Rc is { } rc ? step.Meaning(rc) : (ExitMeaning?)null;
        outcome ??= result switch
        {
            { TimedOut: true } => StepOutcome.Timeout,
            { Rc: null } => StepOutcome.Interrupted,
            _ => meaning switch
            {
                ExitMeaning.Ok or ExitMeaning.Warning => StepOutcome.Ok,
                ExitMeaning.Pending when step.Kind == StepKind.Probe => StepOutcome.Pending,
                _ => StepOutcome.Failed,
            },
        };
        if (meaning == ExitMeaning.Warning)
        {
            _warnings.Add($"{step.Name} finished with warnings (rc {result!.Rc}): {Tail(_redactor.Clean(result.Stderr + result.Stdout))}");
        }

        return new StepReport
        {
            Name = step.Name,
            Kind = step.Kind,
            Command = _redactor.Clean(command),
            Rc = result?.Rc,
            Meaning = meaning,
            Outcome = outcome.Value,
            Stdout = Lines(_redactor.Clean(result?.Stdout ?? "")),
            Stderr = Lines(_redactor.Clean(result?.Stderr ?? "")),
            Error = result is not null && outcome is StepOutcome.Failed or StepOutcome.Timeout or StepOutcome.Interrupted
                ? _redactor.Clean(ToolError.Describe(result.Stdout, result.Stderr))
                : null,
            Started = started,
            DurationS = result?.DurationS ?? 0,
            Attempts = attempts,
        };
    }

    /// <summary>Why a step's run failed: the tool's own error line, then its exit code and what that code means for the tool in this release.</summary>
    private string Describe(StepReport report, StepDefinition step, DataWatch? watch = null) => report.Outcome switch
    {
        StepOutcome.Timeout => $"ran past step_timeout ({_request.StepTimeout.TotalSeconds:0} s) and was killed on the controller",
        StepOutcome.Interrupted => "was interrupted: its process vanished without an exit status",
        StepOutcome.GaveUp => $"still reported more work after {report.Attempts} batches (data_migration_max_batches); rerun to continue, or raise the bound",
        StepOutcome.Stuck => (watch ?? _dataWatch)?.Verdict ?? report.Outcome.Name(),
        _ => $"exited {report.Rc} ({report.Meaning?.Name() ?? "error"}): {report.Error ?? "(no output)"}; {Codes(step)}",
    };

    /// <summary>What each exit code of the step means in the target release, from the catalog: <c>keystone-manage db_sync --check in zed: 0 ok, 2 pending, 4 pending, any other code an error</c>.</summary>
    private string Codes(StepDefinition step)
    {
        // The tool and its subcommand: placeholders ({config_file}, {batch}) and the options that take them left out.
        var words = step.Argv.Where((a, i) => !a.Contains('{', StringComparison.Ordinal)
                                              && !(i + 1 < step.Argv.Count && a.StartsWith('-') && step.Argv[i + 1].Contains('{', StringComparison.Ordinal)));
        var codes = step.ExitCodes
            .OrderBy(c => int.TryParse(c.Key, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue)
            .Select(c => $"{c.Key} {c.Value.Name()}");
        return $"{string.Join(' ', words)} in {_request.To.Id}: {string.Join(", ", codes)}, any other code an error";
    }

    private static string Unit(int index, StepDefinition step) =>
        $"{index.ToString("00", CultureInfo.InvariantCulture)}-{step.Kind.Name()}-{step.Name}";

    private static string Lines(string text, int max = 20)
    {
        var lines = text.TrimEnd().Split('\n');
        return string.Join('\n', lines.Skip(Math.Max(0, lines.Length - max)));
    }

    private static string Tail(string text)
    {
        var last = text.TrimEnd().Split('\n').LastOrDefault(l => l.Trim().Length > 0) ?? "";
        return last.Length == 0 ? "(no output)" : Core.Printable.Clip(last.Trim(), 300);
    }
}
