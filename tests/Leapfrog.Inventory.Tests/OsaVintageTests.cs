using Leapfrog.Core.Catalog;
using Leapfrog.Core.Releases;
using Leapfrog.Inventory.Tests.Support;

namespace Leapfrog.Inventory.Tests;

/// <summary>OpenStack-Ansible inventories of three vintages, three infra hosts each.</summary>
public class OsaVintageTests
{
    private static readonly string[] Services = ["keystone", "glance", "cinder", "placement", "nova", "neutron", "heat"];

    [Theory]
    [InlineData(Paths.OldVintage, "infra1_keystone_container-", "container_address")]
    [InlineData(Paths.MidVintage, "infra1_keystone_container-", "management_address")]
    [InlineData(Paths.NewVintage, "infra1-keystone-container-", "management_address")]
    public void I_get_one_migration_host_per_service_from_every_vintage(string fixture, string keystonePrefix, string addressKey)
    {
        var osa = Fixture.Load(Paths.Osa(fixture));
        var list = Inv.List(Inv.FromOsa(Paths.Osa(fixture)));

        foreach (var service in Services)
        {
            var host = Inv.OnlyHost(list, service);
            var vars = Inv.Vars(list, host);
            Assert.Equal("infra1", vars["physical_host"]!.GetValue<string>());
            Assert.Equal(osa.HostVar(host, addressKey), vars["ansible_host"]!.GetValue<string>());
            Assert.Equal([service], vars["leapfrog_services"]!.AsArray().Select(n => n!.GetValue<string>()));
        }

        Assert.StartsWith(keystonePrefix, Inv.OnlyHost(list, "keystone"));
        Assert.Equal(
            Services.Select(s => "leapfrog_" + s),
            list["leapfrog_migration_hosts"]!["children"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Theory]
    [InlineData(Paths.OldVintage)]
    [InlineData(Paths.NewVintage)]
    public void The_migration_host_runs_in_the_service_API_group_never_on_a_compute_host(string fixture)
    {
        var osa = Fixture.Load(Paths.Osa(fixture));
        var list = Inv.List(Inv.FromOsa(Paths.Osa(fixture)));

        Assert.Contains(Inv.OnlyHost(list, "nova"), osa.GroupHosts("nova_conductor"));
        Assert.Contains(Inv.OnlyHost(list, "cinder"), osa.GroupHosts("cinder_api"));
        Assert.Contains(Inv.OnlyHost(list, "neutron"), osa.GroupHosts("neutron_server"));
        Assert.DoesNotContain(list["_meta"]!["hostvars"]!.AsObject(), kv => kv.Key.StartsWith("compute", StringComparison.Ordinal));
    }

    [Fact]
    public void Toolboxes_default_to_the_OSA_venv_of_each_release_keyed_by_release_id()
    {
        var list = Inv.List(Inv.FromOsa(Paths.Osa(Paths.NewVintage)));
        var keystone = Inv.Vars(list, Inv.OnlyHost(list, "keystone"))["leapfrog_toolboxes"]!.AsObject();

        Assert.Equal("venv", keystone["zed"]!["keystone"]!["type"]!.GetValue<string>());
        Assert.Equal("/openstack/venvs/keystone-26.*", keystone["zed"]!["keystone"]!["path"]!.GetValue<string>());
        Assert.True(keystone.ContainsKey("2023.1-antelope"));
        Assert.False(keystone.ContainsKey("antelope"));

        var definition = ServiceCatalog.Default.Find("keystone");
        var expected = ReleaseCatalog.Default.All.Where(r => ServiceCatalog.VersionFor(definition, r) is not null && r.OsaSeries is not null).Select(r => r.Id);
        Assert.Equal(expected, keystone.Select(kv => kv.Key));
        Assert.Equal("/openstack/venvs/keystone-31.*", keystone["2025.1-epoxy"]!["keystone"]!["path"]!.GetValue<string>());
        foreach (var (id, services) in keystone)
        {
            Assert.Matches(@"^/openstack/venvs/keystone-[0-9]{2}\.\*$", services!["keystone"]!["path"]!.GetValue<string>());
        }
    }

    [Fact]
    public void Services_on_metal_share_the_physical_host()
    {
        var list = Inv.List(Inv.FromOsa(Paths.Osa(Paths.Metal)));

        foreach (var service in Services.Where(s => s != "heat"))
        {
            Assert.Equal("infra1", Inv.OnlyHost(list, service));
        }

        Assert.False(list.ContainsKey("leapfrog_heat"));
        var vars = Inv.Vars(list, "infra1");
        Assert.Equal("172.29.236.11", vars["ansible_host"]!.GetValue<string>());
        Assert.Equal(["keystone", "glance", "cinder", "placement", "nova", "neutron"], vars["leapfrog_services"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(6, vars["leapfrog_toolboxes"]!["zed"]!.AsObject().Count);
    }

    [Fact]
    public void The_first_host_is_chosen_in_natural_order_whatever_the_file_order()
    {
        using var dir = new TempDir();
        var file = OsaGenerator.Write(dir.Path, "mid", 12, 0);

        var list = Inv.List(Inv.FromOsa(file));

        // Ordinal order would pick infra10_ ('0' sorts before '_'); natural order picks infra1.
        Assert.StartsWith("infra1_keystone_container-", Inv.OnlyHost(list, "keystone"));
        Assert.Equal(Inv.OnlyHost(list, "nova"), Inv.OnlyHost(Inv.List(Inv.FromOsa(file)), "nova"));
    }
}
