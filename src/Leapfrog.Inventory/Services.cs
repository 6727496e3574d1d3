using Leapfrog.Core.Catalog;
using Leapfrog.Inventory.Config;

namespace Leapfrog.Inventory;

/// <summary>Which services the inventory looks for.</summary>
internal static class Services
{
    /// <summary>The services asked for, or every catalog service, in catalog order.</summary>
    public static IReadOnlyList<string> Wanted(InventoryConfig config) =>
        config.Services ?? ServiceCatalog.Default.Services.Select(s => s.Name).ToList();
}
