using System.Text.Json;
using System.Text.Json.Nodes;

namespace Leapfrog.Core.Catalog.Overlay;

/// <summary>Typed access to a parsed overlay with one-line errors naming the origin and JSON path.</summary>
internal sealed class OverlayErrors
{
    private readonly string _origin;

    public OverlayErrors(string origin) => _origin = origin;

    public InvalidRequestException Error(string path, string problem) => new($"{_origin}: {path}: {problem}");

    public JsonObject Object(JsonNode? node, string path) =>
        node as JsonObject ?? throw Error(path, $"expected a mapping, found {Describe(node)}");

    public JsonArray Array(JsonNode? node, string path) =>
        node as JsonArray ?? throw Error(path, $"expected a list, found {Describe(node)}");

    public string Text(JsonNode? node, string path, bool multiline = false)
    {
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.String || !value.TryGetValue<string>(out var text))
        {
            throw Error(path, $"expected a string, found {Describe(node)}");
        }

        foreach (var c in text)
        {
            if (char.IsControl(c) && !(multiline && c is '\n' or '\t'))
            {
                throw Error(path, $"'{Printable.Clip(text, 40)}' contains a control character");
            }
        }

        return text;
    }

    public void OnlyKnown(JsonObject obj, string path, IReadOnlyList<string> known)
    {
        foreach (var (key, _) in obj)
        {
            if (!known.Contains(key, StringComparer.Ordinal))
            {
                throw Error($"{path}.{Printable.Clip(key, 40)}", $"unknown property '{Printable.Clip(key, 40)}'; known: {string.Join(", ", known)}");
            }
        }
    }

    public void Require(JsonObject obj, string path, string what, params string[] names)
    {
        foreach (var name in names)
        {
            if (!obj.ContainsKey(name))
            {
                throw Error(path, $"{what} needs '{name}'");
            }
        }
    }

    public static string Describe(JsonNode? node) => Printable.Kind(node, "a mapping");
}
