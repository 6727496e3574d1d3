using Leapfrog.Core.Catalog;
using Leapfrog.Core.Outcomes;

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
            Assert.Equal(("cinder-untyped-volumes", BlockerStatus.Found, "blocking"), (found.Id, found.Status, found.Severity));
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
        Assert.Equal(BlockerStatus.Found, found.Status);
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
        Assert.Equal(BlockerStatus.CouldNotCheck, report.Status);
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
        Assert.Equal(["nova-compute-service-too-old", "nova-api-free-space", "nova-free-space"], check.Select(b => b.Id));
        Assert.Empty(HopRunner.BlockersFor(BlockerCatalog.Default, cloud.Request("2025.1", "2025.1"), warnings: true));
    }

    [Fact]
    public async Task Free_space_is_measured_against_the_largest_table_with_the_servers_own_figures()
    {
        var cloud = new Cloud(fx, "cinder", "victoria");
        fx.Db.Exec("CREATE TABLE big (id INT PRIMARY KEY, pad VARCHAR(2000)); INSERT INTO big SELECT seq, REPEAT('x', 2000) FROM seq_1_to_500;", cloud.Database);
        fx.Db.Exec("ANALYZE TABLE big", cloud.Database);
        var largest = fx.Db.Query(
            "SELECT table_name, data_length + index_length AS size FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY size DESC LIMIT 1",
            cloud.Database).Single();
        var size = long.Parse(largest[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("big", largest[0]);
        var free = new DriveInfo(fx.Db.DataDir).AvailableFreeSpace;
        BlockerDefinition Space(double factor) => Validated(new BlockerDefinition
        {
            Id = "space", Service = "cinder", Targets = new BlockerTargets(), Severity = "warning",
            Detect = new BlockerDetect { Kind = "free_space", Database = "cinder", Factor = factor },
            Message = "no room", Fix = "free some", Source = "test",
        });

        var fits = await cloud.HopAsync("victoria", "wallaby", r => r with { Blockers = [Space(1)], CheckMode = true });
        Assert.False(fits.Failed, fits.Message);
        Assert.Empty(fits.Blockers);

        // A factor that makes the largest table, as the server reports it, larger than the disk's free space.
        var tooBig = Math.Ceiling(2.0 * free / size);
        var full = await cloud.HopAsync("victoria", "wallaby", r => r with { Blockers = [Space(tooBig)], CheckMode = true });
        var found = Assert.Single(full.Blockers);
        Assert.Equal(("space", BlockerStatus.Found), (found.Id, found.Status));
        var detail = Assert.Single(found.Details);
        Assert.Contains($"the largest table, {cloud.Database}.big, holds", detail, StringComparison.Ordinal);
        Assert.Contains("MiB free in", detail, StringComparison.Ordinal);
        Assert.Equal(0, cloud.Executions("db", "sync"));
    }

    private static Func<HopRequest, HopRequest> WithCatalogBlockers(bool warnings) =>
        r => r with { Blockers = HopRunner.BlockersFor(BlockerCatalog.Default, r, warnings) };

    private static BlockerDefinition Validated(BlockerDefinition b) =>
        BlockerCatalog.Validate([b], ServiceCatalog.Default, "test").All.Single();
}
