using System.Text.Json.Nodes;
using Leapfrog.Report.Model;

namespace Leapfrog.Report.Reading;

/// <summary>
/// The hop module's results of the run (plugins/modules/hop.yml): what the state file does not hold: each step's start,
/// exit-code meaning, tool error and output tail, the verdict per database, data migration rows, warnings, reconnects.
/// </summary>
internal sealed class HopResults
{
    private readonly List<JsonNode> _results;

    private HopResults(List<JsonNode> results) => _results = results;

    public static HopResults Empty { get; } = new([]);

    /// <summary>Keeps every result that names a service and a hop; an Ansible loop's <c>results</c> list is unpacked.</summary>
    public static HopResults From(IEnumerable<JsonNode> nodes)
    {
        var kept = new List<JsonNode>();
        foreach (var node in nodes)
        {
            if (node is JsonObject o && o["results"] is JsonArray inner && Json.Str(o, "service") is null)
            {
                kept.AddRange(From(inner.OfType<JsonNode>())._results);
            }
            else if (Json.Str(node, "service") is not null && Json.Str(node, "from_release") is not null && Json.Str(node, "to_release") is not null)
            {
                kept.Add(node);
            }
        }

        return new HopResults(kept);
    }

    public int Count => _results.Count;

    /// <summary>The last result for this service's hop; the run id decides when several match.</summary>
    public JsonNode? Find(string service, string from, string to, string runId)
    {
        var matching = _results.Where(r => Json.Str(r, "service") == service && Json.Str(r, "from_release") == from && Json.Str(r, "to_release") == to).ToList();
        return matching.LastOrDefault(r => Json.Str(r, "run_id") == runId) ?? matching.LastOrDefault(r => Json.Str(r, "run_id") is null);
    }

    /// <summary>The state file's steps with what the result adds.</summary>
    public static List<StepRow> Enrich(List<StepRow> steps, IEnumerable<JsonNode> reported)
    {
        var byName = reported.GroupBy(s => $"{Json.Str(s, "kind")}:{Json.Str(s, "name")}").ToDictionary(g => g.Key, g => g.Last());
        return steps.Select(s => byName.TryGetValue($"{s.Kind}:{s.Name}", out var r) ? s with
        {
            Meaning = Json.Str(r, "meaning"),
            Started = s.Started ?? Json.Str(r, "started"),
            Resumed = Json.Bool(r, "resumed") ?? false,
            Error = Json.Str(r, "error"),
            Output = Tail(Json.Str(r, "stdout"), Json.Str(r, "stderr")),
        } : s).ToList();
    }

    public static ServiceHop Apply(ServiceHop hop, JsonNode result) => hop with
    {
        Verified = Json.Bool(result, "verified"),
        Steps = Enrich(hop.Steps, Json.Arr(result, "steps")),
        Cells = hop.Cells.Select(c =>
        {
            var cell = Json.Arr(result, "cells").LastOrDefault(x => Json.Str(x, "uuid") == c.Uuid);
            return cell is null ? c : c with { Steps = Enrich(c.Steps, Json.Arr(cell, "steps")) };
        }).ToList(),
        Databases = Json.Arr(result, "schema_after").Select(d => new DatabaseVerdict
        {
            Database = Json.Str(d, "database") ?? Json.Str(d, "name") ?? "?",
            Cell = Json.Str(d, "cell"),
            Revision = Json.Strings(d, "revision"),
            Heads = Json.Strings(d, "heads"),
            AtHead = Json.Bool(d, "at_head"),
            Error = Json.Str(d, "error"),
        }).ToList(),
        DataMigrations = Json.Arr(result is JsonObject o ? o["data_migrations"] : null, "migrations")
            .Select(m => new DataMigrationRow(Json.Str(m, "name") ?? "?", Json.Long(m, "needed"), Json.Long(m, "completed"), Json.Int(m, "batches")))
            .ToList(),
        Registry = RegistryReading.From(result),
    };

    /// <summary>Warnings, resumed steps and reconnects of every result, in the order given.</summary>
    public IEnumerable<Note> Notes()
    {
        foreach (var r in _results)
        {
            var service = Json.Str(r, "service");
            var hop = $"{Json.Str(r, "from_release")} -> {Json.Str(r, "to_release")}";
            foreach (var w in Json.Strings(r, "warnings"))
            {
                var kind = w.StartsWith("resuming", StringComparison.Ordinal) ? "resume"
                    : w.Contains("stale lock", StringComparison.Ordinal) ? "lock taken over" : "warning";
                yield return new Note(kind, service, hop, w);
            }

            var resumed = Json.Arr(r, "steps").Concat(Json.Arr(r, "cells").SelectMany(c => Json.Arr(c, "steps")))
                .Where(s => Json.Bool(s, "resumed") == true).Select(s => $"{Json.Str(s, "kind")}:{Json.Str(s, "name")}").ToList();
            if (resumed.Count > 0)
            {
                yield return new Note("re-attached", service, hop,
                    $"re-attached to {string.Join(", ", resumed)}: the step(s) kept running on the controller while this run was away; not started twice");
            }

            if (Json.Int(r, "reconnects") is > 0 and var n)
            {
                yield return new Note("reconnect", service, hop, $"the SSH connection was opened again {n} time(s) during the hop");
            }
        }
    }

    private static string? Tail(string? stdout, string? stderr)
    {
        var text = string.Join("\n", new[] { stdout, stderr }.Where(t => !string.IsNullOrWhiteSpace(t)));
        return text.Length == 0 ? null : text.Length > 2000 ? "…" + text[^2000..] : text;
    }
}
