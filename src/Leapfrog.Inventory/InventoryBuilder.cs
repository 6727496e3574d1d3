using Leapfrog.Inventory.Config;
using Leapfrog.Inventory.Osa;
using Leapfrog.Inventory.Output;

namespace Leapfrog.Inventory;

/// <summary>Turns a configuration into the inventory to print.</summary>
internal static class InventoryBuilder
{
    /// <summary>Reads the source the configuration names and chooses one host per service.</summary>
    /// <exception cref="InventoryException">Any problem with the inputs.</exception>
    public static InventoryModel Build(InventoryConfig config)
    {
        var wanted = Services.Wanted(config);
        foreach (var service in config.MigrationHosts.Keys.Where(s => !wanted.Contains(s)).Order(StringComparer.Ordinal))
        {
            throw new InventoryException($"{config.Origin}: migration_hosts.{service}: {service} is not in services");
        }

        var hosts = config.Osa is not null ? OsaSource.Hosts(config) : PlainSource.Hosts(config);
        var groups = ConfigNames.CatalogOrder(hosts.SelectMany(h => h.Services))
            .Select(s => new KeyValuePair<string, string>(s, hosts.First(h => h.Services.Contains(s)).Name))
            .ToList();
        var ordered = hosts
            .OrderBy(h => h.Name, NaturalOrder.Instance)
            .Select(h => new InventoryHost(h, ToolboxResolver.For(config, h)))
            .ToList();
        return new InventoryModel(groups, ordered);
    }
}
