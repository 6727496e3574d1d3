using Leapfrog.Core.Toolboxes;
using Leapfrog.Core.Catalog;
using Leapfrog.Core.Releases;
using Leapfrog.Inventory.Config;
using Leapfrog.Inventory.Tests.Support;

namespace Leapfrog.Inventory.Tests;

/// <summary>Which toolbox a service gets in a release, and when a release is left out.</summary>
public class ToolboxResolverTests
{
    private static readonly ServiceDefinition Keystone = new()
    {
        Name = "keystone",
        Databases = ["keystone"],
        ConfigFile = "/etc/keystone/keystone.conf",
        Since = "newton",
        Versions = new Dictionary<string, string> { ["zed"] = "22.0.0" },
        Steps = [],
    };

    private static readonly Release Zed = ReleaseCatalog.Default.Find("zed", "test");
    private static readonly Release Yoga = ReleaseCatalog.Default.Find("yoga", "test");

    private static InventoryConfig Config(string yaml) =>
        ConfigReader.Parse("controllers: [{name: c, address: a, services: [keystone]}]\n" + yaml, "test.cfg", Paths.Fixtures);

    [Fact]
    public void The_OSA_venv_of_the_releases_OSA_series_is_the_default()
    {
        // OSA names the venv after its own version (26.x for zed), not keystone's (22.0.0); the hop picks the point release.
        var spec = ToolboxResolver.One(Config(""), ToolboxTable.Empty, Keystone, Zed, exists: true);
        Assert.Equal((ToolboxType.Venv, "/openstack/venvs/keystone-26.*"), (spec!.Type, spec.Path));
    }

    [Fact]
    public void A_release_without_a_catalog_version_is_left_out_by_default()
    {
        Assert.Null(ToolboxResolver.One(Config(""), ToolboxTable.Empty, Keystone, Yoga, exists: true));
        Assert.Null(ToolboxResolver.One(Config("toolboxes: {all: {type: system}}\n"), ToolboxTable.Empty, Keystone, Yoga, exists: true));
    }

    [Fact]
    public void A_listed_release_without_a_version_is_kept_only_when_its_toolbox_needs_no_version()
    {
        Assert.Null(ToolboxResolver.One(Config("releases: [yoga, zed]\ntoolboxes: {all: {type: venv, path: '/opt/{service}-{version}'}}\n"), ToolboxTable.Empty, Keystone, Yoga, exists: true));
        Assert.Equal("/openstack/venvs/keystone-25.*", ToolboxResolver.One(Config("releases: [yoga, zed]\n"), ToolboxTable.Empty, Keystone, Yoga, exists: true)!.Path);
        var spec = ToolboxResolver.One(Config("releases: [yoga, zed]\ntoolboxes: {yoga: {type: venv, path: '/opt/{service}-yoga'}}\n"), ToolboxTable.Empty, Keystone, Yoga, exists: true);
        Assert.Equal("/opt/keystone-yoga", spec!.Path);
    }

    [Fact]
    public void A_release_before_the_service_existed_is_left_out()
    {
        Assert.Null(ToolboxResolver.One(Config("releases: [zed]\ntoolboxes: {all: {type: system}}\n"), ToolboxTable.Empty, Keystone, Zed, exists: false));
    }

    [Fact]
    public void Lookup_order_is_release_service_then_release_then_all_service_then_all()
    {
        var config = Config("""
            toolboxes:
              all: {type: venv, path: /all, services: {keystone: {type: venv, path: /all-keystone}}}
              zed: {type: venv, path: /zed, services: {keystone: {type: venv, path: /zed-keystone}}}
            """);
        Assert.Equal("/zed-keystone", ToolboxResolver.One(config, ToolboxTable.Empty, Keystone, Zed, true)!.Path);

        var host = ConfigReader.Parse("controllers: [{name: c, address: a, services: [keystone], toolboxes: {all: {type: system}}}]\n", "t", "/").Controllers[0].Toolboxes;
        Assert.Equal(ToolboxType.System, ToolboxResolver.One(config, host, Keystone, Zed, true)!.Type);

        var releaseOnly = Config("toolboxes: {all: {services: {keystone: {type: venv, path: /all-keystone}}}, zed: {type: venv, path: /zed}}\n");
        Assert.Equal("/zed", ToolboxResolver.One(releaseOnly, ToolboxTable.Empty, Keystone, Zed, true)!.Path);

        var allService = Config("toolboxes: {all: {type: venv, path: /all, services: {keystone: {type: venv, path: /all-keystone}}}}\n");
        Assert.Equal("/all-keystone", ToolboxResolver.One(allService, ToolboxTable.Empty, Keystone, Zed, true)!.Path);
    }
}
