using System.Text.Json.Nodes;
using Leapfrog.Report.Model;

namespace Leapfrog.Report.Reading;

/// <summary>The hop result's <c>registry</c> (plugins/modules/hop.yml) as the report's registry section.</summary>
internal static class RegistryReading
{
    /// <summary>The section, or null when the result has no registry.</summary>
    public static RegistrySection? From(JsonNode? result)
    {
        if (result is not JsonObject o || o["registry"] is not JsonObject r || Json.Str(r, "verdict") is not { } verdict)
        {
            return null;
        }

        return new RegistrySection
        {
            Verdict = verdict,
            Message = Json.Str(r, "msg") ?? "",
            ReleaseCheck = Json.Str(r, "release_check"),
            Oldest = Json.Str(r, "oldest"),
            Workaround = Json.Str(r, "workaround"),
            Backup = Json.Str(r, "backup"),
            Source = Json.Str(r, "source"),
            Rows = Json.Arr(r, "rows").Select(x => new RegistryRowEntry
            {
                Cell = Json.Str(x, "cell"),
                Host = Json.Str(x, "host"),
                Binary = Json.Str(x, "binary"),
                Versions = x["versions"] is JsonObject v ? string.Join(", ", v.Select(p => $"{p.Key}={(p.Value as JsonValue)?.ToString()}")) : "",
                LastSeen = Json.Str(x, "last_seen"),
                AgeS = Json.Long(x, "age_s"),
                Deleted = Json.Bool(x, "deleted") ?? false,
                Disabled = Json.Bool(x, "disabled") ?? false,
                Status = Json.Str(x, "status") ?? "?",
                Dead = Json.Bool(x, "dead") ?? false,
                Removed = Json.Bool(x, "removed") ?? false,
            }).ToList(),
        };
    }
}
