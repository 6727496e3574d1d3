using System.Text.Json.Nodes;
using Leapfrog.Report.Reading;

namespace Leapfrog.Report;

/// <summary>Reads a results file: a JSON list of hop module results, or one object (an Ansible registered loop with <c>results</c>).</summary>
internal static class Results
{
    /// <summary>The results, or an empty list and <paramref name="error"/> saying why.</summary>
    public static List<JsonNode> Read(string path, out string? error)
    {
        var text = InputFile.Read(path, out error);
        var node = text is null ? null : Json.Parse(text, out error);
        switch (node)
        {
            case JsonArray a:
                return a.OfType<JsonNode>().ToList();
            case JsonObject o:
                return [o];
            case null:
                return [];
            default:
                error = "not a list of hop results";
                return [];
        }
    }
}
