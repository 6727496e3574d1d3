using Leapfrog.Inventory.Tests.Support;

namespace Leapfrog.Inventory.Tests;

/// <summary>The plain description: controllers, defaults, releases and toolboxes.</summary>
public class PlainConfigTests
{
    private static readonly string TwoControllers = File.ReadAllText(Paths.Plain("two-controllers.yml"));

    [Fact]
    public void Each_service_goes_to_the_first_controller_listing_it()
    {
        var list = Inv.List(Inv.FromYaml(TwoControllers));

        Assert.Equal("ctl1", Inv.OnlyHost(list, "keystone"));
        Assert.Equal("ctl1", Inv.OnlyHost(list, "cinder"));
        Assert.Equal("ctl2", Inv.OnlyHost(list, "nova"));
        Assert.False(list.ContainsKey("leapfrog_heat"));
        Assert.Equal(["placement", "nova", "neutron"], Inv.Vars(list, "ctl2")["leapfrog_services"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public void Defaults_fill_what_a_controller_leaves_out()
    {
        var list = Inv.List(Inv.FromYaml(TwoControllers));
        var ctl1 = Inv.Vars(list, "ctl1");
        var ctl2 = Inv.Vars(list, "ctl2");

        Assert.Equal(("192.0.2.11", 2222, "leapfrog"), (ctl1["ansible_host"]!.GetValue<string>(), ctl1["ansible_port"]!.GetValue<int>(), ctl1["ansible_user"]!.GetValue<string>()));
        Assert.Equal((22, "root"), (ctl2["ansible_port"]!.GetValue<int>(), ctl2["ansible_user"]!.GetValue<string>()));
        Assert.Equal("~/.ssh/leapfrog_ed25519", ctl2["ansible_ssh_private_key_file"]!.GetValue<string>());
        Assert.False(ctl1.ContainsKey("physical_host"));
    }

    [Fact]
    public void Toolboxes_take_the_most_specific_entry_and_expand_placeholders()
    {
        var list = Inv.List(Inv.FromYaml(TwoControllers));
        var ctl1 = Inv.Vars(list, "ctl1")["leapfrog_toolboxes"]!;
        var ctl2 = Inv.Vars(list, "ctl2")["leapfrog_toolboxes"]!;

        Assert.Equal(["zed", "2023.1-antelope", "2023.2-bobcat", "2024.1-caracal", "2024.2-dalmatian", "2025.1-epoxy"], ctl1.AsObject().Select(kv => kv.Key));
        Assert.Equal("/opt/leapfrog/keystone-22.0.0", ctl1["zed"]!["keystone"]!["path"]!.GetValue<string>());
        Assert.Equal("registry.example.org/openstack/keystone:23.0.0", ctl1["2023.1-antelope"]!["keystone"]!["image"]!.GetValue<string>());
        Assert.Equal("podman", ctl1["2023.1-antelope"]!["keystone"]!["engine"]!.GetValue<string>());
        Assert.Equal("prefix", ctl1["2023.1-antelope"]!["glance"]!["type"]!.GetValue<string>());
        Assert.Equal("/opt/glance-26.0.0/bin/run", ctl1["2023.1-antelope"]!["glance"]!["prefix"]![3]!.GetValue<string>());
        Assert.Equal("system", ctl1["2024.1-caracal"]!["cinder"]!["type"]!.GetValue<string>());
        Assert.Single(ctl1["2024.1-caracal"]!["cinder"]!.AsObject());

        // The controller's own entry wins over the global ones, for that service only.
        Assert.Equal("chroot", ctl2["zed"]!["nova"]!["type"]!.GetValue<string>());
        Assert.Equal("/srv/toolboxes/bookworm", ctl2["zed"]!["nova"]!["path"]!.GetValue<string>());
        Assert.Equal("venv", ctl2["zed"]!["neutron"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void I_can_choose_the_controller_of_a_service()
    {
        var yaml = TwoControllers + "migration_hosts: {keystone: ctl2}\n";
        var list = Inv.List(Inv.FromYaml(yaml));

        Assert.Equal("ctl2", Inv.OnlyHost(list, "keystone"));
        Assert.Equal(["keystone", "placement", "nova", "neutron"], Inv.Vars(list, "ctl2")["leapfrog_services"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Theory]
    [InlineData("releases: [Zed, 2023.1, antelope, 2024.1-caracal]", new[] { "zed", "2023.1-antelope", "2024.1-caracal" })]
    [InlineData("releases: {from: 2024.2, to: epoxy}", new[] { "2024.2-dalmatian", "2025.1-epoxy" })]
    public void Release_names_are_accepted_in_any_spelling(string releases, string[] expected)
    {
        var yaml = $"controllers: [{{name: c, address: 10.0.0.1, services: [nova]}}]\n{releases}\n";
        var toolboxes = Inv.Vars(Inv.List(Inv.FromYaml(yaml)), "c")["leapfrog_toolboxes"]!.AsObject();
        Assert.Equal(expected, toolboxes.Select(kv => kv.Key));
    }
}
