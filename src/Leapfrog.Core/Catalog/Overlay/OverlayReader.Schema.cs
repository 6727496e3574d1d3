using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Leapfrog.Core.Catalog.Overlay;

/// <summary>The <c>schema</c> of a service: its databases and where its package keeps their migration scripts.</summary>
internal sealed partial class OverlayReader
{
    private static readonly string[] SchemaKeys = ["name", "url", "layouts", "cells_from", "source"];

    private JsonArray Schema(JsonNode? node, string path)
    {
        var result = new JsonArray();
        var i = 0;
        foreach (var item in _e.Array(node, path))
        {
            var at = $"{path}[{i++}]";
            var raw = _e.Object(item, at);
            _e.OnlyKnown(raw, at, SchemaKeys);
            _e.Require(raw, at, "a schema database", "name", "url", "layouts");
            var entry = new JsonObject
            {
                ["name"] = Checked(raw["name"], $"{at}.name", DatabaseName(), "a database name (letters, digits, '_', at most 64)"),
                ["url"] = Checked(raw["url"], $"{at}.url", ConfigOption(), "a config option as section.option"),
            };
            var layouts = new JsonArray();
            var j = 0;
            foreach (var layout in _e.Array(raw["layouts"], $"{at}.layouts"))
            {
                layouts.Add((JsonNode)Strings(layout, $"{at}.layouts[{j++}]", PackageDir(),
                    "a directory relative to the Python path (letters, digits, '_', '-', '.', '/'; no '..')", nonEmpty: true));
            }

            entry["layouts"] = layouts;
            if (raw["cells_from"] is { } cells)
            {
                entry["cells_from"] = Checked(cells, $"{at}.cells_from", DatabaseName(), "a schema database name");
            }

            if (raw["source"] is { } source)
            {
                entry["source"] = _e.Text(source, $"{at}.source", multiline: true);
            }

            result.Add((JsonNode)entry);
        }

        return result;
    }

    private string Checked(JsonNode? node, string path, Regex rule, string what)
    {
        var text = _e.Text(node, path);
        return rule.IsMatch(text) ? text : throw _e.Error(path, $"'{Printable.Clip(text, 40)}' is not {what}");
    }

    [GeneratedRegex("^[A-Za-z0-9_]{1,64}\\.[A-Za-z0-9_]{1,64}$")]
    private static partial Regex ConfigOption();

    [GeneratedRegex("^(?!.*\\.\\.)[A-Za-z0-9_-][A-Za-z0-9_./-]{0,199}$")]
    private static partial Regex PackageDir();
}
