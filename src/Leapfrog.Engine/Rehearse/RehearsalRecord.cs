using System.Globalization;
using System.Text.Json.Nodes;
using Leapfrog.Core.Catalog;
using Leapfrog.Core.Outcomes;

namespace Leapfrog.Engine;

/// <summary>
/// The rehearsal record (format <c>leapfrog-rehearsal/1</c>, read by the report: docs/report.md) and the outage
/// window it predicts, built from what the rehearsal ran: the hop module's results on the copy, the plan's waves
/// (the catalog's <c>after</c> ordering), the chosen mode, and the backup times measured while copying.
/// </summary>
public static class RehearsalRecord
{
    /// <summary>The record's format, as the report reads it.</summary>
    public const string Format = "leapfrog-rehearsal/1";

    private static readonly StepKind[] WindowKinds = [StepKind.Schema, StepKind.Data];

    /// <summary>Builds the record.</summary>
    /// <param name="results">Every hop module result of the rehearsal, in the order they ran (start-data runs have from == to).</param>
    /// <param name="plan">The plan module's result (hops with services and waves, releases).</param>
    /// <param name="copy">The copy's result (databases, backup seconds, largest tables, load), or null when the copy failed.</param>
    /// <param name="parallel">The mode the upgrade would use: each wave's services at once, or one service at a time.</param>
    /// <param name="backup">True when the upgrade backs up before each hop (the backup time is in the window).</param>
    /// <param name="stopped">Why the rehearsal stopped early (the chain's failure or the copy's), or null.</param>
    /// <param name="created">When the record is written (UTC, ISO 8601).</param>
    /// <param name="timing">
    /// The stop's result: <c>hop_times</c>, every hop the rehearsal's state files recorded (service, run_id, from, to,
    /// started, finished), and <c>load</c>; null when unread (each hop is then predicted from its steps alone).
    /// </param>
    public static JsonObject Build(JsonArray results, JsonObject plan, JsonObject? copy, bool parallel, bool backup, string? stopped, string created, JsonObject? timing = null)
    {
        var runs = results.OfType<JsonObject>().Select(Run.Of).ToList();
        var backupSeconds = copy?["backup_seconds"] as JsonObject;
        var times = Times(timing, runs);
        var ran = new List<(JsonObject Hop, List<Run> Here, DateTimeOffset? Start, DateTimeOffset? End)>();
        foreach (var hop in (plan["hops"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var (from, to) = (Str(hop["from"]), Str(hop["to"]));
            var here = runs.Where(r => r.From == from && r.To == to && !r.AlreadyDone).ToList();
            var timed = here.Select(r => times.GetValueOrDefault(r.RunId ?? "")).OfType<Span>().ToList();
            if (here.Count > 0)
            {
                ran.Add((hop, here, timed.Count > 0 ? timed.Min(t => t.Start) : null, timed.Count > 0 ? timed.Max(t => t.End) : null));
            }
        }

        var hops = new JsonArray();
        var perService = new JsonArray();
        double window = 0, steps = 0, backups = 0, withChecks = 0, measured = 0;
        for (var i = 0; i < ran.Count; i++)
        {
            var (hop, here, start, end) = ran[i];
            var (from, to) = (Str(hop["from"]), Str(hop["to"]));
            var waves = parallel ? Waves(hop, here) : here.Select(r => new List<Run> { r }).ToList();
            var hopSteps = waves.Sum(w => w.Max(r => r.Seconds(WindowKinds)));
            var all = waves.Sum(w => w.Max(r => r.Seconds(null)));
            var hopBackup = backup ? here.Sum(r => backupSeconds?[r.Service]?.GetValue<double>() ?? 0) : 0;

            // The hop's wall time in the rehearsal's playbook: from its first service's start to the next hop's first
            // start (the role's work between hops, waves and polling included), the last hop to its last service's end.
            var next = ran.Skip(i + 1).Select(x => x.Start).FirstOrDefault(x => x is not null);
            double? wall = start is null ? null : ((next ?? end) - start)?.TotalSeconds;
            var basis = wall is null ? "steps" : "wall";
            var hopPredicted = (wall ?? all) + hopBackup;
            window += hopPredicted;
            measured += wall ?? 0;
            steps += hopSteps;
            withChecks += all;
            backups += hopBackup;
            hops.Add((JsonNode)new JsonObject
            {
                ["from"] = from, ["to"] = to, ["predicted_s"] = R(hopPredicted), ["basis"] = basis, ["wall_s"] = wall is null ? null : R(wall.Value),
                ["steps_s"] = R(hopSteps), ["with_checks_s"] = R(all), ["backup_s"] = R(hopBackup),
                ["outside_steps_s"] = wall is null ? null : R(wall.Value - all),
                ["waves"] = new JsonArray(waves.Select(w => (JsonNode)new JsonArray(w.Select(r => (JsonNode)r.Service).ToArray())).ToArray()),
            });
            foreach (var r in here)
            {
                var own = times.GetValueOrDefault(r.RunId ?? "");
                perService.Add((JsonNode)new JsonObject
                {
                    ["from"] = from, ["to"] = to, ["service"] = r.Service,
                    ["predicted_s"] = R(own?.End is { } e ? (e - own.Start).TotalSeconds : r.Seconds(null)), ["steps_s"] = R(r.Seconds(WindowKinds)),
                });
            }
        }

        var before = runs.Where(r => r.From is not null && r.From == r.To && !r.AlreadyDone).ToList();
        var beforeSeconds = before.Sum(r => r.Seconds(WindowKinds));
        var blocker = Blocker(runs, stopped);
        return new JsonObject
        {
            ["format"] = Format,
            ["created"] = created,
            ["from_release"] = Str(plan["from_release"]),
            ["to_release"] = Str(plan["to_release"]),
            ["releases"] = plan["releases"]?.DeepClone(),
            ["mode"] = parallel ? "parallel" : "serial",
            ["outcome"] = blocker is null ? "passed" : "blocked",
            ["predicted_window_s"] = R(window),
            ["window"] = new JsonObject
            {
                ["wall_s"] = R(measured), ["backup_s"] = R(backups), ["steps_s"] = R(steps), ["with_checks_s"] = R(withChecks),
                ["basis"] = "per hop, the hop's wall time in the rehearsal's own playbook on the copy, in the same mode (" +
                            (parallel ? "waves in the catalog's 'after' order, each wave's services at once" : "one service at a time") +
                            "): from its first service's start to the next hop's, the last hop to its end, so the tools' starts, version checks, " +
                            "probes, verifications, the final hop's registry reading and the role's work between hops are in it; plus the backups " +
                            "the real run takes before each hop, as measured when copying. A hop without recorded times counts its steps (basis 'steps').",
                ["differences"] = Differences(backup, backups, copy, timing),
            },
            ["before_window"] = new JsonObject
            {
                ["seconds"] = R(beforeSeconds),
                ["what"] = before.Count == 0 ? "nothing: the start release's data migrations did not run in the rehearsal" : $"{Str(plan["releases"]?[0])}'s own online data migrations, run while the cloud is up, before the window",
                ["services"] = new JsonArray(before.Select(r => (JsonNode)r.Service).ToArray()),
            },
            ["hop_windows"] = hops,
            ["hops"] = perService,
            ["steps"] = new JsonArray(runs.SelectMany(r => r.StepRows()).ToArray()),
            ["data_migrations"] = new JsonArray(runs.Select(r => r.DataRow()).OfType<JsonObject>().Cast<JsonNode>().ToArray()),
            ["verdicts"] = new JsonArray(runs.Where(r => r.From is not null).Select(r => (JsonNode)new JsonObject
            {
                ["from"] = r.From, ["to"] = r.To, ["service"] = r.Service, ["verified"] = r.Raw["verified"]?.DeepClone(), ["failed"] = r.Failed, ["msg"] = Str(r.Raw["msg"]),
            }).ToArray()),
            ["blocker"] = blocker,
            ["copy"] = copy is null ? null : new JsonObject
            {
                ["bytes"] = copy["bytes"]?.DeepClone(),
                ["databases"] = copy["databases"]?.DeepClone(),
                ["backup_seconds"] = backupSeconds?.DeepClone(),
                ["cells_pointed"] = copy["cells_pointed"]?.DeepClone(),
            },
            ["largest_tables"] = copy?["largest_tables"]?.DeepClone() ?? new JsonArray(),
        };
    }

    /// <summary>What differs between the rehearsal and the real run, each named with its figure where there is one.</summary>
    private static JsonArray Differences(bool backup, double backups, JsonObject? copy, JsonObject? timing)
    {
        var said = new List<string>
        {
            backup
                ? string.Create(CultureInfo.InvariantCulture, $"backups: the rehearsal backs up nothing; the real run's dumps before each hop are added as the copy measured them ({backups:0.0} s in all; the first hop's runs before that hop's first tool starts)")
                : "backups: none in the real run (leapfrog_backup false), none added",
            "database server: the copy runs in a scratch MariaDB on the controller (default settings, its own buffer pool), the real run on the production server",
        };
        var (before, after) = (copy?["load"], timing?["load"]);
        if (before is not null || after is not null)
        {
            said.Add($"load: the controller's one-minute load average was {Load(before)} before the copy and {Load(after)} when the rehearsal ended; other work on the controller during the real run changes its times");
        }

        return new JsonArray(said.Select(x => (JsonNode)x).ToArray());
    }

    /// <summary>A load average as a number or a text of one (Ansible may pass either); "?" when unread.</summary>
    private static string Load(JsonNode? node) =>
        node is JsonValue v && (v.TryGetValue<double>(out var d) || (v.TryGetValue<string>(out var s) && double.TryParse(s, CultureInfo.InvariantCulture, out d)))
            ? d.ToString("0.00", CultureInfo.InvariantCulture) : "?";

    /// <summary>Each rehearsal run's start and end (by run id), from the state files' hops the stop read.</summary>
    private static Dictionary<string, Span> Times(JsonObject? timing, IReadOnlyList<Run> runs)
    {
        var ids = runs.Select(r => r.RunId).OfType<string>().ToHashSet();
        var times = new Dictionary<string, Span>();
        foreach (var h in (timing?["hop_times"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (Str(h["run_id"]) is { } id && ids.Contains(id) && Time(h["started"]) is { } start)
            {
                times[id] = new Span(start, Time(h["finished"]));
            }
        }

        return times;
    }

    private static DateTimeOffset? Time(JsonNode? node) =>
        Str(node) is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    private sealed record Span(DateTimeOffset Start, DateTimeOffset? End);

    /// <summary>The prediction in a few lines an operator can paste into a change request.</summary>
    public static IReadOnlyList<string> Summary(JsonObject record, string file)
    {
        var w = record["window"]!;
        var lines = new List<string>
        {
            $"Rehearsal of {Str(record["from_release"])} -> {Str(record["to_release"])} ({Str(record["mode"])}) on a copy of the production databases: " +
            (record["blocker"] is JsonObject b
                ? $"BLOCKED at {Str(b["hop"]) ?? "the copy"}{(b["service"] is null ? "" : $", {Str(b["service"])}")}{(b["step"] is null ? "" : $", step {Str(b["step"])}")}: {Str(b["message"])}"
                : "every hop went through"),
            $"Predicted outage window: {Human(Num(record["predicted_window_s"]))} (the hops as they ran on the copy {Human(Num(w["wall_s"]))} + backups {Human(Num(w["backup_s"]))}; " +
            $"of that, schema and data steps on the critical path {Human(Num(w["steps_s"]))})",
        };
        var hops = (record["hop_windows"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(h => $"{Str(h["from"])} -> {Str(h["to"])} {Human(Num(h["predicted_s"]))}{(Str(h["basis"]) == "steps" ? " (steps only: no recorded times)" : "")}").ToList();
        if (hops.Count > 0)
        {
            lines.Add("Per hop: " + string.Join(", ", hops));
        }

        lines.Add($"Before the window, cloud up: {Str(record["before_window"]!["what"])} ({Human(Num(record["before_window"]!["seconds"]))})");
        lines.Add($"Record: {file}");
        return lines;
    }

    private static JsonObject? Blocker(IReadOnlyList<Run> runs, string? stopped)
    {
        var failed = runs.FirstOrDefault(r => r.Failed);
        if (failed is null && stopped is null)
        {
            return null;
        }

        var step = failed?.FailedStep();
        return new JsonObject
        {
            ["hop"] = failed?.From is null ? null : $"{failed.From} -> {failed.To}",
            ["from"] = failed?.From,
            ["to"] = failed?.To,
            ["service"] = failed?.Service,
            ["cell"] = step?.Cell,
            ["step"] = step?.Name,
            ["rc"] = step?.Rc,
            ["message"] = Str(failed?.Raw["msg"]) ?? stopped,
            ["chain"] = "stopped here: no later hop ran",
        };
    }

    /// <summary>The plan's waves of a hop, kept to the services that ran (in order, each wave at least one).</summary>
    private static List<List<Run>> Waves(JsonObject hop, IReadOnlyList<Run> here)
    {
        var waves = (hop["waves"] as JsonArray ?? []).OfType<JsonArray>()
            .Select(w => w.Select(s => Str(s)).Select(s => here.FirstOrDefault(r => r.Service == s)).OfType<Run>().ToList())
            .Where(w => w.Count > 0).ToList();
        var placed = waves.SelectMany(w => w).ToHashSet();
        waves.AddRange(here.Where(r => !placed.Contains(r)).Select(r => new List<Run> { r }));
        return waves;
    }

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static double Num(JsonNode? node) => node is JsonValue v && v.TryGetValue<double>(out var d) ? d : 0;

    private static double R(double seconds) => Math.Round(seconds, 1);

    /// <summary>Seconds as "1 h 2 min", "3 min 4 s" or "5.6 s".</summary>
    public static string Human(double seconds) =>
        seconds >= 3600 ? string.Create(CultureInfo.InvariantCulture, $"{(int)(seconds / 3600)} h {(int)(seconds % 3600 / 60)} min")
        : seconds >= 60 ? string.Create(CultureInfo.InvariantCulture, $"{(int)(seconds / 60)} min {(int)(seconds % 60)} s")
        : string.Create(CultureInfo.InvariantCulture, $"{seconds:0.0} s");

    private sealed record FailedAt(string Name, string? Cell, int? Rc);

    /// <summary>One hop module result.</summary>
    private sealed record Run(JsonObject Raw, string Service, string? From, string? To, bool Failed, bool AlreadyDone)
    {
        public string? RunId => Str(Raw["run_id"]);

        public static Run Of(JsonObject r)
        {
            // A result of a loop (r.item) or of async_status (r.item.item) names the service when the module could not.
            var service = Str(r["service"]) ?? Str(r["item"]) ?? Str(r["item"]?["item"]) ?? "?";
            return new Run(r, service, Str(r["from_release"]), Str(r["to_release"]), r["failed"] is JsonValue f && f.TryGetValue<bool>(out var b) && b,
                r["already_done"] is JsonValue a && a.TryGetValue<bool>(out var d) && d);
        }

        private IEnumerable<(JsonObject Step, string? Cell)> AllSteps() =>
            (Raw["steps"] as JsonArray ?? []).OfType<JsonObject>().Select(s => (s, (string?)null))
            .Concat((Raw["cells"] as JsonArray ?? []).OfType<JsonObject>()
                .SelectMany(c => (c["steps"] as JsonArray ?? []).OfType<JsonObject>().Select(s => (s, Str(c["name"])))));

        /// <summary>Seconds of the steps of <paramref name="kinds"/> (null: every step), cells included.</summary>
        public double Seconds(StepKind[]? kinds) =>
            AllSteps().Where(x => kinds is null || (Wire.TryParse<StepKind>(Str(x.Step["kind"]), out var kind) && kinds.Contains(kind))).Sum(x => Num(x.Step["duration_s"]));

        public FailedAt? FailedStep() =>
            AllSteps().Where(x => Wire.TryParse<StepOutcome>(Str(x.Step["outcome"]), out var outcome) && outcome.IsFailure())
                .Select(x => new FailedAt(Str(x.Step["name"]) ?? "?", x.Cell, x.Step["rc"] is JsonValue v && v.TryGetValue<int>(out var rc) ? rc : null))
                .FirstOrDefault();

        public IEnumerable<JsonNode> StepRows() =>
            AllSteps().Select(x => (JsonNode)new JsonObject
            {
                ["from"] = From, ["to"] = To, ["service"] = Service, ["cell"] = x.Cell, ["step"] = Str(x.Step["name"]), ["kind"] = Str(x.Step["kind"]),
                ["duration_s"] = x.Step["duration_s"]?.DeepClone(), ["rc"] = x.Step["rc"]?.DeepClone(), ["outcome"] = Str(x.Step["outcome"]),
                ["meaning"] = Str(x.Step["meaning"]),
            });

        public JsonObject? DataRow()
        {
            var migrations = (Raw["data_migrations"]?["migrations"] as JsonArray ?? []).OfType<JsonObject>()
                .Concat((Raw["cells"] as JsonArray ?? []).OfType<JsonObject>().SelectMany(c => (c["data_migrations"] as JsonArray ?? []).OfType<JsonObject>()))
                .ToList();
            var batches = Raw["data_migrations"]?["batches"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : 0;
            return batches == 0 && migrations.Count == 0 ? null : new JsonObject
            {
                ["from"] = From, ["to"] = To, ["service"] = Service, ["batches"] = batches,
                ["rows"] = migrations.Sum(m => Num(m["completed"])),
                ["outcome"] = Str(Raw["data_migrations"]?["outcome"]),
            };
        }
    }
}
