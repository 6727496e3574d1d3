using Leapfrog.Core;

namespace Leapfrog.Inventory;

/// <summary>What Ansible (or the operator) asked for.</summary>
/// <param name="Action">list, host or help.</param>
/// <param name="HostName">The host of <c>--host</c>.</param>
internal sealed record CommandLine(string Action, string? HostName)
{
    /// <summary>The usage text.</summary>
    public const string Usage =
        "usage: leapfrog-inventory --list | --host NAME | --help\n" +
        "Ansible script inventory of the hosts that run each OpenStack service's database migrations.\n" +
        "Configuration: LEAPFROG_INVENTORY_CONFIG (YAML file) or LEAPFROG_OSA_INVENTORY (openstack_inventory.json),\n" +
        "else leapfrog-inventory.cfg beside this executable, /etc/leapfrog/inventory.yml,\n" +
        "or /etc/openstack_deploy/openstack_inventory.json.\n";

    /// <summary>Parses the arguments.</summary>
    /// <exception cref="UsageException">Anything but one of the accepted forms.</exception>
    public static CommandLine Parse(IReadOnlyList<string> args) => args switch
    {
        ["--list"] => new("list", null),
        ["--host", var name] when name.Length > 0 => new("host", name),
        ["--host", ..] => throw new UsageException("--host needs one host name"),
        ["--help" or "-h"] => new("help", null),
        [] => throw new UsageException("give --list or --host NAME"),
        _ => throw new UsageException($"unknown arguments '{Printable.Clip(string.Join(' ', args))}'; give --list or --host NAME"),
    };
}
