using Leapfrog.Inventory.Config;
using Leapfrog.Inventory.Tests.Support;

namespace Leapfrog.Inventory.Tests;

/// <summary>Finding the configuration when Ansible passes only --list.</summary>
public class LocatorTests
{
    private static ConfigLocator In(TempDir dir, Dictionary<string, string>? env = null) => new(
        name => env is not null && env.TryGetValue(name, out var v) ? v : null,
        Path.Combine(dir.Path, "inventory"),
        Path.Combine(dir.Path, "etc-leapfrog.yml"),
        Path.Combine(dir.Path, "openstack_inventory.json"));

    [Fact]
    public void The_config_variable_wins_then_the_OSA_variable_then_the_file_beside_then_system_files()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(Path.Combine(dir.Path, "inventory"));
        var config = dir.File("mine.yml", "x");
        var osa = dir.File("osa.json", "{}");
        var beside = dir.File("inventory/leapfrog-inventory.cfg", "x");
        var system = dir.File("etc-leapfrog.yml", "x");
        var systemOsa = dir.File("openstack_inventory.json", "{}");

        Assert.Equal(new ConfigSource(config, false, config), In(dir, new() { ["LEAPFROG_INVENTORY_CONFIG"] = config, ["LEAPFROG_OSA_INVENTORY"] = osa }).Locate());
        Assert.Equal(new ConfigSource(osa, true, osa), In(dir, new() { ["LEAPFROG_OSA_INVENTORY"] = osa }).Locate());
        Assert.Equal(new ConfigSource(beside, false, beside), In(dir, new() { ["LEAPFROG_INVENTORY_CONFIG"] = "" }).Locate());
        File.Delete(beside);
        Assert.Equal(new ConfigSource(system, false, system), In(dir).Locate());
        File.Delete(system);
        Assert.Equal(new ConfigSource(systemOsa, true, systemOsa), In(dir).Locate());
        File.Delete(systemOsa);

        var e = Assert.Throws<InventoryException>(() => In(dir).Locate());
        Assert.StartsWith("no configuration: set LEAPFROG_INVENTORY_CONFIG or LEAPFROG_OSA_INVENTORY, or create one of ", e.Message);
        Assert.Contains(Path.Combine(dir.Path, "inventory", "leapfrog-inventory.cfg"), e.Message);
    }

    [Theory]
    [InlineData("LEAPFROG_INVENTORY_CONFIG")]
    [InlineData("LEAPFROG_OSA_INVENTORY")]
    public void A_variable_naming_a_missing_file_is_an_error_not_a_fallback(string variable)
    {
        using var dir = new TempDir();
        dir.File("openstack_inventory.json", "{}");
        var e = Assert.Throws<InventoryException>(() => In(dir, new() { [variable] = "/nonexistent/x" }).Locate());
        Assert.Equal($"{variable}=/nonexistent/x: no such file", e.Message);
    }
}
