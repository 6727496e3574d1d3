using System.Text.Json;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Leapfrog.Core.Releases;

namespace Leapfrog.Core.Catalog.Overlay;

/// <summary>
/// Validates a parsed overlay and rewrites it into the catalog's canonical form (release code names,
/// lower-case kinds and meanings) so the source-generated deserialiser can read it.
/// </summary>
internal sealed partial class OverlayReader
{
    private static readonly string[] RootKeys = ["services", "blockers"];
    private static readonly string[] ServiceKeys = ["name", "databases", "config_file", "since", "after", "versions", "version_argv", "schema", "steps", "source", "cells", "data_leftovers", "upgrade_checks"];
    private static readonly string[] CellKeys = ["since", "list_argv", "skip_uuid", "schema_alongside", "steps", "source"];
    private static readonly string[] StepKeys = ["name", "kind", "argv", "since", "until", "exit_codes", "final_hop", "source", "note"];
    private static readonly string[] Kinds = ["probe", "schema", "data", "verify"];
    private static readonly string[] Meanings = ["ok", "more", "pending", "warning", "error"];

    private readonly ReleaseCatalog _releases;
    private readonly OverlayErrors _e;

    public OverlayReader(ReleaseCatalog releases, OverlayErrors errors)
    {
        _releases = releases;
        _e = errors;
    }

    /// <summary>The service entries of the overlay, in file order.</summary>
    public List<(string Key, string Path, JsonObject Service)> Services(JsonNode root)
    {
        var top = _e.Object(root, "$");
        _e.OnlyKnown(top, "$", RootKeys);
        if (!top.ContainsKey("services"))
        {
            // Blockers only (read by BlockerCatalog.WithOverlay); an overlay with neither says nothing.
            _e.Require(top, "$", "the catalog file", top.ContainsKey("blockers") ? "blockers" : "services");
            return [];
        }

        var services = _e.Object(top["services"], "$.services");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var list = new List<(string, string, JsonObject)>();
        foreach (var (key, value) in services)
        {
            var path = $"$.services.{Printable.Clip(key, 40)}";
            if (!ServiceName().IsMatch(key))
            {
                throw _e.Error(path, $"service name '{Printable.Clip(key, 40)}' must be 1-64 letters, digits, '_' or '-'");
            }

            if (!seen.Add(key))
            {
                throw _e.Error(path, $"duplicate service '{key}'");
            }

            list.Add((key, path, _e.Object(value, path)));
        }

        return list;
    }

    /// <summary>Validates one service entry; <paramref name="full"/> for a new service (every required field).</summary>
    public JsonObject Service(string key, JsonObject raw, string path, bool full)
    {
        _e.OnlyKnown(raw, path, ServiceKeys);
        if (full)
        {
            _e.Require(raw, path, $"new service '{key}'", "databases", "config_file", "since", "steps");
        }

        var result = new JsonObject();
        if (raw.TryGetPropertyValue("name", out var name))
        {
            var text = _e.Text(name, $"{path}.name");
            if (!string.Equals(text, key, StringComparison.OrdinalIgnoreCase))
            {
                throw _e.Error($"{path}.name", $"'{Printable.Clip(text, 40)}' differs from the service key '{key}'");
            }
        }

        if (full)
        {
            result["name"] = key;
        }

        foreach (var (field, value) in raw)
        {
            var at = $"{path}.{field}";
            switch (field)
            {
                case "databases":
                    result[field] = Strings(value, at, DatabaseName(), "a database name (letters, digits, '_', at most 64)", nonEmpty: true);
                    break;
                case "config_file":
                    var file = _e.Text(value, at);
                    if (!file.StartsWith('/') || file.Length > 4096)
                    {
                        throw _e.Error(at, $"'{Printable.Clip(file, 40)}' must be an absolute path");
                    }

                    result[field] = file;
                    break;
                case "since":
                    result[field] = Release(value, at).Name;
                    break;
                case "after":
                    result[field] = Strings(value, at, ServiceName(), "a service name", nonEmpty: false);
                    break;
                case "versions":
                    result[field] = Versions(value, at);
                    break;
                case "version_argv":
                    result[field] = Argv(value, at, batchAllowed: false);
                    break;
                case "steps":
                    var steps = new JsonArray();
                    var i = 0;
                    foreach (var step in _e.Array(value, at))
                    {
                        steps.Add((JsonNode)Step(step, $"{at}[{i++}]"));
                    }

                    result[field] = steps;
                    break;
                case "schema":
                    result[field] = Schema(value, at);
                    break;
                case "source":
                    result[field] = _e.Text(value, at, multiline: true);
                    break;
                case "cells":
                    result[field] = Cells(value, at);
                    break;
                case "data_leftovers":
                    result[field] = Leftovers(value, at);
                    break;
                case "upgrade_checks":
                    result[field] = CheckRules(value, at);
                    break;
            }
        }

        return result;
    }

