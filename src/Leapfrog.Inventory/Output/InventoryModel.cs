namespace Leapfrog.Inventory.Output;

/// <summary>What the inventory prints: groups and hosts, already in output order.</summary>
/// <param name="Groups">Service to its one migration host, in catalog order.</param>
/// <param name="Hosts">Hosts in natural name order.</param>
internal sealed record InventoryModel(IReadOnlyList<KeyValuePair<string, string>> Groups, IReadOnlyList<InventoryHost> Hosts)
{
    /// <summary>Prefix of the per-service groups.</summary>
    public const string GroupPrefix = "leapfrog_";

    /// <summary>The parent of every per-service group.</summary>
    public const string ParentGroup = "leapfrog_migration_hosts";
}
