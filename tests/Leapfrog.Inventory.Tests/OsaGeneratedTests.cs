using Leapfrog.Inventory.Tests.Support;

namespace Leapfrog.Inventory.Tests;

/// <summary>An inventory made by OpenStack-Ansible's own generator, and the venvs OSA builds for each release.</summary>
public class OsaGeneratedTests
{
    // OSA's venv tag is its own version: 26.x for zed, 31.x for 2025.1 (openstack/openstack-ansible's tags on
    // unmaintained/zed and stable/2025.1; see tests/fixtures/inventory/osa-generated/README.md). Written out here,
    // not read from the catalog the product uses.
    private static readonly (string Release, string Series)[] OsaSeries =
    [
        ("victoria", "22"), ("wallaby", "23"), ("xena", "24"), ("yoga", "25"), ("zed", "26"), ("2023.1-antelope", "27"),
        ("2023.2-bobcat", "28"), ("2024.1-caracal", "29"), ("2024.2-dalmatian", "30"), ("2025.1-epoxy", "31"),
    ];

    private static readonly (string Service, string Group)[] Groups =
    [
        ("keystone", "keystone"), ("glance", "glance_api"), ("cinder", "cinder_api"), ("placement", "placement_api"),
        ("nova", "nova_conductor"), ("neutron", "neutron_server"), ("heat", "heat_api"),
    ];

    [Fact]
    public void I_get_each_service_on_its_api_container_from_an_inventory_osa_generated()
    {
        var osa = Fixture.Load(Paths.Generated);
        var list = Inv.List(Inv.FromOsa(Paths.Generated));

        foreach (var (service, group) in Groups)
        {
            var host = Inv.OnlyHost(list, service);
            Assert.Contains(host, osa.GroupHosts(group));
            Assert.Equal(osa.HostVar(host, "management_address"), Inv.Vars(list, host)["ansible_host"]!.GetValue<string>());
        }
    }

    [Fact]
    public void Each_release_toolbox_is_the_venv_pattern_of_that_releases_osa_series_not_the_service_version()
    {
        var list = Inv.List(Inv.FromOsa(Paths.Generated));

        foreach (var (service, _) in Groups)
        {
            var toolboxes = Inv.Vars(list, Inv.OnlyHost(list, service))["leapfrog_toolboxes"]!.AsObject();
            foreach (var (release, series) in OsaSeries)
            {
                var box = toolboxes[release]![service]!.AsObject();
                Assert.Equal("venv", box["type"]!.GetValue<string>());
                Assert.Equal($"/openstack/venvs/{service}-{series}.*", box["path"]!.GetValue<string>());
            }
        }

        var cinder = Inv.Vars(list, Inv.OnlyHost(list, "cinder"))["leapfrog_toolboxes"]!;
        Assert.Equal("/openstack/venvs/cinder-26.*", cinder["zed"]!["cinder"]!["path"]!.GetValue<string>()); // cinder zed is 21.x
    }

    [Fact]
    public void A_release_osa_never_made_gets_no_default_toolbox()
    {
        // 2026.2 (hibiscus) has service versions in the catalog but no OpenStack-Ansible release yet.
        var list = Inv.List(Inv.FromOsa(Paths.Generated));
        var keystone = Inv.Vars(list, Inv.OnlyHost(list, "keystone"))["leapfrog_toolboxes"]!.AsObject();

        Assert.False(keystone.ContainsKey("2026.2-hibiscus"));
        Assert.Equal("/openstack/venvs/keystone-33.*", keystone["2026.1-gazpacho"]!["keystone"]!["path"]!.GetValue<string>());
    }

    [Fact]
    public void A_configured_toolbox_still_wins_over_the_osa_venv()
    {
        var yaml = $"osa: {{inventory: {Paths.Generated}}}\ntoolboxes: {{zed: {{type: venv, path: \"/opt/{{service}}-zed\"}}}}\n";
        var list = Inv.List(Inv.FromYaml(yaml));
        var toolboxes = Inv.Vars(list, Inv.OnlyHost(list, "cinder"))["leapfrog_toolboxes"]!;

        Assert.Equal("/opt/cinder-zed", toolboxes["zed"]!["cinder"]!["path"]!.GetValue<string>());
        Assert.Equal("/openstack/venvs/cinder-27.*", toolboxes["2023.1-antelope"]!["cinder"]!["path"]!.GetValue<string>());
    }
}
