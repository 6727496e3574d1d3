namespace Leapfrog.Inventory.Config;

/// <summary>Where the configuration was found.</summary>
/// <param name="Path">A YAML configuration file, or an openstack_inventory.json when <paramref name="IsOsaInventory"/>.</param>
/// <param name="IsOsaInventory">True to read an OSA inventory with default settings and no configuration file.</param>
/// <param name="Origin">How it was found, for messages.</param>
internal sealed record ConfigSource(string Path, bool IsOsaInventory, string Origin)
{
    /// <summary>Loads the configuration this source names.</summary>
    /// <exception cref="InventoryException">Unreadable or invalid configuration.</exception>
    public InventoryConfig Load() => IsOsaInventory ? InventoryConfig.ForOsa(Path, Origin) : ConfigReader.Read(Path);
}
