namespace Leapfrog.Inventory.Config;

/// <summary>Where SSH goes for a host of an OpenStack-Ansible inventory.</summary>
internal enum OsaConnect
{
    /// <summary>The container's own address (management_address, container_address before OSA 27).</summary>
    Container,

    /// <summary>The physical host that runs the container.</summary>
    PhysicalHost,
}
