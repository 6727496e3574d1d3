namespace Leapfrog.Engine.Tests;

/// <summary>A verification that fails after every step succeeded.</summary>
[Collection("controller")]
public sealed class VerificationTests(ControllerFixture fx)
{
    [Fact]
    public async Task A_verification_that_fails_after_the_steps_fails_the_hop_and_the_rerun_only_verifies_again()
    {
        var cloud = new Cloud(fx, "cinder", "victoria");
        cloud.Configure(c => c with { FailStep = "upgrade check", FailRc = 2 });

        var failed = await cloud.HopAsync("victoria", "wallaby");

        Assert.True(failed.Failed);
        Assert.False(failed.Verified);
        Assert.Contains("verification upgrade_check did not pass", failed.Message);
        Assert.Contains("fake failure", failed.Message);
        Assert.Equal("failed", cloud.State()!.Hops.Single().Outcome);
        Assert.Null(cloud.State()!.Release);
        var batches = ToolRuns.Of(cloud, "wallaby", "online_data_migrations");
        Assert.Equal((1, 1), (ToolRuns.Of(cloud, "wallaby", "sync"), ToolRuns.Of(cloud, "wallaby", "upgrade", "check")));
        Assert.True(batches >= 1);

        cloud.Configure(c => c with { FailStep = null });
        var rerun = await cloud.HopAsync("victoria", "wallaby");

        Assert.False(rerun.Failed, rerun.Message);
        Assert.True(rerun.Verified);
        Assert.Equal("wallaby", cloud.State()!.Release);
        Assert.Equal("done", cloud.State()!.Hops.Single().Outcome);
        Assert.Equal("done_earlier", rerun.Steps.Single(s => s.Name == "sync").Outcome);
        Assert.Equal("done_earlier", rerun.Steps.Single(s => s.Name == "online_data_migrations").Outcome);
        Assert.Equal("ok", rerun.Steps.Single(s => s.Name == "upgrade_check").Outcome);
        Assert.Equal(1, ToolRuns.Of(cloud, "wallaby", "sync"));
        Assert.Equal(batches, ToolRuns.Of(cloud, "wallaby", "online_data_migrations"));
        Assert.Equal(2, ToolRuns.Of(cloud, "wallaby", "upgrade", "check"));
        Assert.Equal("1", cloud.Scalar("SELECT COUNT(*) FROM fake_history WHERE step = 'sync' AND release_name = 'wallaby'"));
    }
}