    /// <summary>A service's cells: how its tool lists them, and the schema and data steps run per cell (with <c>{cell_config}</c>).</summary>
    private JsonObject Cells(JsonNode? node, string path)
    {
        var raw = _e.Object(node, path);
        _e.OnlyKnown(raw, path, CellKeys);
        _e.Require(raw, path, "cells", "since", "list_argv", "steps");
        var result = new JsonObject
        {
            ["since"] = Release(raw["since"], $"{path}.since").Name,
            ["list_argv"] = Argv(raw["list_argv"], $"{path}.list_argv", batchAllowed: false),
        };
        if (raw["skip_uuid"] is { } skip)
        {
            var uuid = _e.Text(skip, $"{path}.skip_uuid");
            if (!Uuid().IsMatch(uuid))
            {
                throw _e.Error($"{path}.skip_uuid", $"'{Printable.Clip(uuid, 40)}' is not a UUID");
            }

            result["skip_uuid"] = uuid.ToLowerInvariant();
        }

        if (raw["schema_alongside"] is { } alongside)
        {
            var name = _e.Text(alongside, $"{path}.schema_alongside");
            if (!StepName().IsMatch(name))
            {
                throw _e.Error($"{path}.schema_alongside", $"'{Printable.Clip(name, 40)}' is not a step name");
            }

            result["schema_alongside"] = name;
        }

        var steps = new JsonArray();
        var i = 0;
        foreach (var step in _e.Array(raw["steps"], $"{path}.steps"))
        {
            steps.Add((JsonNode)Step(step, $"{path}.steps[{i++}]", cell: true));
        }

        result["steps"] = steps;
        if (raw.TryGetPropertyValue("source", out var source))
        {
            result["source"] = _e.Text(source, $"{path}.source", multiline: true);
        }

        return result;
    }

    private JsonObject Step(JsonNode? node, string path, bool cell = false)
    {
        var raw = _e.Object(node, path);
        _e.OnlyKnown(raw, path, StepKeys);
        _e.Require(raw, path, "a step", "name", "kind", "argv", "exit_codes");
        var result = new JsonObject();
        var stepName = _e.Text(raw["name"], $"{path}.name");
        if (!StepName().IsMatch(stepName))
        {
            throw _e.Error($"{path}.name", $"step name '{Printable.Clip(stepName, 40)}' must be 1-64 letters, digits, '_', '.' or '-'");
        }

        var kind = _e.Text(raw["kind"], $"{path}.kind").ToLowerInvariant();
        if (!Kinds.Contains(kind))
        {
            throw _e.Error($"{path}.kind", $"unknown kind '{Printable.Clip(kind, 40)}'; known: {string.Join(", ", Kinds)}");
        }

        if (cell && kind is not ("schema" or "data"))
        {
            throw _e.Error($"{path}.kind", $"a cell step is schema or data, not {kind}");
        }

        result["name"] = stepName;
        result["kind"] = kind;
        result["argv"] = Argv(raw["argv"], $"{path}.argv", batchAllowed: kind == "data", cellAllowed: cell);
        Release? since = null;
        if (raw["since"] is not null)
        {
            since = Release(raw["since"], $"{path}.since");
            result["since"] = since.Name;
        }

        if (raw["until"] is not null)
        {
            var until = Release(raw["until"], $"{path}.until");
            if (since is not null && since.Order > until.Order)
            {
                throw _e.Error($"{path}.until", $"since {since.Id} comes after until {until.Id}");
            }

            result["until"] = until.Name;
        }

        result["exit_codes"] = ExitCodes(raw["exit_codes"], $"{path}.exit_codes");
        if (raw["final_hop"] is { } finalHop)
        {
            result["final_hop"] = finalHop is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False
                ? v.GetValue<bool>()
                : throw _e.Error($"{path}.final_hop", "expected true or false");
        }

        foreach (var text in new[] { "source", "note" })
        {
            if (raw.TryGetPropertyValue(text, out var value))
            {
                result[text] = _e.Text(value, $"{path}.{text}", multiline: true);
            }
        }

        return result;
    }

