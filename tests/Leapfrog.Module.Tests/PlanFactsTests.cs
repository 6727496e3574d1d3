using System.Text.Json.Nodes;
using static Leapfrog.Module.Tests.PlanModuleTests;

namespace Leapfrog.Module.Tests;

/// <summary>The plan returns the catalog's facts, so that roles and scripts keep no copy of them.</summary>
public sealed class PlanFactsTests
{
    [Fact]
    public void The_plan_says_each_services_config_file_and_databases_with_novas_api_and_cell0()
    {
        var result = Plan(new JsonObject { ["from_release"] = "zed", ["to_release"] = "2023.1", ["services"] = "nova,glance" });

        var nova = result["catalog"]!["nova"]!;
        Assert.Equal("/etc/nova/nova.conf", nova["config_file"]!.GetValue<string>());
        Assert.Equal(["nova_api", "nova", "nova_cell0"], nova["databases"]!.AsArray().Select(d => d!["name"]!.GetValue<string>()));
        Assert.Equal("api_database.connection", nova["databases"]![0]!["connection"]!.GetValue<string>());
        Assert.Equal("database.connection", nova["databases"]![1]!["connection"]!.GetValue<string>());
        Assert.Equal("nova_api", nova["databases"]![1]!["cells_from"]!.GetValue<string>());
        Assert.Null(nova["databases"]![2]!["connection"]);
        // glance's tools read the API server's file, not a glance.conf.
        Assert.Equal("/etc/glance/glance-api.conf", result["catalog"]!["glance"]!["config_file"]!.GetValue<string>());
        Assert.Equal(["glance", "nova"], result["catalog"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void The_plan_says_per_release_on_the_path_the_version_each_toolbox_must_report_and_its_tools()
    {
        var result = Plan(new JsonObject { ["from_release"] = "victoria", ["to_release"] = "2023.1", ["services"] = "neutron,nova" });

        var releases = result["catalog"]!["neutron"]!["releases"]!.AsObject();
        Assert.Equal(Strings(result["releases"]), releases.Select(p => p.Key));
        // Upstream: neutron 17 is victoria, 22 is 2023.1 (antelope); nova 22 is victoria.
        Assert.Equal("17.0.0", releases["victoria"]!["version"]!.GetValue<string>());
        Assert.Equal("22", releases["2023.1-antelope"]!["version_major"]!.GetValue<string>());
        Assert.Equal("22", result["catalog"]!["nova"]!["releases"]!["victoria"]!["version_major"]!.GetValue<string>());
        Assert.Equal("neutron-db-manage", releases["zed"]!["manage_tool"]!.GetValue<string>());
        Assert.Equal("neutron-status", releases["zed"]!["status_tool"]!.GetValue<string>());
        Assert.Equal(["neutron-status", "--config-file", "{config_file}", "upgrade", "check"], Strings(releases["zed"]!["status_argv"]));
        Assert.Equal("python3", Strings(releases["zed"]!["version_argv"])[0]);
        var novaZed = result["catalog"]!["nova"]!["releases"]!["zed"]!;
        Assert.Equal(["nova-manage", "--version"], Strings(novaZed["version_argv"]));
        Assert.Null(novaZed["status_tool"]);
        Assert.True(novaZed["cells"]!.GetValue<bool>());
        Assert.False(releases["zed"]!["cells"]!.GetValue<bool>());
    }

    [Fact]
    public void A_release_before_a_service_exists_says_so_and_names_no_tools()
    {
        var result = Plan(new JsonObject { ["from_release"] = "rocky", ["to_release"] = "stein", ["services"] = "placement" });

        var placement = result["catalog"]!["placement"]!;
        Assert.Equal("stein", placement["since"]!.GetValue<string>());
        Assert.False(placement["releases"]!["rocky"]!["exists"]!.GetValue<bool>());
        Assert.Null(placement["releases"]!["rocky"]!["manage_tool"]);
        Assert.True(placement["releases"]!["stein"]!["exists"]!.GetValue<bool>());
        Assert.Equal("placement-manage", placement["releases"]!["stein"]!["manage_tool"]!.GetValue<string>());
    }

    [Fact]
    public void Each_hop_says_which_services_may_run_at_once_in_waves_by_the_catalogs_after()
    {
        var result = Plan(new JsonObject
        {
            ["from_release"] = "queens", ["to_release"] = "stein", ["services"] = "nova,placement,keystone,cinder",
        });

        Assert.Equal(["placement"], Strings(result["catalog"]!["nova"]!["after"]));
        // queens -> rocky: placement has no tools before stein, so nova waits for nobody; it starts first, its hop the longest
        // expected (5 migration steps, its 2 cell steps counted once; keystone's and cinder's 3 each, in catalog order).
        var first = result["hops"]![0]!;
        Assert.Equal([["nova", "keystone", "cinder"]], first["waves"]!.AsArray().Select(Strings));
        Assert.Equal(["nova", "keystone", "cinder"], Strings(first["services"]));
        var second = result["hops"]![1]!;
        Assert.Equal([["keystone", "cinder", "placement"], ["nova"]], second["waves"]!.AsArray().Select(Strings));
        Assert.Equal(["keystone", "cinder", "placement", "nova"], Strings(second["services"]));
    }

    [Fact]
    public void A_catalog_file_ordering_a_service_shows_in_the_waves()
    {
        var dir = Directory.CreateTempSubdirectory("lf-plan-");
        var catalog = Path.Combine(dir.FullName, "order.yml");
        File.WriteAllText(catalog, "services:\n  glance:\n    after: [cinder]\n");

        var result = Plan(new JsonObject
        {
            ["from_release"] = "zed", ["to_release"] = "2023.1", ["services"] = "glance,cinder,keystone", ["catalog_file"] = catalog,
        });
        dir.Delete(true);

        Assert.Equal([["keystone", "cinder"], ["glance"]], result["hops"]![0]!["waves"]!.AsArray().Select(Strings));
        Assert.Equal(["keystone", "cinder", "glance"], Strings(result["hops"]![0]!["services"]));
    }

    [Fact]
    public void The_catalog_query_describes_one_release_alone_in_the_spelling_given_without_planning()
    {
        var result = Plan(new JsonObject { ["query"] = "catalog", ["releases"] = "2025.1,zed,epoxy", ["services"] = "neutron,nova" });

        // In the order given, canonical: a role zips them with its own spellings.
        Assert.Equal(["2025.1-epoxy", "zed", "2025.1-epoxy"], Strings(result["releases"]));
        Assert.Null(result["hops"]);
        var neutron = result["catalog"]!["neutron"]!["releases"]!.AsObject();
        Assert.Equal(["2025.1-epoxy", "zed"], neutron.Select(p => p.Key));
        // Upstream: neutron 26 is 2025.1 (epoxy); its version is read from the library, not from neutron-db-manage.
        Assert.Equal("26", neutron["2025.1-epoxy"]!["version_major"]!.GetValue<string>());
        Assert.Equal("python3", Strings(neutron["zed"]!["version_argv"])[0]);
        Assert.Equal("nova-manage", result["catalog"]!["nova"]!["releases"]!["zed"]!["manage_tool"]!.GetValue<string>());
        Assert.False(result["changed"]!.GetValue<bool>());
    }
}
