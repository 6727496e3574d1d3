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
        Assert.Equal("stuck", outcome.Steps.Single(s => s.Kind == "data").Outcome);
        Assert.Equal("failed", outcome.DataOutcome);
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
        var data = outcome.Steps.Single(s => s.Kind == "data");
        var migration = Assert.Single(outcome.DataMigrations);
        Assert.Equal("migrate_nova_items_wallaby", migration.Name);
        // What the database says was migrated, counted independently of the tool's tables.
        var filled = long.Parse(cloud.Scalar("SELECT COUNT(*) FROM fake_items WHERE nova_wallaby IS NOT NULL")!);
        Assert.Equal(filled, migration.Completed);
        Assert.Equal(0, migration.LastNeeded);
        Assert.Equal(data.Attempts, migration.Batches);
        Assert.Equal(data.Attempts, cloud.Executions("online_data_migrations"));
    }
}
