using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Leapfrog.Core.Catalog.Overlay;

/// <summary>Turns catalog overlay text (JSON or YAML) into a JSON node tree, refusing duplicate keys.</summary>
internal static class OverlayParser
{
    /// <summary>Largest overlay accepted, in characters.</summary>
    public const int MaxLength = 1024 * 1024;

    private const int MaxDepth = 32;

    // YAML aliases may repeat a subtree many times: bound the expanded size, not only the text.
    private const int MaxNodes = 100_000;

    /// <summary>Parses <paramref name="text"/>: JSON when the origin ends in <c>.json</c> or the text starts with '{', else YAML.</summary>
    /// <exception cref="InvalidRequestException">Empty, too large, not parseable, or a key given twice.</exception>
    public static JsonNode Parse(string text, string origin)
    {
        if (text.Length > MaxLength)
        {
            throw new InvalidRequestException($"{origin}: the catalog file is larger than {MaxLength / 1024} KiB");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InvalidRequestException($"{origin}: the catalog file is empty");
        }

        var json = origin.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            || (!origin.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
                && !origin.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)
                && text.TrimStart().StartsWith('{'));
        return json ? ParseJson(text, origin) : ParseYaml(text, origin);
    }

    private static JsonNode ParseJson(string text, string origin)
    {
        var options = new JsonDocumentOptions
        {
            AllowTrailingCommas = true,
            CommentHandling = JsonCommentHandling.Skip,
            MaxDepth = MaxDepth,
        };
        try
        {
            using var document = JsonDocument.Parse(text, options);
            return FromElement(document.RootElement, "$", origin)
                ?? throw new InvalidRequestException($"{origin}: $: expected a mapping with 'services', found null");
        }
        catch (JsonException e)
        {
            throw new InvalidRequestException(
                $"{origin}: not valid JSON at line {(e.LineNumber ?? 0) + 1}, column {(e.BytePositionInLine ?? 0) + 1}");
        }
    }

    private static JsonNode? FromElement(JsonElement element, string path, string origin)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JsonObject();
                foreach (var property in element.EnumerateObject())
                {
                    var child = $"{path}.{Printable.Clip(property.Name, 40)}";
                    if (obj.ContainsKey(property.Name))
                    {
                        throw new InvalidRequestException($"{origin}: {child}: the key is given twice");
                    }

                    obj[property.Name] = FromElement(property.Value, child, origin);
                }

                return obj;
            case JsonValueKind.Array:
                var array = new JsonArray();
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    array.Add(FromElement(item, $"{path}[{i++}]", origin));
                }

                return array;
            case JsonValueKind.Null:
                return null;
            default:
                return JsonValue.Create(element.Clone());
        }
    }

    private static JsonNode ParseYaml(string text, string origin)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var what = e.Message.Contains("Duplicate key", StringComparison.OrdinalIgnoreCase) ? "a key is given twice" : "not valid YAML";
            throw new InvalidRequestException($"{origin}: {what} at line {e.Start.Line}, column {e.Start.Column}");
        }

        if (stream.Documents.Count != 1)
        {
            throw new InvalidRequestException($"{origin}: expected exactly one YAML document, found {stream.Documents.Count}");
        }

        var budget = new int[] { MaxNodes };
        return FromYaml(stream.Documents[0].RootNode, "$", origin, 0, budget)
            ?? throw new InvalidRequestException($"{origin}: $: expected a mapping with 'services', found null");
    }

    private static JsonNode? FromYaml(YamlNode node, string path, string origin, int depth, int[] budget)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidRequestException($"{origin}: {path}: nested deeper than {MaxDepth} levels");
        }

        if (--budget[0] < 0)
        {
            throw new InvalidRequestException($"{origin}: {path}: more than {MaxNodes} values (repeated YAML aliases?)");
        }

        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (keyNode, valueNode) in mapping.Children)
                {
                    if (keyNode is not YamlScalarNode { Value: { } key })
                    {
                        throw new InvalidRequestException(
                            $"{origin}: {path}: keys must be plain text (line {keyNode.Start.Line})");
                    }

                    var child = $"{path}.{Printable.Clip(key, 40)}";
                    if (obj.ContainsKey(key))
                    {
                        throw new InvalidRequestException($"{origin}: {child}: the key is given twice");
                    }

                    obj[key] = FromYaml(valueNode, child, origin, depth + 1, budget);
                }

                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                var i = 0;
                foreach (var item in sequence.Children)
                {
                    array.Add(FromYaml(item, $"{path}[{i++}]", origin, depth + 1, budget));
                }

                return array;
            case YamlScalarNode scalar:
                // Every catalog value is text: keep YAML's plain 2023.1 or 0 as the string the user wrote.
                var plain = scalar.Style is ScalarStyle.Plain or ScalarStyle.Any;
                if (scalar.Value is null || (plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL"))
                {
                    return null;
                }

                return JsonValue.Create(scalar.Value);
            default:
                throw new InvalidRequestException($"{origin}: {path}: unsupported YAML node (line {node.Start.Line})");
        }
    }
}
