using Leapfrog.Core.Catalog;
using Leapfrog.Core.Releases;

namespace Leapfrog.FakeTool;

/// <summary>
/// The project version a service has in a release: the catalog's when it knows it, else the major
/// version moving one per release from a known anchor (nova 14 = newton ... 22 = victoria, 33 = 2026.1;
/// placement 1 = stein).
/// </summary>
internal static class ProjectVersions
{
    private static readonly Dictionary<string, (string Anchor, int Major)> Anchors = new()
    {
        ["keystone"] = ("newton", 10),
        ["glance"] = ("newton", 13),
        ["cinder"] = ("newton", 9),
        ["placement"] = ("stein", 1),
        ["nova"] = ("newton", 14),
        ["neutron"] = ("newton", 9),
        ["heat"] = ("newton", 7),
    };

    /// <summary>E.g. <c>22.0.0</c> for keystone in zed.</summary>
    public static string For(string service, Release release)
    {
        try
        {
            var def = ServiceCatalog.Default.Services.FirstOrDefault(s => s.Name == service);
            if (def is not null && ServiceCatalog.VersionFor(def, release) is { } known)
            {
                return known;
            }
        }
        catch (Exception e) when (e is InvalidOperationException or System.Text.Json.JsonException)
        {
            // A catalog being edited must not break --version: fall back to the table.
        }

        var (anchor, major) = Anchors[service];
        return $"{major + release.Order - ToolContext.Find(anchor).Order}.0.0";
    }
}
