using Leapfrog.Core.Catalog;
using Leapfrog.Core.Releases;

namespace Leapfrog.Core.Tests;

/// <summary>A user's catalog_file adds services and corrects a release's steps (JSON and YAML).</summary>
public class OverlayTests
{
    private const string NovaZedFix = """
        {
          // comments and trailing commas are accepted in JSON overlays
          "services": {
            "nova": {
              "steps": [
                { "name": "online_data_migrations", "kind": "data", "since": "zed", "until": "zed",
                  "argv": ["nova-manage", "--config-file", "{config_file}", "db", "online_data_migrations", "--max-count", "{batch}", "--local"],
                  "exit_codes": { "0": "ok", "1": "more", "3": "more" } },
              ],
            },
          },
        }
        """;

    private const string NovaZedFixYaml = """
        services:
          nova:
            steps:
              - name: online_data_migrations
                kind: data
                since: zed
                until: zed
                argv: [nova-manage, --config-file, "{config_file}", db, online_data_migrations, --max-count, "{batch}", --local]
                exit_codes: {0: ok, 1: more, 3: more}
        """;

    private const string Barbican = """
        services:
          barbican:
            databases: [barbican]
            config_file: /etc/barbican/barbican.conf
            since: 2023.1
            after: [keystone]
            versions: {2023.1: 16.0.0, caracal: 18.0.0}
            version_argv: [barbican-manage, --version]
            source: openstack/barbican barbican/cmd/barbican_manage.py
            steps:
              - name: upgrade
                kind: schema
                argv: [barbican-manage, db, upgrade]
                exit_codes: {0: ok}
        """;

    [Fact]
    public void A_catalog_file_can_say_where_a_distribution_keeps_a_services_migration_scripts()
    {
        var catalog = ServiceCatalog.Default.WithOverlay("""
            services:
              cinder:
                schema:
                  - name: cinder
                    url: database.connection
                    layouts: [[vendor/cinder/db/migrations], [cinder/db/migrations]]
                    source: a vendor's package
            """, "vendor.yml");

        var cinder = Assert.Single(catalog.Find("cinder").Schema);

        Assert.Equal([["vendor/cinder/db/migrations"], ["cinder/db/migrations"]], cinder.Layouts);
        Assert.Equal("database.connection", cinder.Url);
        Assert.Equal(["nova_api", "nova"], ServiceCatalog.Default.Find("nova").Schema.Select(d => d.Name));
        Assert.Equal("nova_api", ServiceCatalog.Default.Find("nova").Schema[1].CellsFrom);
    }

    [Theory]
    [InlineData(NovaZedFix, "fix.json")]
    [InlineData(NovaZedFixYaml, "fix.yml")]
    public void A_step_can_be_corrected_for_one_release_only(string text, string origin)
    {
        var catalog = ServiceCatalog.Default.WithOverlay(text, origin);
        var nova = catalog.Find("nova");

        var zed = Data(catalog, nova, "zed");
        Assert.Equal("--local", zed.Argv[^1]);
        Assert.Equal(ExitMeaning.More, zed.Meaning(3));
        Assert.Equal(ExitMeaning.Error, zed.Meaning(2));

        foreach (var other in new[] { "yoga", "2023.1", "2026.2" })
        {
            var step = Data(catalog, nova, other);
            Assert.Equal("{batch}", step.Argv[^1]);
            Assert.Equal(ExitMeaning.Error, step.Meaning(3));
            Assert.Equal(ExitMeaning.Error, step.Meaning(2));
        }

        Assert.Equal(ExitMeaning.More, Data(catalog, nova, "rocky").Meaning(1));
        Assert.Equal(["api_db_sync", "db_sync", "online_data_migrations"], Names(catalog, nova, "zed"));
    }

    [Fact]
    public void The_default_catalog_is_not_changed_by_an_overlay()
    {
        _ = ServiceCatalog.Default.WithOverlay(NovaZedFix, "fix.json");

        var nova = ServiceCatalog.Default.Find("nova");
        Assert.Equal("{batch}", Data(ServiceCatalog.Default, nova, "zed").Argv[^1]);
    }

