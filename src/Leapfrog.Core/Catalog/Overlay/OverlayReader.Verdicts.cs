using System.Text.Json.Nodes;

namespace Leapfrog.Core.Catalog.Overlay;

/// <summary>The <c>data_leftovers</c> of a service: what rows a finished data migration leaves behind mean.</summary>
internal sealed partial class OverlayReader
{
    private static readonly string[] LeftoverKeys = ["migration", "since", "until", "verdict", "why", "source"];
    private static readonly string[] LeftoverVerdicts = ["accepted"];

    private JsonArray Leftovers(JsonNode? node, string path)
    {
        var result = new JsonArray();
        var i = 0;
        foreach (var item in _e.Array(node, path))
        {
            var at = $"{path}[{i++}]";
            var raw = _e.Object(item, at);
            _e.OnlyKnown(raw, at, LeftoverKeys);
            _e.Require(raw, at, "a data leftover", "migration", "verdict", "why");
            var verdict = _e.Text(raw["verdict"], $"{at}.verdict").ToLowerInvariant();
            if (!LeftoverVerdicts.Contains(verdict))
            {
                throw _e.Error($"{at}.verdict", $"'{Printable.Clip(verdict, 40)}' must be one of {string.Join(", ", LeftoverVerdicts)}");
            }

            var entry = new JsonObject
            {
                ["migration"] = Checked(raw["migration"], $"{at}.migration", DatabaseName(), "a migration name (letters, digits, '_', at most 64)"),
                ["verdict"] = verdict,
                ["why"] = _e.Text(raw["why"], $"{at}.why", multiline: true),
            };
            foreach (var bound in new[] { "since", "until" })
            {
                if (raw[bound] is { } release)
                {
                    entry[bound] = Release(release, $"{at}.{bound}").Name;
                }
            }

            if (raw["source"] is { } source)
            {
                entry["source"] = _e.Text(source, $"{at}.source", multiline: true);
            }

            result.Add((JsonNode)entry);
        }

        return result;
    }
}
