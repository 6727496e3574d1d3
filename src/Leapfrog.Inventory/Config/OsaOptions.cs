namespace Leapfrog.Inventory.Config;

/// <summary>How to read an OpenStack-Ansible inventory.</summary>
/// <param name="InventoryFile">Path of openstack_inventory.json.</param>
/// <param name="Connect">Container or physical host address for SSH.</param>
/// <param name="Groups">Service to the OSA group its migration host is taken from (replaces the default list).</param>
internal sealed record OsaOptions(string InventoryFile, OsaConnect Connect, IReadOnlyDictionary<string, string> Groups)
{
    /// <summary>Where OpenStack-Ansible writes its inventory.</summary>
    public const string DefaultFile = "/etc/openstack_deploy/openstack_inventory.json";

    /// <summary>Defaults for <paramref name="file"/>.</summary>
    public static OsaOptions For(string file) => new(file, OsaConnect.Container, new Dictionary<string, string>());
}
