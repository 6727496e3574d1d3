using Leapfrog.Core.Toolboxes;
using Leapfrog.Core.Releases;

namespace Leapfrog.Inventory.Config;

/// <summary>Everything the inventory is made from, validated.</summary>
/// <param name="Origin">Where it came from, for messages (a file path or an environment variable).</param>
/// <param name="Osa">The OpenStack-Ansible source, or null for the plain description.</param>
/// <param name="Controllers">The plain description's controllers (empty with OSA).</param>
/// <param name="Services">Services asked for explicitly (each must get a host), or null for every service found.</param>
/// <param name="MigrationHosts">Service to the host chosen by the operator.</param>
/// <param name="Releases">Releases to emit toolboxes for, or null for every release the catalog has a version for.</param>
/// <param name="Port">Default SSH port.</param>
/// <param name="User">Default SSH user.</param>
/// <param name="PrivateKeyFile">Default SSH private key file, or null.</param>
/// <param name="Toolboxes">Global toolboxes.</param>
internal sealed record InventoryConfig(
    string Origin,
    OsaOptions? Osa,
    IReadOnlyList<ControllerConfig> Controllers,
    IReadOnlyList<string>? Services,
    IReadOnlyDictionary<string, string> MigrationHosts,
    IReadOnlyList<Release>? Releases,
    int Port,
    string User,
    string? PrivateKeyFile,
    ToolboxTable Toolboxes)
{
    /// <summary>Default SSH port.</summary>
    public const int DefaultPort = 22;

    /// <summary>Default SSH user (OpenStack-Ansible deploys as root).</summary>
    public const string DefaultUser = "root";

    /// <summary>OSA defaults for an inventory file, no configuration file.</summary>
    public static InventoryConfig ForOsa(string file, string origin) => new(
        origin, OsaOptions.For(file), [], null, new Dictionary<string, string>(), null, DefaultPort, DefaultUser, null, ToolboxTable.Empty);
}
