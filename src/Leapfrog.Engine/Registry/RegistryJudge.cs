using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Leapfrog.Core.Catalog;
using Leapfrog.Core.Outcomes;

namespace Leapfrog.Engine;

/// <summary>
/// Judges the rows the toolbox read (<c>inspect.py</c>'s registry part) by the target release's own answer: nova's
/// oldest accepted compute version and its own <c>raise_if_old_compute</c> verdict, or cinder's current RPC and object
/// versions; and marks the rows without heartbeat for longer than the dead age.
/// </summary>
internal static class RegistryJudge
{
    /// <summary>The report for one service from the script's answer (<paramref name="read"/>).</summary>
    /// <param name="def">The catalog's registry entry.</param>
    /// <param name="release">The target release.</param>
    /// <param name="read">The script's answer for the service: rows, databases, the release's answer.</param>
    /// <param name="deadAfter">Rows without heartbeat for longer are dead.</param>
    /// <param name="removeDead">Dead rows are to be removed.</param>
    /// <param name="clean">Removes secrets from texts kept.</param>
    public static RegistryReport Judge(RegistryDefinition def, string release, JsonObject read, TimeSpan deadAfter, bool removeDead, Func<string, string> clean)
    {
        var errors = new List<string>();
        if (Text(read["error"]) is { } error)
        {
            errors.Add(clean(error));
        }

        foreach (var db in (read["databases"] as JsonArray ?? []).OfType<JsonObject>().Where(d => Text(d["error"]) is not null))
        {
            errors.Add(clean($"{Text(db["database"])}{(Text(db["cell"]) is { } c ? $" (cell {c})" : "")}: {Text(db["error"])}"));
        }

        var answer = read["answer"] as JsonObject;
        if (Text(read["answer_error"]) is { } answerError)
        {
            errors.Add(clean($"the release's own check could not answer: {answerError}"));
        }

        var rows = (read["rows"] as JsonArray ?? []).OfType<JsonObject>().Select(r => Row(def, r, answer, deadAfter)).ToList();
        var verdict = errors.Count > 0 || rows.Any(r => r.Status == RegistryVerdict.CouldNotCheck) || (answer is null && rows.Count > 0) ? RegistryVerdict.CouldNotCheck
            : rows.Any(r => r.Status == RegistryVerdict.TooOld) ? RegistryVerdict.TooOld
            : rows.Any(r => r.Status == RegistryVerdict.Pinned) ? RegistryVerdict.Pinned
            : RegistryVerdict.Accepted;
        var oldest = def.Accept.Kind == "oldest_version" && Number(answer?["oldest"]) is { } n ? $"{n} ({Text(answer?["oldest_name"])})" : null;
        var releaseCheck = def.Accept.Kind == "oldest_version" && Text(answer?["verdict"]) is { } v
            ? (Text(answer?["message"]) is { } m ? $"{v}: {clean(m)}" : v)
            : null;
        var old = rows.Where(r => r.Status == RegistryVerdict.TooOld).ToList();
        var pinned = rows.Where(r => r.Status == RegistryVerdict.Pinned).ToList();
        var dead = rows.Count(r => r.Dead);
        var message = verdict switch
        {
            RegistryVerdict.TooOld =>
                $"{old.Count} {def.Accept.Binary} service(s) older than {release} accepts (oldest: {oldest}): {string.Join("; ", old.Select(r => r.Describe()))}. " +
                $"{release}'s control services refuse to start while they are registered; upgrade them to {release}, or remove the rows of computes that are gone" +
                (def.Accept.Workaround is { } w ? $"; until then set {w}" : ""),
            RegistryVerdict.Pinned =>
                $"{pinned.Count} row(s) at older RPC/object versions than {release}'s: {string.Join("; ", pinned.Select(r => r.Describe()))}; " +
                "the services pin themselves to them until every service has restarted (cinder-manage db sync --bump-versions moves them)",
            RegistryVerdict.CouldNotCheck => $"{def.Service}'s registry could not be judged by {release}: {string.Join("; ", errors.DefaultIfEmpty("the release gave no answer"))}",
            _ => $"{rows.Count(r => !r.Deleted)} live row(s), all accepted by {release}",
        };
        if (dead > 0)
        {
            message += $"; {dead} row(s) without heartbeat for over {(long)deadAfter.TotalSeconds} s" +
                       (removeDead ? " (removed, backed up first)" : " (listed only: set registry_remove_dead_after to remove them)");
        }

        return new RegistryReport
        {
            Service = def.Service,
            Table = def.Table,
            Release = release,
            Verdict = verdict,
            Message = message,
            ReleaseCheck = releaseCheck,
            Oldest = oldest,
            Workaround = verdict == RegistryVerdict.TooOld || releaseCheck?.StartsWith("too_old", StringComparison.Ordinal) == true ? def.Accept.Workaround : null,
            Source = def.Accept.Source,
            Rows = rows,
            DeadAfterS = (long)deadAfter.TotalSeconds,
            RemoveDead = removeDead,
            Errors = errors,
        };
    }

    private static RegistryRow Row(RegistryDefinition def, JsonObject r, JsonObject? answer, TimeSpan deadAfter)
    {
        var deleted = Flag(r["deleted"]);
        var binary = Text(r["binary"]);
        var age = Number(r["leapfrog_age_s"]);
        var status = deleted ? RegistryVerdict.Deleted : answer is null ? RegistryVerdict.CouldNotCheck : def.Accept.Kind switch
        {
            "oldest_version" => binary == def.Accept.Binary && !Flag(r["forced_down"]) && Number(r[def.Accept.Column!]) is { } version
                                && version > 0 && Number(answer["oldest"]) is { } oldest && version < oldest ? RegistryVerdict.TooOld : RegistryVerdict.Accepted,
            _ => (answer["rpc"] as JsonObject)?[binary ?? ""] is { } rpc && Text(rpc) == Value(r[def.Versions[0]])
                 && Text(answer["objects"]) == Value(r[def.Versions[^1]]) ? RegistryVerdict.Accepted : RegistryVerdict.Pinned,
        };
        return new RegistryRow
        {
            Cell = Text(r["leapfrog_cell"]),
            Id = Number(r["id"]) ?? 0,
            Host = Text(r["host"]),
            Binary = binary,
            Versions = def.Versions.Select(c => new KeyValuePair<string, string?>(c, Value(r[c]))).ToList(),
            LastSeen = Text(r["updated_at"]) ?? Text(r["created_at"]),
            AgeS = age,
            Deleted = deleted,
            Disabled = Flag(r["disabled"]),
            Status = status,
            Dead = !deleted && age is { } a && a > deadAfter.TotalSeconds,
        };
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static string? Value(JsonNode? node) => node switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.ToJsonString(),
        _ => null,
    };

    private static long? Number(JsonNode? node) => node switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => (long)v.GetValue<double>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.String && long.TryParse(v.GetValue<string>(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) => p,
        _ => null,
    };

    private static bool Flag(JsonNode? node) => node switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.True => true,
        JsonValue v when v.GetValueKind() == JsonValueKind.False => false,
        _ => Number(node) is { } n && n != 0,
    };
}
