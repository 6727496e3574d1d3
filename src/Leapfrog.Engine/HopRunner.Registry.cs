using System.Text.Json;
using System.Text.Json.Nodes;
using Leapfrog.Core.Catalog;
using Leapfrog.Core.Outcomes;
using Leapfrog.Remote;

namespace Leapfrog.Engine;

/// <summary>
/// The registry after the jump (final hop only, after its steps and verdict; in check mode, as it stands): every row of
/// the service's <c>services</c> table read-only, judged by the target release's own code (<see cref="RegistryJudge"/>);
/// rows dead longer than <see cref="HopRequest.RegistryRemoveDeadAfter"/> backed up on the controller, then soft-deleted
/// as the service's own code does. Never fails the hop: what it finds is reported and warned about.
/// </summary>
public sealed partial class HopRunner
{
    /// <summary>Rows without heartbeat for longer are listed as dead when no removal age is given.</summary>
    public static readonly TimeSpan RegistryDeadListed = TimeSpan.FromDays(7);

    private RegistryReport? _registry;

    private async Task RegistryAsync(string? runId, CancellationToken ct)
    {
        if (!_request.FinalHop || _request.Registry is not { } def)
        {
            return;
        }

        var removeAfter = _request.RegistryRemoveDeadAfter;
        var deadAfter = removeAfter ?? RegistryDeadListed;
        var accept = RegistryCatalog.CanJudge(def, _request.Catalog.Releases, _request.To) ? def.Accept.Python : null;
        var (read, error) = await RegistryCallAsync(RegistryEntry(def, accept, null, deadAfter), ct).ConfigureAwait(false);
        if (read is null)
        {
            _registry = new RegistryReport
            {
                Service = Svc, Table = def.Table, Release = _request.To.Id, Verdict = RegistryVerdict.CouldNotCheck, Source = def.Accept.Source,
                Message = $"{Svc}'s registry could not be read: {error}", Errors = [error!], DeadAfterS = (long)deadAfter.TotalSeconds,
            };
            _warnings.Add(_registry.Message);
            return;
        }

        var removing = removeAfter is not null && !_request.CheckMode && runId is not null;
        var report = RegistryJudge.Judge(def, _request.To.Id, read, deadAfter, removing, _redactor.Clean);
        if (accept is null)
        {
            report = report with { Message = $"{report.Message} ({_request.To.Id}'s code cannot judge the rows: it can from {def.Accept.Since} on)" };
        }

        var dead = report.Rows.Where(r => r.Dead).ToList();
        if (removing && dead.Count > 0)
        {
            report = await RemoveDeadAsync(def, report, read, dead, deadAfter, runId!, ct).ConfigureAwait(false);
        }

        _registry = report;
        if (report.Verdict != RegistryVerdict.Accepted || report.Errors.Count > 0 || dead.Count > 0)
        {
            _warnings.Add($"registry of {Svc}: {report.Message}");
        }
    }

    /// <summary>Backs the dead rows up (JSON, every column, mode 0600) in the run directory, then soft-deletes them.</summary>
    private async Task<RegistryReport> RemoveDeadAsync(
        RegistryDefinition def, RegistryReport report, JsonObject read, List<RegistryRow> dead, TimeSpan deadAfter, string runId, CancellationToken ct)
    {
        var keys = dead.Select(r => (r.Cell, r.Id)).ToHashSet();
        var rows = (read["rows"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(r => keys.Contains(((string?)r["leapfrog_cell"], r["id"]?.GetValue<long>() ?? -1)))
            .Select(r => r.DeepClone()).ToArray();
        var backup = $"{RunsDir(runId)}/registry-{Svc}-removed.json";
        var content = new JsonObject
        {
            ["service"] = Svc, ["table"] = def.Table, ["dead_after_s"] = (long)deadAfter.TotalSeconds, ["rows"] = new JsonArray(rows),
        }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        try
        {
            await _controller.RunCheckedAsync(Scripts.Write(backup, content), $"backing up the dead {def.Table} rows to {backup}", ct).ConfigureAwait(false);
        }
        catch (ControllerException ex)
        {
            return report with { Errors = [.. report.Errors, $"no row removed: the backup could not be written: {_redactor.Clean(ex.Message)}"] };
        }

        var (done, error) = await RegistryCallAsync(RegistryEntry(def, null, dead, deadAfter), ct).ConfigureAwait(false);
        var removed = (done?["removed"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(r => ((string?)r["cell"], r["id"]?.GetValue<long>() ?? -1)).ToHashSet();
        var errors = report.Errors.ToList();
        if ((error ?? (string?)done?["error"]) is { } e)
        {
            errors.Add(_redactor.Clean($"removing dead rows: {e}"));
        }

        foreach (var skip in (done?["skipped"] as JsonArray ?? []).OfType<JsonObject>())
        {
            _warnings.Add($"registry of {Svc}: row {(string?)skip["cell"]}/{skip["id"]} not removed: {(string?)skip["why"]}");
        }

        return report with
        {
            Rows = report.Rows.Select(r => removed.Contains((r.Cell, r.Id)) ? r with { Removed = true } : r).ToList(),
            Backup = backup,
            Errors = errors,
        };
    }

    private JsonObject RegistryEntry(RegistryDefinition def, string? accept, IReadOnlyList<RegistryRow>? remove, TimeSpan deadAfter)
    {
        var db = _request.Service.Schema.First(s => s.Name == def.Database);
        var cells = def.Cells && db.CellsFrom is { } from ? _request.Service.Schema.FirstOrDefault(s => s.Name == from)?.Url : null;
        var entry = new JsonObject
        {
            ["service"] = Svc,
            ["url"] = db.Url,
            ["cells_url"] = cells,
            ["table"] = def.Table,
            ["accept"] = accept,
            ["dead_after_s"] = (long)deadAfter.TotalSeconds,
        };
        if (remove is not null)
        {
            entry["remove"] = new JsonArray(remove.Select(r => (JsonNode)new JsonObject
            {
                ["cell"] = r.Cell, ["id"] = r.Id, ["host"] = r.Host, ["binary"] = r.Binary,
            }).ToArray());
            entry["statements"] = new JsonArray(def.Remove.Statements.Select(s => (JsonNode)s).ToArray());
        }

        return entry;
    }

    /// <summary>Runs the registry part of the inspect script in the target toolbox; its answer for the service, or why none.</summary>
    private async Task<(JsonObject? Answer, string? Error)> RegistryCallAsync(JsonObject entry, CancellationToken ct)
    {
        var request = new JsonObject
        {
            ["config"] = _request.ConfigFile, ["service"] = Svc, ["tools"] = new JsonArray(), ["databases"] = new JsonArray(),
            ["registry"] = new JsonArray(entry),
        };
        var argv = new[] { "python3", "-c", Inspection.Script, request.ToJsonString() };
        var result = await _controller.RunAsync(ShellQuote.Join(_request.Toolbox.Wrap(argv, _request.ConfigFile)), InspectTimeout, ct).ConfigureAwait(false);
        var line = result.Stdout.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith('{'));
        try
        {
            if (result.ExitCode == 0 && line is not null && JsonNode.Parse(line) is JsonObject answer
                && answer["registry"] is JsonArray { Count: 1 } list && list[0] is JsonObject found)
            {
                return (found, null);
            }
        }
        catch (JsonException)
        {
        }

        return (null, $"the toolbox's python3 could not answer (exited {result.ExitCode}): {Tail(_redactor.Clean(result.Stderr + "\n" + result.Stdout))}");
    }
}
