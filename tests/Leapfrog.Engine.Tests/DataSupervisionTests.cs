using Leapfrog.Core.Catalog;
using Leapfrog.Core.Outcomes;
namespace Leapfrog.Engine.Tests;

/// <summary>Online data migrations supervised by their own tables: summed per migration, stuck batches caught.</summary>
[Collection("controller")]
public sealed class DataSupervisionTests(ControllerFixture fx)
{
    [Fact]
    public async Task Data_migrations_that_report_more_but_complete_nothing_fail_as_stuck_naming_them()
    {
        var cloud = new Cloud(fx, "nova", "victoria");
        cloud.Configure(c => c with { DataStuck = true });

        var outcome = await cloud.HopAsync("victoria", "wallaby", r => r with { Batch = 10, StuckBatches = 3, MaxBatches = 50 });

        Assert.True(outcome.Failed);
        Assert.Contains("is stuck: 3 batches in a row", outcome.Message);
        Assert.Contains("migrate_nova_items_wallaby (10 needed, 0 completed)", outcome.Message);
        Assert.Equal(3, cloud.Executions("online_data_migrations"));
        Assert.Equal(StepOutcome.Stuck, outcome.Steps.Single(s => s.Kind == StepKind.Data).Outcome);
        Assert.Equal(DataOutcome.Failed, outcome.DataOutcome);
        Assert.False(outcome.Verified);
        var migration = Assert.Single(outcome.DataMigrations);
        Assert.Equal((30L, 0L, 3), (migration.Needed, migration.Completed, migration.Batches));
    }

    [Fact]
    public async Task Each_migration_is_summed_over_the_batches_and_the_last_batch_reports_nothing_left()
    {
        var cloud = new Cloud(fx, "nova", "victoria");
        cloud.Configure(c => c with { DataRows = 35 });

        var outcome = await cloud.HopAsync("victoria", "wallaby", r => r with { Batch = 10 });

        Assert.False(outcome.Failed, outcome.Message);
        var data = outcome.Steps.Single(s => s.Kind == StepKind.Data);
        var migration = Assert.Single(outcome.DataMigrations);
        Assert.Equal("migrate_nova_items_wallaby", migration.Name);
        // What the database says was migrated, counted independently of the tool's tables.
        var filled = long.Parse(cloud.Scalar("SELECT COUNT(*) FROM fake_items WHERE nova_wallaby IS NOT NULL")!);
        Assert.Equal(filled, migration.Completed);
        Assert.Equal(0, migration.LastNeeded);
        Assert.Equal(data.Attempts, migration.Batches);
        Assert.Equal(data.Attempts, cloud.Executions("online_data_migrations"));
    }

    [Fact]
    public async Task A_final_run_that_exits_0_with_rows_still_needing_migration_is_a_warning_naming_them()
    {
        var cloud = new Cloud(fx, "nova", "victoria");
        cloud.Configure(c => c with { DataStuck = true });
        // Without --max-count the tool runs its batches itself and exits 0 when a batch moves nothing, rows left or not.
        var catalog = Core.Catalog.ServiceCatalog.Default.WithOverlay("""
            {"services": {"nova": {"steps": [
              {"name": "online_data_migrations", "kind": "data", "since": "wallaby", "until": "wallaby",
               "argv": ["nova-manage", "--config-file", "{config_file}", "db", "online_data_migrations"],
               "exit_codes": {"0": "ok", "1": "more", "2": "error"}}]}}}
            """, "unbounded.json");

        var outcome = await cloud.HopAsync("victoria", "wallaby", r => r with { Catalog = catalog, Service = catalog.Find("nova") });

        Assert.False(outcome.Failed, outcome.Message);
        Assert.Contains(outcome.Warnings, w => w.Contains("still reports rows needing migration: migrate_nova_items_wallaby (25 needed, 0 completed)"));
        Assert.Equal(25, Assert.Single(outcome.DataMigrations).LastNeeded);
        Assert.Equal("unknown", outcome.DataMigrations[0].Left);
        Assert.Equal(1, cloud.Executions("online_data_migrations"));
        Assert.Equal("25", cloud.Scalar("SELECT COUNT(*) FROM fake_items WHERE nova_wallaby IS NULL"));
    }

    [Fact]
    public async Task Rows_a_final_run_leaves_that_the_catalog_accepts_are_noted_with_why_and_source_not_warned()
    {
        var cloud = new Cloud(fx, "nova", "victoria");
        cloud.Configure(c => c with { DataStuck = true });
        var catalog = Core.Catalog.ServiceCatalog.Default.WithOverlay("""
            {"services": {"nova": {
              "steps": [
                {"name": "online_data_migrations", "kind": "data", "since": "wallaby", "until": "wallaby",
                 "argv": ["nova-manage", "--config-file", "{config_file}", "db", "online_data_migrations"],
                 "exit_codes": {"0": "ok", "1": "more", "2": "error"}}],
              "data_leftovers": [
                {"migration": "migrate_nova_items_wallaby", "since": "Wallaby", "verdict": "accepted",
                 "why": "rows the fake tool can never move", "source": "the fake tools' OnlineMigrations.cs"}]}}}
            """, "accepted.json");

        var outcome = await cloud.HopAsync("victoria", "wallaby", r => r with { Catalog = catalog, Service = catalog.Find("nova") });

        Assert.False(outcome.Failed, outcome.Message);
        Assert.DoesNotContain(outcome.Warnings, w => w.Contains("still reports rows needing migration"));
        var migration = Assert.Single(outcome.DataMigrations);
        Assert.Equal(("accepted", 25L), (migration.Left, migration.LastNeeded));
        Assert.Equal("rows the fake tool can never move (the fake tools' OnlineMigrations.cs)", migration.LeftWhy);
        Assert.Equal(DataOutcome.Done, outcome.DataOutcome);
        // The database says the rows are really left: the verdict notes them, it does not pretend they moved.
        Assert.Equal("25", cloud.Scalar("SELECT COUNT(*) FROM fake_items WHERE nova_wallaby IS NULL"));
    }
}
