using Leapfrog.Core.Toolboxes;
using Leapfrog.Core.Catalog;
using Leapfrog.Core.Releases;
using Leapfrog.Inventory.Config;
using Leapfrog.Inventory.Osa;
using Leapfrog.Inventory.Output;

namespace Leapfrog.Inventory;

/// <summary>Decides the toolbox of each service of a host in each release.</summary>
internal static class ToolboxResolver
{
    /// <summary>
    /// Per release, the toolbox of each service of <paramref name="host"/>: the host's table, then the global
    /// table, then OpenStack-Ansible's venv (<see cref="OsaVenv"/>). A release is left out for a service that does not exist in it, when
    /// releases are not configured and the catalog has no version, or when the toolbox needs a version the
    /// catalog lacks.
    /// </summary>
    public static IReadOnlyList<HostToolboxes> For(InventoryConfig config, MigrationHost host)
    {
        var catalog = ServiceCatalog.Default;
        var releases = config.Releases ?? catalog.Releases.All;
        var result = new List<HostToolboxes>();
        foreach (var release in releases)
        {
            var services = new List<KeyValuePair<string, Toolbox>>();
            foreach (var name in host.Services)
            {
                var service = catalog.Find(name);
                var spec = One(config, host.Toolboxes, service, release, catalog.Exists(service, release));
                if (spec is not null)
                {
                    services.Add(new(name, spec));
                }
            }

            if (services.Count > 0)
            {
                result.Add(new HostToolboxes(release, services));
            }
        }

        return result;
    }

    /// <summary>The expanded toolbox of <paramref name="service"/> in <paramref name="release"/>, or null to leave the release out.</summary>
    internal static Toolbox? One(InventoryConfig config, ToolboxTable hostTable, ServiceDefinition service, Release release, bool exists)
    {
        if (!exists)
        {
            return null;
        }

        var version = ServiceCatalog.VersionFor(service, release);
        if (version is null && config.Releases is null)
        {
            return null;
        }

        var spec = hostTable.Find(service.Name, release) ?? config.Toolboxes.Find(service.Name, release) ?? OsaVenv.For(release);
        return spec is null || (spec.NeedsVersion && version is null) ? null : spec.Expand(service.Name, version, release.Name);
    }
}
