using Leapfrog.Core.Catalog;

namespace Leapfrog.Core.Tests;

/// <summary>Which services of a hop may run at once, and which tools each release has, read from the catalog.</summary>
public class OrderingAndToolsTests
{
    private static readonly ServiceCatalog Catalog = ServiceCatalog.Default;

    [Fact]
    public void Nova_runs_in_a_wave_after_placement_and_the_others_run_together()
    {
        var waves = Catalog.Waves(Catalog.Services.Where(s => s.Name is "nova" or "placement" or "keystone" or "glance"));

        Assert.Equal([["keystone", "glance", "placement"], ["nova"]], waves.Select(w => w.Select(s => s.Name).ToList()).ToList());
    }

    [Fact]
    public void Without_placement_in_the_hop_nova_waits_for_nobody()
    {
        var waves = Catalog.Waves(Catalog.Services.Where(s => s.Name is "nova" or "cinder"));

        Assert.Equal([["cinder", "nova"]], waves.Select(w => w.Select(s => s.Name).ToList()).ToList());
    }

    [Fact]
    public void A_catalog_file_whose_after_lists_form_a_cycle_is_refused_naming_the_services()
    {
        var ex = Assert.Throws<InvalidRequestException>(() => Catalog.WithOverlay(
            "services:\n  placement:\n    after: [nova]\n", "loop.yml"));

        Assert.StartsWith("loop.yml: services:", ex.Message);
        Assert.Contains("cycle among placement, nova", ex.Message);
    }

    [Fact]
    public void A_catalog_file_can_order_a_service_after_another()
    {
        var catalog = Catalog.WithOverlay("services:\n  cinder:\n    after: [keystone]\n", "order.yml");

        var waves = catalog.Waves(catalog.Services.Where(s => s.Name is "keystone" or "cinder" or "glance"));

        Assert.Equal([["keystone", "glance"], ["cinder"]], waves.Select(w => w.Select(s => s.Name).ToList()).ToList());
    }

    [Theory]
    [InlineData("neutron", "zed", "neutron-db-manage", "neutron-status")]
    [InlineData("keystone", "2025.1", "keystone-manage", "keystone-status")]
    [InlineData("placement", "stein", "placement-manage", "placement-status")]
    [InlineData("cinder", "rocky", "cinder-manage", null)] // cinder-status came with stein
    [InlineData("nova", "2023.1", "nova-manage", null)]    // nova-status needs the placement API: not a verify step
    public void Each_release_names_its_manage_and_status_tools(string service, string release, string manage, string? status)
    {
        var tools = Catalog.ToolsFor(Catalog.Find(service), Catalog.Releases.Find(release, "release"));

        Assert.Equal(manage, tools.Manage);
        Assert.Equal(status, tools.Status);
        Assert.Equal(status is null ? null : "upgrade", tools.StatusCheck?.Argv[^2]);
    }

    [Fact]
    public void Neutrons_version_command_is_pythons_not_a_manage_tool_flag()
    {
        var tools = Catalog.ToolsFor(Catalog.Find("neutron"), Catalog.Releases.Find("zed", "release"));

        Assert.Equal("python3", tools.VersionArgv[0]);
        Assert.Contains("neutron.version", tools.VersionArgv[^1]);
    }

    [Fact]
    public void A_service_has_no_tools_before_it_exists()
    {
        var tools = Catalog.ToolsFor(Catalog.Find("placement"), Catalog.Releases.Find("rocky", "release"));

        Assert.Null(tools.Manage);
        Assert.Null(tools.Status);
        Assert.Empty(tools.VersionArgv);
    }
}
