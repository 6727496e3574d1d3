namespace Leapfrog.Inventory.Osa;

/// <summary>
/// The OpenStack-Ansible groups a service's migration host is taken from, first non-empty wins. These are the
/// groups of the service's API (or conductor) containers, which hold the service venv and its configuration;
/// never mixed groups that also hold compute or storage hosts (nova_all, cinder_all, neutron_all).
/// Source: openstack/openstack-ansible inventory/env.d/&lt;service&gt;.yml (component_skel).
/// </summary>
internal static class OsaGroups
{
    private static readonly Dictionary<string, string[]> Defaults = new(StringComparer.Ordinal)
    {
        ["keystone"] = ["keystone_all", "keystone"],
        ["glance"] = ["glance_api", "glance_all"],
        ["cinder"] = ["cinder_api"],
        ["placement"] = ["placement_api", "placement_all"],
        ["nova"] = ["nova_conductor", "nova_api_os_compute"],
        ["neutron"] = ["neutron_server"],
        ["heat"] = ["heat_api", "heat_all"],
    };

    /// <summary>The default candidate groups of <paramref name="service"/> (the service name itself when unlisted).</summary>
    public static IReadOnlyList<string> For(string service) =>
        Defaults.TryGetValue(service, out var groups) ? groups : [service + "_all"];
}
