namespace Leapfrog.Inventory.Config;

/// <summary>
/// Finds the configuration without arguments (Ansible passes only --list or --host), first match wins:
/// <c>LEAPFROG_INVENTORY_CONFIG</c> (a YAML file); <c>LEAPFROG_OSA_INVENTORY</c> (an openstack_inventory.json,
/// OSA defaults); <c>leapfrog-inventory.cfg</c> beside the executable (the <c>.cfg</c> extension is one Ansible
/// ignores in an inventory directory); <c>/etc/leapfrog/inventory.yml</c>;
/// <c>/etc/openstack_deploy/openstack_inventory.json</c> (OSA defaults).
/// </summary>
/// <param name="Environment">Reads an environment variable.</param>
/// <param name="ExecutableDirectory">The directory of the running executable, or null.</param>
/// <param name="SystemConfig">The system-wide configuration file.</param>
/// <param name="SystemOsaInventory">OpenStack-Ansible's inventory file.</param>
internal sealed record ConfigLocator(Func<string, string?> Environment, string? ExecutableDirectory, string SystemConfig, string SystemOsaInventory)
{
    /// <summary>Names a YAML configuration file.</summary>
    public const string ConfigVariable = "LEAPFROG_INVENTORY_CONFIG";

    /// <summary>Names an openstack_inventory.json to read with OSA defaults.</summary>
    public const string OsaVariable = "LEAPFROG_OSA_INVENTORY";

    /// <summary>The configuration file name looked for beside the executable.</summary>
    public const string BesideName = "leapfrog-inventory.cfg";

    /// <summary>The locator of the running process.</summary>
    public static ConfigLocator ForProcess() => new(
        System.Environment.GetEnvironmentVariable,
        System.Environment.ProcessPath is { } p ? Path.GetDirectoryName(p) : AppContext.BaseDirectory,
        "/etc/leapfrog/inventory.yml",
        OsaOptions.DefaultFile);

    /// <summary>The first source that applies.</summary>
    /// <exception cref="InventoryException">A variable names a missing file, or nothing was found.</exception>
    public ConfigSource Locate()
    {
        if (Set(ConfigVariable) is { } config)
        {
            return File.Exists(config)
                ? new ConfigSource(config, false, config)
                : throw new InventoryException($"{ConfigVariable}={config}: no such file");
        }

        if (Set(OsaVariable) is { } osa)
        {
            return File.Exists(osa)
                ? new ConfigSource(osa, true, osa)
                : throw new InventoryException($"{OsaVariable}={osa}: no such file");
        }

        var tried = new List<string>();
        if (ExecutableDirectory is not null)
        {
            var beside = Path.Combine(ExecutableDirectory, BesideName);
            tried.Add(beside);
            if (File.Exists(beside))
            {
                return new ConfigSource(beside, false, beside);
            }
        }

        tried.Add(SystemConfig);
        if (File.Exists(SystemConfig))
        {
            return new ConfigSource(SystemConfig, false, SystemConfig);
        }

        tried.Add(SystemOsaInventory);
        if (File.Exists(SystemOsaInventory))
        {
            return new ConfigSource(SystemOsaInventory, true, SystemOsaInventory);
        }

        throw new InventoryException(
            $"no configuration: set {ConfigVariable} or {OsaVariable}, or create one of {string.Join(", ", tried)}");
    }

    private string? Set(string name) => Environment(name) is { Length: > 0 } v ? v : null;
}
