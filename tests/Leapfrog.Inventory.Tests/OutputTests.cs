using System.Text.Json.Nodes;
using Leapfrog.Inventory.Output;
using Leapfrog.Inventory.Tests.Support;

namespace Leapfrog.Inventory.Tests;

/// <summary>The JSON Ansible reads: stable, complete, the same vars for --list and --host.</summary>
public class OutputTests
{
    [Fact]
    public void Two_builds_print_the_same_bytes()
    {
        var first = InventoryWriter.List(Inv.FromOsa(Paths.Osa(Paths.NewVintage)));
        var second = InventoryWriter.List(Inv.FromOsa(Paths.Osa(Paths.NewVintage)));
        Assert.Equal(first, second);
    }

    [Fact]
    public void Host_answers_the_same_vars_as_meta_hostvars()
    {
        var model = Inv.FromYaml(File.ReadAllText(Paths.Plain("two-controllers.yml")));
        var list = Inv.List(model);
        foreach (var host in model.Hosts)
        {
            var vars = JsonNode.Parse(InventoryWriter.Host(model, host.Host.Name)!)!;
            Assert.True(JsonNode.DeepEquals(Inv.Vars(list, host.Host.Name), vars));
        }

        Assert.Null(InventoryWriter.Host(model, "nobody"));
    }

    [Fact]
    public void The_list_has_the_parent_group_the_service_groups_and_meta_and_nothing_else()
    {
        var list = Inv.List(Inv.FromOsa(Paths.Osa(Paths.OldVintage)));

        Assert.Equal(
            ["leapfrog_migration_hosts", "leapfrog_keystone", "leapfrog_glance", "leapfrog_cinder", "leapfrog_placement", "leapfrog_nova", "leapfrog_neutron", "leapfrog_heat", "_meta"],
            list.Select(kv => kv.Key));
        var hostvars = list["_meta"]!["hostvars"]!.AsObject();
        Assert.Equal(7, hostvars.Count);
        Assert.Equal(hostvars.Select(kv => kv.Key).Order(NaturalOrder.Instance), hostvars.Select(kv => kv.Key));
        Assert.Equal(
            ["ansible_host", "ansible_port", "ansible_user", "physical_host", "leapfrog_services", "leapfrog_toolboxes"],
            hostvars.First().Value!.AsObject().Select(kv => kv.Key));
    }

    [Fact]
    public void The_output_ends_with_one_newline_and_is_one_line()
    {
        var bytes = InventoryWriter.List(Inv.FromOsa(Paths.Osa(Paths.MidVintage)));
        Assert.Equal((byte)'\n', bytes[^1]);
        Assert.Equal(1, bytes.Count(b => b == (byte)'\n'));
    }
}
