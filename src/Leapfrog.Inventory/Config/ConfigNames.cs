using Leapfrog.Core;
using Leapfrog.Core.Catalog;
using Leapfrog.Core.Releases;

namespace Leapfrog.Inventory.Config;

/// <summary>Checks service and release names written in the configuration against the catalog.</summary>
internal static class ConfigNames
{
    /// <summary>The catalog's spelling of a service name, or an error naming the known ones.</summary>
    public static string Service(string name, YamlField where)
    {
        var found = ServiceCatalog.Default.Services.FirstOrDefault(s => string.Equals(s.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
        return found?.Name ?? throw where.Error(
            $"'{Printable.Clip(name)}' is not a known service; known: {string.Join(", ", ServiceCatalog.Default.Services.Select(s => s.Name))}");
    }

    /// <summary>A release in any accepted spelling, or an error naming the known ones.</summary>
    public static Release Release(string name, YamlField where) =>
        ReleaseCatalog.Default.TryFind(name, out var release)
            ? release
            : throw where.Error(
                $"'{Printable.Clip(name)}' is not a known OpenStack release; known: {string.Join(", ", ReleaseCatalog.Default.All.Select(r => r.Id))}");

    /// <summary>Services of a list, checked, without repeats, in catalog order.</summary>
    public static IReadOnlyList<string> Services(YamlField field)
    {
        var items = field.IsSequence ? field.Sequence() : [field];
        var names = items.Select(f => Service(f.Text(), f)).ToHashSet(StringComparer.Ordinal);
        return CatalogOrder(names);
    }

    /// <summary>The given service names in catalog order.</summary>
    public static IReadOnlyList<string> CatalogOrder(IEnumerable<string> names)
    {
        var set = names.ToHashSet(StringComparer.Ordinal);
        return ServiceCatalog.Default.Services.Select(s => s.Name).Where(set.Contains).ToList();
    }
}
