using System.Text.Json.Nodes;

namespace Leapfrog.Core.Catalog.Overlay;

/// <summary>
/// The verdicts of a service on what its tools print: <c>data_leftovers</c> (rows a finished data migration leaves
/// behind) and <c>upgrade_checks</c> (status checks that do not judge the database).
/// </summary>
internal sealed partial class OverlayReader
{
    private static readonly string[] LeftoverKeys = ["migration", "since", "until", "verdict", "why", "source"];
    private static readonly string[] CheckRuleKeys = ["check", "since", "until", "verdict", "why", "source"];

    private JsonArray Leftovers(JsonNode? node, string path) =>
        Verdicts(node, path, "migration", LeftoverKeys, "a data leftover", ["accepted"],
            (raw, at) => Checked(raw, at, DatabaseName(), "a migration name (letters, digits, '_', at most 64)"));

    private JsonArray CheckRules(JsonNode? node, string path) =>
        Verdicts(node, path, "check", CheckRuleKeys, "an upgrade check rule", ["not_applicable"],
            (raw, at) => _e.Text(raw, at));

    private JsonArray Verdicts(JsonNode? node, string path, string key, string[] keys, string what, string[] verdicts, Func<JsonNode?, string, string> name)
    {
        var result = new JsonArray();
        var i = 0;
        foreach (var item in _e.Array(node, path))
        {
            var at = $"{path}[{i++}]";
            var raw = _e.Object(item, at);
            _e.OnlyKnown(raw, at, keys);
            _e.Require(raw, at, what, key, "verdict", "why");
            var verdict = _e.Text(raw["verdict"], $"{at}.verdict").ToLowerInvariant();
            if (!verdicts.Contains(verdict))
            {
                throw _e.Error($"{at}.verdict", $"'{Printable.Clip(verdict, 40)}' must be one of {string.Join(", ", verdicts)}");
            }

            var entry = new JsonObject
            {
                [key] = name(raw[key], $"{at}.{key}"),
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
