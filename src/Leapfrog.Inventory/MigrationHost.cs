using Leapfrog.Core.Toolboxes;
using Leapfrog.Inventory.Config;

namespace Leapfrog.Inventory;

/// <summary>A host chosen to run migrations, with how to reach it.</summary>
/// <param name="Name">Inventory host name.</param>
/// <param name="Address">ansible_host.</param>
/// <param name="Port">ansible_port.</param>
/// <param name="User">ansible_user.</param>
/// <param name="PrivateKeyFile">ansible_ssh_private_key_file, or null.</param>
/// <param name="PhysicalHost">The OSA physical host, or null outside OSA.</param>
/// <param name="Services">Services whose migrations run here, in catalog order.</param>
/// <param name="Toolboxes">Toolboxes of this host, looked up before the global ones.</param>
internal sealed record MigrationHost(
    string Name,
    string Address,
    int Port,
    string User,
    string? PrivateKeyFile,
    string? PhysicalHost,
    IReadOnlyList<string> Services,
    ToolboxTable Toolboxes);
