using Leapfrog.Core.Catalog;
using Leapfrog.Core.Outcomes;
namespace Leapfrog.Engine.Tests;

/// <summary>cinder's db sync --bump-versions runs on the chain's last hop only, as the tool's own exec log shows.</summary>
[Collection("controller")]
public sealed class FinalHopTests(ControllerFixture fx)
{
    [Fact]
    public async Task Bump_versions_runs_on_the_final_hop_only()
    {
        var cloud = new Cloud(fx, "cinder", "victoria");
        var made = cloud.Executions("--bump-versions"); // making the database ran every schema step of victoria's

        var middle = await cloud.HopAsync("victoria", "wallaby");
        Assert.False(middle.Failed, middle.Message);
        Assert.Equal(made, cloud.Executions("--bump-versions"));
        Assert.Equal(StepOutcome.Skipped, Assert.Single(middle.Steps, s => s.Name == "bump_versions").Outcome);

        var last = await cloud.HopAsync("wallaby", "xena", r => r with { FinalHop = true });
        Assert.False(last.Failed, last.Message);
        Assert.Equal(made + 1, cloud.Executions("sync", "--bump-versions"));
        var bump = Assert.Single(last.Steps, s => s.Name == "bump_versions");
        Assert.Equal(ExitMeaning.Ok, bump.Meaning);

        var again = await cloud.HopAsync("wallaby", "xena", r => r with { FinalHop = true });
        Assert.True(again.AlreadyDone);
        Assert.Equal(made + 1, cloud.Executions("sync", "--bump-versions"));
    }
}
