using Leapfrog.Core;
using Leapfrog.Inventory.Config;

namespace Leapfrog.Inventory;

/// <summary>Chooses the migration host of each service from the plain description's controllers.</summary>
internal static class PlainSource
{
    /// <summary>One controller per service: the one named in migration_hosts, else the first listing it.</summary>
    /// <exception cref="InventoryException">A service no controller lists, or a bad migration_hosts entry.</exception>
    public static IReadOnlyList<MigrationHost> Hosts(InventoryConfig config)
    {
        var chosen = new List<(string Service, ControllerConfig Controller)>();
        foreach (var service in Services.Wanted(config))
        {
            var candidates = config.Controllers.Where(c => c.Services.Contains(service)).ToList();
            if (candidates.Count == 0)
            {
                if (config.Services is not null || config.MigrationHosts.ContainsKey(service))
                {
                    throw new InventoryException($"{config.Origin}: service {service}: no controller lists it, so its group would be empty");
                }

                continue;
            }

            var controller = candidates[0];
            if (config.MigrationHosts.TryGetValue(service, out var wanted))
            {
                controller = candidates.FirstOrDefault(c => c.Name == wanted) ?? throw new InventoryException(
                    $"{config.Origin}: migration_hosts.{service}: '{Printable.Clip(wanted)}' is not a controller listing {service} ({string.Join(", ", candidates.Select(c => c.Name))})");
            }

            chosen.Add((service, controller));
        }

        return chosen
            .GroupBy(c => c.Controller)
            .Select(g => new MigrationHost(
                g.Key.Name,
                g.Key.Address,
                g.Key.Port ?? config.Port,
                g.Key.User ?? config.User,
                g.Key.PrivateKeyFile ?? config.PrivateKeyFile,
                null,
                ConfigNames.CatalogOrder(g.Select(x => x.Service)),
                g.Key.Toolboxes))
            .ToList();
    }
}
