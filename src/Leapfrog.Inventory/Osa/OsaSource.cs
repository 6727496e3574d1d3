using Leapfrog.Core.Toolboxes;
using Leapfrog.Core;
using Leapfrog.Inventory.Config;

namespace Leapfrog.Inventory.Osa;

/// <summary>Chooses the migration host of each service from an OpenStack-Ansible inventory.</summary>
internal static class OsaSource
{
    /// <summary>One host per service found (or asked for), grouped by host.</summary>
    /// <exception cref="InventoryException">Unreadable inventory, empty group, unknown chosen host, no address.</exception>
    public static IReadOnlyList<MigrationHost> Hosts(InventoryConfig config)
    {
        var options = config.Osa ?? throw new InvalidOperationException("not an OSA configuration");
        using var inventory = OsaInventory.Load(options.InventoryFile);
        var chosen = new List<(string Service, string Host)>();
        foreach (var service in Services.Wanted(config))
        {
            var overridden = options.Groups.TryGetValue(service, out var own);
            var groups = overridden ? [own!] : OsaGroups.For(service);
            var found = groups.Select(g => (Group: g, Members: inventory.Members(g))).FirstOrDefault(x => x.Members.Count > 0);
            if (found.Group is null)
            {
                if (config.Services is not null || overridden || config.MigrationHosts.ContainsKey(service))
                {
                    var state = groups.Any(inventory.HasGroup) ? "has no hosts" : "is missing";
                    throw new InventoryException($"{inventory.Origin}: service {service}: OSA group {string.Join(" / ", groups)} {state}");
                }

                continue;
            }

            chosen.Add((service, Choose(config, service, found.Group, found.Members)));
        }

        if (chosen.Count == 0)
        {
            throw new InventoryException(
                $"{inventory.Origin}: no service's OSA group has hosts (looked for {string.Join(", ", Services.Wanted(config).Select(s => OsaGroups.For(s)[0]))})");
        }

        return chosen
            .GroupBy(c => c.Host, StringComparer.Ordinal)
            .Select(g => Host(config, options, inventory, g.Key, ConfigNames.CatalogOrder(g.Select(x => x.Service))))
            .ToList();
    }

    private static string Choose(InventoryConfig config, string service, string group, IReadOnlyCollection<string> members)
    {
        if (!config.MigrationHosts.TryGetValue(service, out var wanted))
        {
            return members.Min(NaturalOrder.Instance)!;
        }

        if (members.Contains(wanted))
        {
            return wanted;
        }

        var some = members.Order(NaturalOrder.Instance).Take(5);
        throw new InventoryException(
            $"{config.Origin}: migration_hosts.{service}: '{Printable.Clip(wanted)}' is not a host of OSA group {group} (hosts: {string.Join(", ", some)}{(members.Count > 5 ? ", …" : "")})");
    }

    private static MigrationHost Host(InventoryConfig config, OsaOptions options, OsaInventory inventory, string name, IReadOnlyList<string> services)
    {
        var vars = inventory.HostVars(name)
            ?? throw new InventoryException($"{inventory.Origin}: host {name} is in a group but has no entry in _meta.hostvars");
        var physical = vars.PhysicalHost ?? (vars.IsMetal ? name : null);
        var address = options.Connect switch
        {
            OsaConnect.PhysicalHost => PhysicalAddress(inventory, vars, physical),
            _ => vars.ContainerAddress,
        };
        if (address is null)
        {
            var what = options.Connect == OsaConnect.PhysicalHost
                ? $"no address for its physical host {physical ?? "(physical_host missing)"}"
                : "no management_address, container_address or ansible_host";
            throw new InventoryException($"{inventory.Origin}: host {name}: {what}");
        }

        return new MigrationHost(name, address, config.Port, config.User, config.PrivateKeyFile, physical, services, ToolboxTable.Empty);
    }

    private static string? PhysicalAddress(OsaInventory inventory, OsaHostVars vars, string? physical)
    {
        if (physical is null)
        {
            return null;
        }

        if (physical == vars.Name)
        {
            return vars.ContainerAddress;
        }

        var host = inventory.HostVars(physical);
        return host?.AnsibleHost ?? host?.ContainerAddress ?? vars.PhysicalHostAddress;
    }
}
