using System.Reflection;

namespace Leapfrog.Inventory.Tests.Support;

/// <summary>Where the repository and the inventory fixtures are.</summary>
internal static class Paths
{
    public static string Repo { get; } = Environment.GetEnvironmentVariable("LEAPFROG_REPO")
        ?? typeof(Paths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    public static string Fixtures { get; } = Path.Combine(Repo, "tests", "fixtures", "inventory");

    public static string Osa(string name) => Path.Combine(Fixtures, "osa", name);

    public static string Plain(string name) => Path.Combine(Fixtures, "plain", name);

    /// <summary>The inventory OpenStack-Ansible's own generator made (see its README).</summary>
    public static string Generated { get; } = Path.Combine(Fixtures, "osa-generated", "test-example-openstack_inventory.json");

    public const string OldVintage = "osa26-underscore-container_address.json";
    public const string MidVintage = "osa28-underscore-management_address.json";
    public const string NewVintage = "osa30-dash-management_address.json";
    public const string Metal = "osa30-metal.json";
}
