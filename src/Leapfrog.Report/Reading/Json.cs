using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Leapfrog.Report.Reading;

/// <summary>Lenient field access on parsed JSON: a missing or mistyped field reads as null.</summary>
internal static class Json
{
    public static string? Str(JsonNode? node, string key) =>
        node is JsonObject o && o[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static double? Num(JsonNode? node, string key) =>
        node is JsonObject o && o[key] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.GetValue<double>() : null;

    public static long? Long(JsonNode? node, string key) =>
        Num(node, key) is { } d && d is >= long.MinValue and <= long.MaxValue ? (long)d : null;

    public static int? Int(JsonNode? node, string key) =>
        Num(node, key) is { } d && d is >= int.MinValue and <= int.MaxValue ? (int)d : null;

    public static bool? Bool(JsonNode? node, string key) =>
        node is JsonObject o && o[key] is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False
            ? v.GetValueKind() == JsonValueKind.True
            : null;

    public static IEnumerable<JsonNode> Arr(JsonNode? node, string key) =>
        node is JsonObject o && o[key] is JsonArray a ? a.Where(x => x is not null).Select(x => x!) : [];

    public static List<string> Strings(JsonNode? node, string key) =>
        Arr(node, key).OfType<JsonValue>().Where(v => v.GetValueKind() == JsonValueKind.String).Select(v => v.GetValue<string>()).ToList();

    /// <summary>Parses a timestamp written as ISO 8601 (UTC).</summary>
    public static DateTimeOffset? Time(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : null;

    /// <summary>Parses <paramref name="text"/>; on failure says why in plain words.</summary>
    public static JsonNode? Parse(string text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "the file is empty";
            return null;
        }

        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            error = $"not valid JSON (line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}): the file may be truncated or not a leapfrog file";
            return null;
        }
    }
}
