using Leapfrog.Core.Catalog;
using Leapfrog.Core.Releases;

namespace Leapfrog.Core.Tests;

/// <summary>Exit codes whose meaning changes between releases.</summary>
public class ExitMeaningTests
{
    [Theory]
    // nova online_data_migrations: rc 2 (errors, no progress) exists from stein; before, an unknown code is an error anyway.
    [InlineData("nova", "data", "online_data_migrations", "rocky", 1, ExitMeaning.More)]
    [InlineData("nova", "data", "online_data_migrations", "rocky", 2, ExitMeaning.Error)]
    [InlineData("nova", "data", "online_data_migrations", "stein", 0, ExitMeaning.Ok)]
    [InlineData("nova", "data", "online_data_migrations", "stein", 1, ExitMeaning.More)]
    [InlineData("nova", "data", "online_data_migrations", "stein", 2, ExitMeaning.Error)]
    [InlineData("nova", "data", "online_data_migrations", "2025.1", 127, ExitMeaning.Error)]
    // keystone db_sync --check: 3 "migrate needed" only until yoga; 1 "out of sync" is an error.
    [InlineData("keystone", "probe", "check", "yoga", 3, ExitMeaning.Pending)]
    [InlineData("keystone", "probe", "check", "zed", 3, ExitMeaning.Error)]
    [InlineData("keystone", "probe", "check", "zed", 2, ExitMeaning.Pending)]
    [InlineData("keystone", "probe", "check", "2023.1", 4, ExitMeaning.Pending)]
    [InlineData("keystone", "probe", "check", "pike", 1, ExitMeaning.Error)]
    [InlineData("keystone", "verify", "check", "zed", 2, ExitMeaning.Error)]
    [InlineData("keystone", "verify", "check", "zed", 0, ExitMeaning.Ok)]
    // glance db check: 3/4/5 = expand/migrate/contract needed as a probe, failures as a green light.
    [InlineData("glance", "probe", "check", "queens", 5, ExitMeaning.Pending)]
    [InlineData("glance", "probe", "check", "queens", 1, ExitMeaning.Error)]
    [InlineData("glance", "verify", "check", "epoxy", 3, ExitMeaning.Error)]
    // cinder online_data_migrations.
    [InlineData("cinder", "data", "online_data_migrations", "ocata", 1, ExitMeaning.More)]
    [InlineData("cinder", "data", "online_data_migrations", "stein", 2, ExitMeaning.Error)]
    // nova create_cell in ocata: 2 = already exists, fine.
    [InlineData("nova", "schema", "create_cell1", "ocata", 2, ExitMeaning.Ok)]
    [InlineData("nova", "schema", "create_cell1", "ocata", 1, ExitMeaning.Error)]
    // oslo.upgradecheck based checks.
    [InlineData("heat", "verify", "upgrade_check", "stein", 1, ExitMeaning.Warning)]
    [InlineData("neutron", "verify", "upgrade_check", "2025.1", 255, ExitMeaning.Error)]
    [InlineData("neutron", "verify", "has_offline_migrations", "zed", 1, ExitMeaning.Error)]
    public void An_exit_code_means_what_that_release_says(string service, string kind, string step, string release, int rc, ExitMeaning expected)
    {
        var definition = Single(service, kind, step, release);

        Assert.Equal(expected, definition.Meaning(rc));
    }

    [Fact]
    public void An_unlisted_exit_code_is_an_error()
    {
        var step = Single("heat", "schema", "db_sync", "zed");

        Assert.Equal(ExitMeaning.Ok, step.Meaning(0));
        Assert.Equal(ExitMeaning.Error, step.Meaning(1));
        Assert.Equal(ExitMeaning.Error, step.Meaning(-1));
    }

    [Fact]
    public void A_data_step_renders_the_config_file_and_batch()
    {
        var step = Single("nova", "data", "online_data_migrations", "zed");

        Assert.True(step.Batched);
        Assert.Equal(
            ["nova-manage", "--config-file", "/etc/nova/nova.conf", "db", "online_data_migrations", "--max-count", "500"],
            step.Render("/etc/nova/nova.conf", 500));
    }

    [Fact]
    public void A_command_that_does_not_exist_yet_is_not_offered()
    {
        Assert.DoesNotContain(Steps("keystone", "ocata"), s => s.Kind == StepKind.Probe);
        Assert.DoesNotContain(Steps("glance", "pike"), s => s.Name == "check");
        Assert.DoesNotContain(Steps("placement", "stein"), s => s.Kind == StepKind.Data);
        Assert.Empty(Steps("placement", "rocky"));
        Assert.DoesNotContain(Steps("cinder", "newton"), s => s.Kind == StepKind.Data);
        Assert.DoesNotContain(Steps("heat", "rocky"), s => s.Kind == StepKind.Verify);
    }

    [Theory]
    [InlineData("nova", "victoria", "22.0.0")]
    [InlineData("nova", "zed", "26.0.0")]
    [InlineData("nova", "2023.1", "27.0.0")]
    [InlineData("nova", "2025.1", "31.0.0")]
    [InlineData("nova", "2026.1", "33.0.0")]
    [InlineData("keystone", "victoria", "18.0.0")]
    [InlineData("keystone", "zed", "22.0.0")]
    [InlineData("keystone", "2025.1", "27.0.0")]
    [InlineData("glance", "stein", "18.0.0")]
    [InlineData("glance", "2025.1", "30.0.0")]
    [InlineData("cinder", "stein", "14.0.0")]
    [InlineData("cinder", "xena", "19.0.0")]
    [InlineData("cinder", "2023.1", "22.0.0")]
    [InlineData("placement", "stein", "1.0.0")]
    [InlineData("neutron", "2023.1", "22.0.0")]
    [InlineData("heat", "2023.1", "20.0.0")]
    public void The_project_version_of_a_release_is_known(string service, string release, string version)
    {
        var catalog = ServiceCatalog.Default;

        Assert.Equal(version, ServiceCatalog.VersionFor(catalog.Find(service), ReleaseCatalog.Default.Find(release, "release")));
    }

    [Fact]
    public void Placement_has_no_version_before_it_exists_and_nova_runs_after_it()
    {
        var catalog = ServiceCatalog.Default;

        Assert.Null(ServiceCatalog.VersionFor(catalog.Find("placement"), ReleaseCatalog.Default.Find("rocky", "release")));
        Assert.Equal(["placement"], catalog.Find("nova").After);
    }

    private static IReadOnlyList<StepDefinition> Steps(string service, string release)
    {
        var catalog = ServiceCatalog.Default;
        return catalog.StepsFor(catalog.Find(service), ReleaseCatalog.Default.Find(release, "release"));
    }

    private static StepDefinition Single(string service, string kind, string name, string release) =>
        Assert.Single(Steps(service, release), s => s.Name == name && s.Kind.ToString().Equals(kind, StringComparison.OrdinalIgnoreCase));
}
