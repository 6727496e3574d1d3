using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Leapfrog.Core.Catalog.Overlay;

namespace Leapfrog.Core.Catalog;

/// <content>Blockers added by a user overlay (<c>catalog_file</c>'s <c>blockers</c> list).</content>
public sealed partial class BlockerCatalog
{
    /// <summary>
    /// The embedded blockers and those of <paramref name="text"/>'s <c>blockers</c> list (JSON or YAML, the same entries as
    /// <c>blockers.json</c>), validated like the embedded ones against <paramref name="services"/> (the catalog with the
    /// same overlay laid over it): a new id only, and a query that is one read-only SELECT (<see cref="ReadOnlySql"/>).
    /// </summary>
    /// <param name="text">The overlay's content.</param>
    /// <param name="origin">Where it comes from (a file name), for messages.</param>
    /// <param name="services">The service catalog the blockers refer to.</param>
    /// <exception cref="InvalidRequestException">The list is malformed, or an entry is invalid; the message names the file.</exception>
    public static BlockerCatalog WithOverlay(string text, string origin, ServiceCatalog services)
    {
        ArgumentNullException.ThrowIfNull(services);
        origin = Printable.Clip(string.IsNullOrWhiteSpace(origin) ? "catalog_file" : origin, 120);
        var root = OverlayParser.Parse(text, origin) as JsonObject;
        if (root?["blockers"] is not { } list)
        {
            return services == ServiceCatalog.Default ? Default : Validate(Default.All, services, "blockers.json");
        }

        if (list is not JsonArray)
        {
            throw new InvalidRequestException($"{origin}: $.blockers: must be a list of blockers, not {OverlayErrors.Describe(list)}");
        }

        var entries = list.DeepClone().AsArray();
        foreach (var detect in entries.OfType<JsonObject>().Select(e => e["detect"]).OfType<JsonObject>())
        {
            // YAML gives every scalar as text: cells is the one flag, factor the one number.
            if (detect["factor"] is JsonValue f && f.GetValueKind() == JsonValueKind.String)
            {
                detect["factor"] = double.TryParse(f.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var factor)
                    ? factor
                    : throw new InvalidRequestException($"{origin}: $.blockers: detect.factor: '{Printable.Clip(f.GetValue<string>(), 20)}' is not a number");
            }

            if (detect["cells"] is JsonValue v && v.GetValueKind() == JsonValueKind.String)
            {
                detect["cells"] = v.GetValue<string>() switch
                {
                    "true" or "True" or "yes" => true,
                    "false" or "False" or "no" => false,
                    var other => throw new InvalidRequestException($"{origin}: $.blockers: detect.cells: '{Printable.Clip(other, 20)}' is not true or false"),
                };
            }
        }

        BlockerFile file;
        try
        {
            file = new JsonObject { ["blockers"] = entries }.Deserialize(CatalogJsonContext.Default.BlockerFile)
                ?? throw new JsonException("empty");
        }
        catch (JsonException e)
        {
            throw new InvalidRequestException(
                $"{origin}: $.blockers: {Printable.Clip(e.Message, 200)} (each entry: id, service, targets, severity, detect, message, fix, source)");
        }

        return Validate([.. Default.All, .. file.Blockers], services, origin);
    }
}