    private JsonObject ExitCodes(JsonNode? node, string path)
    {
        var codes = _e.Object(node, path);
        if (codes.Count == 0)
        {
            throw _e.Error(path, "list at least one exit code (unlisted codes mean error)");
        }

        var result = new JsonObject();
        foreach (var (code, value) in codes)
        {
            var at = $"{path}.{Printable.Clip(code, 40)}";
            if (!ExitCode().IsMatch(code) || int.Parse(code, CultureInfo.InvariantCulture) > 255)
            {
                throw _e.Error(at, $"exit code '{Printable.Clip(code, 40)}' is not an integer 0-255");
            }

            var meaning = _e.Text(value, at).ToLowerInvariant();
            if (!Meanings.Contains(meaning))
            {
                throw _e.Error(at, $"unknown meaning '{Printable.Clip(meaning, 40)}'; known: {string.Join(", ", Meanings)}");
            }

            result[code] = meaning;
        }

        return result;
    }

    private JsonArray Argv(JsonNode? node, string path, bool batchAllowed, bool cellAllowed = false)
    {
        var array = _e.Array(node, path);
        var argv = array.Select((a, i) => _e.Text(a, $"{path}[{i}]", multiline: true)).ToList();
        if (CommandRules.Check(argv, batchAllowed, cellAllowed) is { } bad)
        {
            throw _e.Error(bad.Index < 0 ? path : $"{path}[{bad.Index}]", bad.Problem);
        }

        return new JsonArray(argv.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray());
    }

    private JsonObject Versions(JsonNode? node, string path)
    {
        var result = new JsonObject();
        foreach (var (key, value) in _e.Object(node, path))
        {
            var at = $"{path}.{Printable.Clip(key, 40)}";
            var release = Release(JsonValue.Create(key), at);
            var version = _e.Text(value, at);
            if (version.Length is 0 or > 64)
            {
                throw _e.Error(at, "a version must be 1-64 characters");
            }

            if (result.ContainsKey(release.Name))
            {
                throw _e.Error(at, $"release {release.Id} is given twice");
            }

            result[release.Name] = version;
        }

        return result;
    }

    private JsonArray Strings(JsonNode? node, string path, Regex rule, string what, bool nonEmpty)
    {
        var array = _e.Array(node, path);
        if (nonEmpty && array.Count == 0)
        {
            throw _e.Error(path, "the list is empty");
        }

        var result = new JsonArray();
        var i = 0;
        foreach (var item in array)
        {
            var at = $"{path}[{i++}]";
            var text = _e.Text(item, at);
            if (!rule.IsMatch(text))
            {
                throw _e.Error(at, $"'{Printable.Clip(text, 40)}' is not {what}");
            }

            result.Add((JsonNode)JsonValue.Create(text));
        }

        return result;
    }

    private Release Release(JsonNode? node, string path)
    {
        var text = _e.Text(node, path);
        if (!_releases.TryFind(text, out var release))
        {
            throw _e.Error(path, $"'{Printable.Clip(text, 40)}' is not a known OpenStack release; known: {string.Join(", ", _releases.All.Select(r => r.Id))}");
        }

        return release;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex ServiceName();

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex StepName();

    [GeneratedRegex("^[A-Za-z0-9_]{1,64}$")]
    private static partial Regex DatabaseName();

    [GeneratedRegex("^(0|[1-9][0-9]{0,2})$")]
    private static partial Regex ExitCode();

    [GeneratedRegex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
    private static partial Regex Uuid();
}
