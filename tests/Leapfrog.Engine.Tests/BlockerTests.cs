using Leapfrog.Core.Catalog;

namespace Leapfrog.Engine.Tests;

/// <summary>
/// Known blockers checked by the hop's pre-check, read-only, in the toolbox's own python3 against the real MariaDB:
/// a blocking one found refuses the hop with nothing run; check mode fails the same way; a warning is listed and the
/// hop runs; a check that cannot run is "could not check", never a pass, and the server refuses a write.
/// </summary>
[Collection("controller")]
public sealed class BlockerTests(ControllerFixture fx)
{
    [Fact]
    public async Task A_percent_in_keystones_database_url_refuses_the_hop_to_zed_with_nothing_run()
    {
        // The fixture's password holds ':', '@' and '/', so its URL holds %3A, %40 and %2F: what real keystone 22 trips on.
        var cloud = new Cloud(fx, "keystone", "yoga");
        Assert.Contains('%', cloud.Config.Connection);

        var error = await Assert.ThrowsAsync<ControllerException>(() => cloud.HopAsync("yoga", "zed", WithCatalogBlockers(false)));

        Assert.Contains("blocker keystone-percent-in-database-url", error.Message);
        Assert.Contains("database.connection holds '%'", error.Message);
        Assert.Contains("nothing was run", error.Message);
        Assert.DoesNotContain(ControllerFixture.DbSecret, error.Message);
        Assert.Equal(0, cloud.Executions("db_sync"));
        Assert.False(Directory.Exists(cloud.StateDir));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Untyped_cinder_volumes_refuse_the_hop_to_ussuri_until_they_are_typed(bool checkMode)
    {
        var cloud = new Cloud(fx, "cinder", "train");
        fx.Db.Exec("""
            CREATE TABLE volumes (id VARCHAR(36) PRIMARY KEY, volume_type_id VARCHAR(36) NULL);
            CREATE TABLE snapshots (id VARCHAR(36) PRIMARY KEY, volume_type_id VARCHAR(36) NULL);
            INSERT INTO volumes VALUES ('v1', NULL), ('v2', NULL), ('v3', 'typed');
            """, cloud.Database);
        var history = cloud.Scalar("SELECT COUNT(*) FROM fake_history");

        if (checkMode)
        {
            var check = await cloud.HopAsync("train", "ussuri", r => WithCatalogBlockers(true)(r with { CheckMode = true }));
            Assert.True(check.Failed);
            Assert.Contains("would be refused", check.Message);
            var found = Assert.Single(check.Blockers);
            Assert.Equal(("cinder-untyped-volumes", "found", "blocking"), (found.Id, found.Status, found.Severity));
            Assert.Equal(["kind=volumes, untyped=2"], found.Details);
        }
        else
        {
            var error = await Assert.ThrowsAsync<ControllerException>(() => cloud.HopAsync("train", "ussuri", WithCatalogBlockers(false)));
            Assert.Contains("blocker cinder-untyped-volumes", error.Message);
            Assert.Contains("kind=volumes, untyped=2", error.Message);
            Assert.Contains("136_make_vol_type_col_non_nullable", error.Message);
            Assert.Contains("nothing was run", error.Message);
        }

        Assert.Equal(0, cloud.Executions("db", "sync"));
        Assert.False(Directory.Exists(cloud.StateDir));
        Assert.Equal(history, cloud.Scalar("SELECT COUNT(*) FROM fake_history"));

        fx.Db.Exec("UPDATE volumes SET volume_type_id = 'default' WHERE volume_type_id IS NULL", cloud.Database);
        var outcome = await cloud.HopAsync("train", "ussuri", r => WithCatalogBlockers(checkMode)(r with { CheckMode = checkMode }));
        Assert.False(outcome.Failed, outcome.Message);
        Assert.Empty(outcome.Blockers);
    }

    [Fact]
    public async Task A_warning_asks_the_toolboxs_own_python_for_its_threshold_and_the_hop_runs()
    {
        var cloud = new Cloud(fx, "cinder", "victoria");
        fx.Db.Exec("CREATE TABLE compute_rows (host VARCHAR(64), version INT); INSERT INTO compute_rows VALUES ('c1', 52), ('c2', 70);", cloud.Database);
        var blocker = Validated(new BlockerDefinition
        {
            Id = "old-computes", Service = "cinder", Targets = new BlockerTargets { Since = "wallaby" }, Severity = "warning",
            Detect = new BlockerDetect
            {
                Kind = "sql", Database = "cinder",
                Threshold = new BlockerThreshold { Python = "import sys; print(40 + 26)" },
                Query = "SELECT host, version FROM compute_rows WHERE version < {threshold}",
            },
            Message = "old computes", Fix = "upgrade them", Source = "test",
        });

        var outcome = await cloud.HopAsync("victoria", "wallaby", r => r with { Blockers = [blocker] });

        Assert.False(outcome.Failed, outcome.Message);
        var found = Assert.Single(outcome.Blockers);
        Assert.Equal("found", found.Status);
        Assert.Equal(["host=c1, version=52"], found.Details);
        Assert.Contains(outcome.Warnings, w => w.Contains("blocker old-computes", StringComparison.Ordinal));
        Assert.Equal(1, cloud.Executions("db", "sync"));
    }

    [Fact]
    public async Task A_write_slipped_into_a_check_is_refused_by_the_server_and_reported_as_could_not_check()
    {
        var cloud = new Cloud(fx, "cinder", "victoria");
        fx.Db.Exec("CREATE TABLE guard (id INT)", cloud.Database);
        // Not validated on purpose: the catalog refuses this (ReadOnlySql); the read-only transaction is the second wall.
        var writer = new BlockerDefinition
        {
            Id = "writer", Service = "cinder", Targets = new BlockerTargets(), Severity = "blocking",
            Detect = new BlockerDetect { Kind = "sql", Database = "cinder", Query = "INSERT INTO guard VALUES (1)" },
            Message = "m", Fix = "f", Source = "s",
        };

        var outcome = await cloud.HopAsync("victoria", "wallaby", r => r with { Blockers = [writer] });

        var report = Assert.Single(outcome.Blockers);
        Assert.Equal("could_not_check", report.Status);
        Assert.Contains("READ ONLY", report.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("0", cloud.Scalar("SELECT COUNT(*) FROM guard"));
        Assert.False(outcome.Failed, outcome.Message);
        Assert.Contains(outcome.Warnings, w => w.Contains("blocker writer: could not check", StringComparison.Ordinal));
    }

    [Fact]
    public void The_module_checks_the_blocking_ones_in_a_run_and_the_warnings_too_in_check_mode()
    {
        var cloud = new Cloud(fx, "nova", "2024.1");
        var run = HopRunner.BlockersFor(BlockerCatalog.Default, cloud.Request("2024.1", "2025.1"), warnings: false);
        var check = HopRunner.BlockersFor(BlockerCatalog.Default, cloud.Request("2024.1", "2025.1"), warnings: true);
        Assert.Empty(run);
        Assert.Equal(["nova-compute-service-too-old"], check.Select(b => b.Id));
        Assert.Empty(HopRunner.BlockersFor(BlockerCatalog.Default, cloud.Request("2025.1", "2025.1"), warnings: true));
    }

    private static Func<HopRequest, HopRequest> WithCatalogBlockers(bool warnings) =>
        r => r with { Blockers = HopRunner.BlockersFor(BlockerCatalog.Default, r, warnings) };

    private static BlockerDefinition Validated(BlockerDefinition b) =>
        BlockerCatalog.Validate([b], ServiceCatalog.Default, "test").All.Single();
}
