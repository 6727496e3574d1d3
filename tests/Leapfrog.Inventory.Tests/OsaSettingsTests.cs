using Leapfrog.Inventory.Tests.Support;

namespace Leapfrog.Inventory.Tests;

/// <summary>The <c>osa:</c> section and the choices an operator can override.</summary>
public class OsaSettingsTests
{
    [Fact]
    public void I_can_connect_to_the_physical_host_choose_the_host_and_limit_services_and_releases()
    {
        var config = Leapfrog.Inventory.Config.ConfigReader.Read(Paths.Plain("osa-with-settings.yml"));
        var list = Inv.List(InventoryBuilder.Build(config));

        Assert.Equal(["leapfrog_keystone", "leapfrog_cinder", "leapfrog_nova"], list["leapfrog_migration_hosts"]!["children"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("infra2_keystone_container-fe3f844e", Inv.OnlyHost(list, "keystone"));
        var keystone = Inv.Vars(list, "infra2_keystone_container-fe3f844e");
        Assert.Equal("172.29.236.12", keystone["ansible_host"]!.GetValue<string>());
        Assert.Equal("infra2", keystone["physical_host"]!.GetValue<string>());
        Assert.Equal("/root/.ssh/id_leapfrog", keystone["ansible_ssh_private_key_file"]!.GetValue<string>());
        Assert.Equal(["zed", "2023.1-antelope", "2024.1-caracal", "2025.1-epoxy"], keystone["leapfrog_toolboxes"]!.AsObject().Select(kv => kv.Key));

        var osa = Fixture.Load(Paths.Osa(Paths.MidVintage));
        Assert.Contains(Inv.OnlyHost(list, "nova"), osa.GroupHosts("nova_api_os_compute"));
        Assert.False(list.ContainsKey("leapfrog_glance"));
    }

    [Fact]
    public void A_chosen_host_outside_the_service_group_is_refused()
    {
        var e = Inv.Fails($"osa: {{inventory: osa/{Paths.NewVintage}}}\nmigration_hosts: {{nova: infra2-keystone-container-0000}}\n");
        Assert.Contains("migration_hosts.nova", e.Message);
        Assert.Contains("is not a host of OSA group nova_conductor", e.Message);
    }

    [Fact]
    public void A_service_asked_for_with_an_empty_group_is_an_error()
    {
        var e = Inv.Fails($"osa: {{inventory: osa/{Paths.Metal}}}\nservices: [keystone, heat]\n");
        Assert.Contains("service heat: OSA group heat_api / heat_all has no hosts", e.Message);
    }

    [Fact]
    public void A_group_override_naming_a_missing_group_is_an_error()
    {
        var e = Inv.Fails($"osa: {{inventory: osa/{Paths.NewVintage}, groups: {{nova: nova_api}}}}\n");
        Assert.Contains("service nova: OSA group nova_api is missing", e.Message);
    }

    [Fact]
    public void An_inventory_where_no_service_group_has_hosts_is_an_error()
    {
        using var dir = new TempDir();
        var file = dir.File("inv.json", """{"_meta": {"hostvars": {"infra1": {"ansible_host": "10.0.0.1"}}}, "galera": {"hosts": ["infra1"]}}""");
        var e = Assert.Throws<InventoryException>(() => Inv.FromOsa(file));
        Assert.Contains("no service's OSA group has hosts", e.Message);
    }

    [Fact]
    public void Addresses_follow_the_vintage_management_address_then_container_address_then_ansible_host()
    {
        using var dir = new TempDir();
        var file = dir.File("inv.json", """
            {"_meta": {"hostvars": {
              "a_keystone_container-1": {"ansible_host": "10.0.0.1", "container_address": "10.0.0.2", "physical_host": "a"},
              "a_glance_container-1": {"ansible_host": "10.0.0.1", "container_address": "10.0.0.2", "management_address": "10.0.0.3", "physical_host": "a"},
              "a_cinder_api_container-1": {"ansible_host": "10.0.0.4", "physical_host": "a"},
              "a": {"ansible_host": "10.9.9.9"}}},
             "keystone_all": {"children": ["keystone"]}, "keystone": {"hosts": ["a_keystone_container-1"]},
             "glance_api": ["a_glance_container-1"],
             "cinder_api": {"hosts": ["a_cinder_api_container-1"]}}
            """);
        var list = Inv.List(Inv.FromOsa(file));

        Assert.Equal("10.0.0.2", Inv.Vars(list, "a_keystone_container-1")["ansible_host"]!.GetValue<string>());
        Assert.Equal("10.0.0.3", Inv.Vars(list, "a_glance_container-1")["ansible_host"]!.GetValue<string>());
        Assert.Equal("10.0.0.4", Inv.Vars(list, "a_cinder_api_container-1")["ansible_host"]!.GetValue<string>());

        var physical = Inv.List(Inv.FromYaml($"osa: {{inventory: {file}, connect: physical_host}}\n"));
        Assert.Equal("10.9.9.9", Inv.Vars(physical, "a_glance_container-1")["ansible_host"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("missing.json", "no such OpenStack-Ansible inventory file")]
    [InlineData("bad.json", "not valid JSON (line 2")]
    [InlineData("list.json", "not an OpenStack-Ansible inventory (no _meta.hostvars object)")]
    [InlineData("nometa.json", "not an OpenStack-Ansible inventory (no _meta.hostvars object)")]
    public void A_missing_or_malformed_inventory_file_is_named_in_the_error(string name, string expected)
    {
        using var dir = new TempDir();
        dir.File("bad.json", "{\"_meta\": {\n  \"hostvars\": {,}}}");
        dir.File("list.json", "[1, 2]");
        dir.File("nometa.json", """{"keystone": {"hosts": ["a"]}}""");
        var path = Path.Combine(dir.Path, name);

        var e = Assert.Throws<InventoryException>(() => Inv.FromOsa(path));
        Assert.StartsWith(path + ": ", e.Message);
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_group_member_without_hostvars_is_an_error()
    {
        using var dir = new TempDir();
        var file = dir.File("inv.json", """{"_meta": {"hostvars": {}}, "keystone": {"hosts": ["ghost"]}}""");
        var e = Assert.Throws<InventoryException>(() => Inv.FromOsa(file));
        Assert.Contains("host ghost is in a group but has no entry in _meta.hostvars", e.Message);
    }
}
