namespace Leapfrog.Inventory.Output;

/// <summary>One host of the output with its vars.</summary>
/// <param name="Host">The chosen host.</param>
/// <param name="Toolboxes">Per release (oldest first), the toolbox of each of its services.</param>
internal sealed record InventoryHost(MigrationHost Host, IReadOnlyList<HostToolboxes> Toolboxes);
