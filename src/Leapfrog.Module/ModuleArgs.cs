using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Leapfrog.Core;

namespace Leapfrog.Module;

/// <summary>
/// A module's parameters as Ansible passes them: a flat JSON object. Values are coerced the way
/// Ansible users expect ("3", "yes", "true" where numbers and booleans are wanted).
/// </summary>
public sealed class ModuleArgs
{
    private readonly JsonObject _values;

    private ModuleArgs(JsonObject values) => _values = values;

    /// <summary>True when Ansible runs the task in check mode.</summary>
    public bool CheckMode { get; private init; }

    /// <summary>Ansible's verbosity (number of -v).</summary>
    public int Verbosity { get; private init; }

    /// <summary>Parses the args object and rejects parameters not in <paramref name="spec"/>.</summary>
    /// <param name="json">The args file's text.</param>
    /// <param name="spec">Every user parameter the module takes.</param>
    /// <exception cref="InvalidRequestException">Malformed JSON, not an object, or an unknown parameter.</exception>
    public static ModuleArgs Parse(string json, IReadOnlyCollection<string> spec)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException ex)
        {
            throw new InvalidRequestException(
                $"the arguments are not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}); expected one JSON object of parameters");
        }

        if (root is not JsonObject obj)
        {
            throw new InvalidRequestException("the arguments must be one JSON object of parameters, not " + Kind(root));
        }

        var unknown = obj.Select(p => p.Key)
            .Where(k => !k.StartsWith("_ansible_", StringComparison.Ordinal) && !spec.Contains(k))
            .ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidRequestException(
                $"unsupported parameter{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown.Select(u => $"'{Printable.Clip(u, 40)}'"))}; " +
                $"supported: {string.Join(", ", spec.Order(StringComparer.Ordinal))}");
        }

        var args = new ModuleArgs(obj);
        return new ModuleArgs(obj)
        {
            CheckMode = args.GetBool("_ansible_check_mode", false),
            Verbosity = args.GetInt("_ansible_verbosity", 0, 0, 100),
        };
    }

    /// <summary>These parameters with <paramref name="name"/> set to <paramref name="value"/> (removed when null); check mode and verbosity kept.</summary>
    public ModuleArgs With(string name, string? value)
    {
        var copy = (JsonObject)_values.DeepClone();
        copy.Remove(name);
        if (value is not null)
        {
            copy[name] = value;
        }

        return new ModuleArgs(copy) { CheckMode = CheckMode, Verbosity = Verbosity };
    }

    /// <summary>True when the user gave the parameter a non-null value.</summary>
    public bool Has(string name) => _values[name] is not null;

    /// <summary>A string parameter, or <paramref name="fallback"/> when absent or null.</summary>
    /// <exception cref="InvalidRequestException">Not a string (numbers and booleans are accepted as text).</exception>
    public string? GetString(string name, string? fallback = null)
    {
        var node = _values[name];
        if (node is null)
        {
            return fallback;
        }

        if (node is JsonValue v)
        {
            switch (v.GetValueKind())
            {
                case JsonValueKind.String:
                    return v.GetValue<string>();
                case JsonValueKind.Number:
                case JsonValueKind.True:
                case JsonValueKind.False:
                    return v.ToJsonString();
            }
        }

        throw new InvalidRequestException($"{name}: expected a string, got {Kind(node)}");
    }

    /// <summary>A required string parameter.</summary>
    /// <exception cref="InvalidRequestException">Missing or empty.</exception>
    public string GetRequired(string name)
    {
        var value = GetString(name);
        return string.IsNullOrWhiteSpace(value)
            ? throw new InvalidRequestException($"missing required parameter: {name}")
            : value;
    }

    /// <summary>A boolean parameter: true/false, yes/no, on/off, 1/0 (any case, as text or JSON).</summary>
    /// <exception cref="InvalidRequestException">Anything else.</exception>
    public bool GetBool(string name, bool fallback)
    {
        var node = _values[name];
        if (node is null)
        {
            return fallback;
        }

        if (node is JsonValue v)
        {
            var kind = v.GetValueKind();
            if (kind is JsonValueKind.True or JsonValueKind.False)
            {
                return kind == JsonValueKind.True;
            }

            var text = kind switch
            {
                JsonValueKind.String => v.GetValue<string>(),
                JsonValueKind.Number => v.ToJsonString(),
                _ => null,
            };
            switch (text?.Trim().ToLowerInvariant())
            {
                case "true" or "yes" or "on" or "1" or "y" or "t":
                    return true;
                case "false" or "no" or "off" or "0" or "n" or "f":
                    return false;
            }
        }

        throw new InvalidRequestException($"{name}: expected a boolean (true/false, yes/no), got {Describe(node)}");
    }

    /// <summary>An integer parameter within [<paramref name="min"/>, <paramref name="max"/>], given as a number or as text.</summary>
    /// <exception cref="InvalidRequestException">Not an integer, or out of range.</exception>
    public int GetInt(string name, int fallback, int min, int max)
    {
        var node = _values[name];
        if (node is null)
        {
            return fallback;
        }

        long parsed = 0;
        var ok = node is JsonValue v && v.GetValueKind() switch
        {
            JsonValueKind.Number => v.TryGetValue(out parsed),
            JsonValueKind.String => long.TryParse(v.GetValue<string>().Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out parsed),
            _ => false,
        };
        if (!ok)
        {
            throw new InvalidRequestException($"{name}: expected an integer, got {Describe(node)}");
        }

        if (parsed < min || parsed > max)
        {
            throw new InvalidRequestException($"{name}: {parsed} is out of range ({min} to {max})");
        }

        return (int)parsed;
    }

    /// <summary>A list of strings, given as a JSON list or as comma-separated text. Empty when absent.</summary>
    /// <exception cref="InvalidRequestException">Anything else, or an element that is not a string.</exception>
    public IReadOnlyList<string> GetList(string name)
    {
        var node = _values[name];
        switch (node)
        {
            case null:
                return [];
            case JsonArray array:
                return ListOf(name, array);
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                var text = v.GetValue<string>().Trim();
                if (text.StartsWith('['))
                {
                    return ParseEmbedded(name, text) is JsonArray inner ? ListOf(name, inner) : throw new InvalidRequestException($"{name}: expected a list");
                }

                return text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            default:
                throw new InvalidRequestException($"{name}: expected a list, got {Kind(node)}");
        }
    }

    /// <summary>A dictionary parameter, given as a JSON object or as text holding one. Null when absent.</summary>
    /// <exception cref="InvalidRequestException">Anything else.</exception>
    public JsonObject? GetObject(string name)
    {
        var node = _values[name];
        return node switch
        {
            null => null,
            JsonObject o => o,
            JsonValue v when v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().TrimStart().StartsWith('{') =>
                ParseEmbedded(name, v.GetValue<string>()) as JsonObject ?? throw new InvalidRequestException($"{name}: expected a dictionary"),
            _ => throw new InvalidRequestException($"{name}: expected a dictionary, got {Kind(node)}"),
        };
    }

    /// <summary>One of <paramref name="choices"/> (case-insensitive), or <paramref name="fallback"/>.</summary>
    /// <exception cref="InvalidRequestException">Not one of the choices.</exception>
    public string GetChoice(string name, string fallback, params string[] choices)
    {
        var value = GetString(name, fallback)!.Trim();
        return choices.FirstOrDefault(c => string.Equals(c, value, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidRequestException($"{name}: '{Printable.Clip(value, 40)}' is not one of: {string.Join(", ", choices)}");
    }

    private static List<string> ListOf(string name, JsonArray array) =>
        array.Select((e, i) => e is JsonValue ev && ev.GetValueKind() == JsonValueKind.String
                ? ev.GetValue<string>()
                : throw new InvalidRequestException($"{name}[{i}]: expected a string, got {Kind(e)}"))
            .ToList();

    private static JsonNode? ParseEmbedded(string name, string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            throw new InvalidRequestException($"{name}: the value looks like JSON but does not parse");
        }
    }

    private static string Describe(JsonNode node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? $"'{Printable.Clip(v.GetValue<string>(), 40)}'"
            : Kind(node);

    private static string Kind(JsonNode? node) => Printable.Kind(node);
}
