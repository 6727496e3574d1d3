using Leapfrog.Core.Catalog;
using Leapfrog.Core.Outcomes;

namespace Leapfrog.Engine.Tests;

/// <summary>What runs when phases are filtered, or the probe says there is nothing to do.</summary>
[Collection("controller")]
public sealed class PhaseAndProbeTests(ControllerFixture fx)
{
    [Fact]
    public async Task With_phases_schema_only_the_schema_steps_run_and_the_data_migrations_are_skipped()
    {
        var cloud = new Cloud(fx, "cinder", "victoria");

        var outcome = await cloud.HopAsync("victoria", "wallaby", r => r with { Phases = new HashSet<StepKind> { StepKind.Schema } });

        Assert.False(outcome.Failed, outcome.Message);
        Assert.Equal(StepOutcome.Ok, outcome.Steps.Single(s => s.Name == "sync").Outcome);
        Assert.Equal(StepOutcome.Skipped, outcome.Steps.Single(s => s.Name == "online_data_migrations").Outcome);
        Assert.Equal(DataOutcome.NotRun, outcome.DataOutcome);
        Assert.Equal(1, ToolRuns.Of(cloud, "wallaby", "sync"));
        Assert.Equal(0, ToolRuns.Of(cloud, "wallaby", "online_data_migrations"));
        Assert.Equal("0", cloud.Scalar("SELECT COUNT(*) FROM fake_items WHERE cinder_wallaby IS NOT NULL"));
    }

    [Fact]
    public async Task A_probe_that_says_up_to_date_skips_every_schema_step_and_still_verifies()
    {
        var cloud = new Cloud(fx, "keystone", "wallaby");
        var applied = cloud.Scalar("SELECT COUNT(*) FROM fake_history");

        var outcome = await cloud.HopAsync("victoria", "wallaby");

        Assert.False(outcome.Failed, outcome.Message);
        Assert.Equal(ExitMeaning.Ok, outcome.Probe!.Meaning);
        Assert.True(outcome.Verified);
        Assert.All(outcome.Steps.Where(s => s.Kind == StepKind.Schema), s => Assert.Equal((StepOutcome.Skipped, 0), (s.Outcome, s.Attempts)));
        Assert.Equal((0, 0, 0), (cloud.Executions("--expand"), cloud.Executions("--migrate"), cloud.Executions("--contract")));
        Assert.Equal(2, cloud.Executions("db_sync", "--check"));
        Assert.Equal(applied, cloud.Scalar("SELECT COUNT(*) FROM fake_history"));
        Assert.Equal("wallaby", cloud.State()!.Release);

        var executions = cloud.Executions();
        var again = await cloud.HopAsync("victoria", "wallaby");
        Assert.True(again.AlreadyDone);
        Assert.Equal(executions, cloud.Executions());
    }
}