    [Fact]
    public void A_new_service_can_be_added_from_yaml()
    {
        var catalog = ServiceCatalog.Default.WithOverlay(Barbican, "extra.yaml");

        var barbican = catalog.Find("Barbican");
        Assert.Equal("barbican", catalog.Services[^1].Name);
        Assert.Equal("/etc/barbican/barbican.conf", barbican.ConfigFile);
        Assert.Equal("antelope", barbican.Since);
        Assert.Equal("16.0.0", ServiceCatalog.VersionFor(barbican, ReleaseCatalog.Default.Find("antelope", "r")));
        Assert.Empty(catalog.StepsFor(barbican, ReleaseCatalog.Default.Find("zed", "r")));
        var step = Assert.Single(catalog.StepsFor(barbican, ReleaseCatalog.Default.Find("2025.1", "r")));
        Assert.Equal(StepKind.Schema, step.Kind);
        Assert.Equal(["barbican-manage", "db", "upgrade"], step.Argv);
        Assert.Equal(8, catalog.Services.Count);
    }

    [Fact]
    public void Fields_replace_versions_merge_and_new_steps_are_appended()
    {
        const string text = """
            services:
              nova:
                config_file: /etc/nova/nova-manage.conf
                versions: {2026.2: 34.1.0, zed: 26.0.1}
                steps:
                  - {name: status, kind: verify, since: 2025.1, argv: [nova-status, --config-file, "{config_file}", upgrade, check], exit_codes: {0: ok, 1: warning}}
            """;

        var catalog = ServiceCatalog.Default.WithOverlay(text, "mine.yaml");
        var nova = catalog.Find("nova");

        Assert.Equal("/etc/nova/nova-manage.conf", nova.ConfigFile);
        Assert.Equal("34.1.0", nova.Versions["hibiscus"]);
        Assert.Equal("26.0.1", nova.Versions["zed"]);
        Assert.Equal("22.0.0", nova.Versions["victoria"]);
        Assert.Equal(["api_db_sync", "db_sync", "online_data_migrations", "status"], Names(catalog, nova, "2025.1"));
        Assert.Equal(["api_db_sync", "db_sync", "online_data_migrations"], Names(catalog, nova, "2024.2"));
        Assert.Equal(["placement"], nova.After);
    }

    [Fact]
    public void An_overlay_step_with_a_wider_range_replaces_every_base_piece_it_covers()
    {
        const string text = """
            {"services": {"keystone": {"steps": [
              {"name": "check", "kind": "probe", "since": "yoga", "until": "2023.1",
               "argv": ["keystone-manage", "db_sync", "--check"], "exit_codes": {"0": "ok", "2": "pending"}}]}}}
            """;

        var catalog = ServiceCatalog.Default.WithOverlay(text, "k.json");
        var keystone = catalog.Find("keystone");

        Probe(catalog, keystone, "xena", step => Assert.Equal(ExitMeaning.Pending, step.Meaning(3)));
        Probe(catalog, keystone, "yoga", step => Assert.Equal(ExitMeaning.Error, step.Meaning(3)));
        Probe(catalog, keystone, "zed", step => Assert.Equal(ExitMeaning.Error, step.Meaning(4)));
        Probe(catalog, keystone, "2023.1", step => Assert.Equal(3, step.Argv.Count));
        Probe(catalog, keystone, "2023.2", step => Assert.Equal(ExitMeaning.Pending, step.Meaning(4)));
        Probe(catalog, keystone, "pike", step => Assert.Equal(ExitMeaning.Pending, step.Meaning(3)));
    }

    private static void Probe(ServiceCatalog catalog, ServiceDefinition service, string release, Action<StepDefinition> check) =>
        check(Assert.Single(catalog.StepsFor(service, ReleaseCatalog.Default.Find(release, "r"), StepKind.Probe)));

    private static StepDefinition Data(ServiceCatalog catalog, ServiceDefinition service, string release) =>
        Assert.Single(catalog.StepsFor(service, ReleaseCatalog.Default.Find(release, "r"), StepKind.Data));

    private static List<string> Names(ServiceCatalog catalog, ServiceDefinition service, string release) =>
        catalog.StepsFor(service, ReleaseCatalog.Default.Find(release, "r")).Select(s => s.Name).ToList();
}
