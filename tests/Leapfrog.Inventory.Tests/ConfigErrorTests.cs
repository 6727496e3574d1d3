using Leapfrog.Inventory.Tests.Support;

namespace Leapfrog.Inventory.Tests;

/// <summary>Every bad configuration gives one line naming the file, the line, the key and the problem.</summary>
public class ConfigErrorTests
{
    private const string Ctl = "controllers: [{name: c, address: 10.0.0.1, services: [keystone]}]\n";

    [Theory]
    [InlineData("controllers: [{name: c, address: 10.0.0.1, services: [keystone, swift]}]", "test.cfg line 1: controllers[0].services[1]: 'swift' is not a known service; known: keystone, glance, cinder, placement, nova, neutron, heat")]
    [InlineData(Ctl + "services: [nova, sahara]", "line 2: services[1]: 'sahara' is not a known service")]
    [InlineData(Ctl + "releases: [zed, tokyo]", "line 2: releases[1]: 'tokyo' is not a known OpenStack release; known: newton")]
    [InlineData(Ctl + "releases: {from: epoxy, to: zed}", "releases: from 2025.1-epoxy comes after to zed")]
    [InlineData(Ctl + "colour: blue", "line 2: : unknown key 'colour'; known: osa, controllers")]
    [InlineData("controllers: [{name: c, address: 10.0.0.1, services: [keystone], port: 70000}]", "controllers[0].port: '70000' is not a whole number from 1 to 65535")]
    [InlineData("controllers: [{name: c, services: [keystone]}]", "controllers[0]: address is missing")]
    [InlineData("controllers: [{name: c, address: a, services: []}]", "controllers[0].services: the list of services is empty")]
    [InlineData("controllers: [{name: c, address: a, services: [nova]}, {name: c, address: b, services: [nova]}]", "controller name 'c' is used twice")]
    [InlineData("controllers: []", "controllers: the list of controllers is empty")]
    [InlineData(Ctl + "osa: {}", "give either osa or controllers, not both")]
    [InlineData(Ctl + "toolboxes: {zed: {type: lxc}}", "toolboxes.zed.type: 'lxc' is not a toolbox type")]
    [InlineData(Ctl + "toolboxes: {zed: {type: venv}}", "toolboxes.zed: a venv toolbox needs a path")]
    [InlineData(Ctl + "toolboxes: {zed: {type: venv, path: /a, image: b}}", "toolboxes.zed.image: does not apply to a venv toolbox")]
    [InlineData(Ctl + "toolboxes: {zed: {type: container, image: x, engine: rkt}}", "'rkt' is not a container engine")]
    [InlineData(Ctl + "toolboxes: {zed: {type: venv, path: '/v/{host}'}}", "toolboxes.zed: unknown placeholder {host}")]
    [InlineData(Ctl + "toolboxes: {zed: {services: {nova: {path: /a}}}}", "toolboxes.zed.services.nova: type is missing")]
    [InlineData(Ctl + "toolboxes: {zed: {type: system}, Zed: {type: system}}", "release zed is given twice")]
    [InlineData(Ctl + "migration_hosts: {keystone: other}", "migration_hosts.keystone: 'other' is not a controller listing keystone (c)")]
    [InlineData(Ctl + "services: [keystone]\nmigration_hosts: {glance: c}", "migration_hosts.glance: glance is not in services")]
    [InlineData(Ctl + "services: [keystone, heat]", "service heat: no controller lists it, so its group would be empty")]
    [InlineData(Ctl + "osa: {connect: lxc-attach}", "osa.connect: 'lxc-attach' is not known")]
    public void A_bad_configuration_names_what_is_wrong(string yaml, string expected)
    {
        var e = Inv.Fails(yaml);
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData("controllers: [{name: c", "test.cfg line 2: not valid YAML")]
    [InlineData("a: 1\n  b: 2\n", "test.cfg line 2: not valid YAML")]
    [InlineData("a: 1\na: 2\n", "not valid YAML")]
    [InlineData("", "test.cfg: the configuration is empty")]
    [InlineData("# only a comment\n", "test.cfg: the configuration is empty")]
    [InlineData("- 1\n- 2\n", "expected a mapping, found a list")]
    [InlineData("a: 1\n---\nb: 2\n", "holds 2 YAML documents")]
    public void Text_that_is_not_a_YAML_mapping_is_refused(string yaml, string expected)
    {
        var e = Inv.Fails(yaml);
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Aliases_that_expand_to_a_huge_tree_are_refused_before_they_are_expanded()
    {
        // Ten levels of ten aliases each: 10^10 nodes when read, 11 lines of text.
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
        for (var i = 1; i < 10; i++)
        {
            yaml += $"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n";
        }

        var e = Inv.Fails(yaml);
        Assert.Equal("test.cfg: the configuration expands to more than 100000 YAML nodes (aliases?)", e.Message);
    }

    [Fact]
    public void A_missing_configuration_file_is_named()
    {
        var e = Assert.Throws<InventoryException>(() => Leapfrog.Inventory.Config.ConfigReader.Read("/nonexistent/leapfrog.cfg"));
        Assert.Equal("/nonexistent/leapfrog.cfg: cannot read the configuration (no such file)", e.Message);
    }

    [Fact]
    public void An_osa_inventory_path_is_taken_relative_to_the_configuration_file()
    {
        var e = Inv.Fails("osa: {inventory: nowhere.json}\n", "/srv/leapfrog");
        Assert.StartsWith("/srv/leapfrog/nowhere.json: no such OpenStack-Ansible inventory file", e.Message);
    }

    [Fact]
    public void Without_osa_or_controllers_the_OSA_default_inventory_is_read()
    {
        var e = Inv.Fails("defaults: {user: ubuntu}\n");
        Assert.StartsWith("/etc/openstack_deploy/openstack_inventory.json: ", e.Message);
    }
}
