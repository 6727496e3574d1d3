using Leapfrog.Core.Toolboxes;

namespace Leapfrog.Inventory.Config;

/// <summary>A controller of the plain description: where to SSH and which services' migrations it can run.</summary>
/// <param name="Name">Inventory host name.</param>
/// <param name="Address">SSH address (ansible_host).</param>
/// <param name="Port">SSH port, or null for the default.</param>
/// <param name="User">SSH user, or null for the default.</param>
/// <param name="PrivateKeyFile">SSH private key file, or null for the default.</param>
/// <param name="Services">Services, in catalog order.</param>
/// <param name="Toolboxes">Toolboxes that apply to this controller before the global ones.</param>
internal sealed record ControllerConfig(
    string Name,
    string Address,
    int? Port,
    string? User,
    string? PrivateKeyFile,
    IReadOnlyList<string> Services,
    ToolboxTable Toolboxes);
