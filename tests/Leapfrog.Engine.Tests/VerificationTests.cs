using Leapfrog.Core.Catalog;
using Leapfrog.Core.Outcomes;
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
        Assert.Equal(HopStatus.Failed, cloud.State()!.Hops.Single().Outcome);
        Assert.Null(cloud.State()!.Release);
        var batches = ToolRuns.Of(cloud, "wallaby", "online_data_migrations");
        Assert.Equal((1, 1), (ToolRuns.Of(cloud, "wallaby", "sync"), ToolRuns.Of(cloud, "wallaby", "upgrade", "check")));
        Assert.True(batches >= 1);

        cloud.Configure(c => c with { FailStep = null });
        var rerun = await cloud.HopAsync("victoria", "wallaby");

        Assert.False(rerun.Failed, rerun.Message);
        Assert.True(rerun.Verified);
        Assert.Equal("wallaby", cloud.State()!.Release);
        Assert.Equal(HopStatus.Done, cloud.State()!.Hops.Single().Outcome);
        Assert.Equal(StepOutcome.DoneEarlier, rerun.Steps.Single(s => s.Name == "sync").Outcome);
        Assert.Equal(StepOutcome.DoneEarlier, rerun.Steps.Single(s => s.Name == "online_data_migrations").Outcome);
        Assert.Equal(StepOutcome.Ok, rerun.Steps.Single(s => s.Name == "upgrade_check").Outcome);
        Assert.Equal(1, ToolRuns.Of(cloud, "wallaby", "sync"));
        Assert.Equal(batches, ToolRuns.Of(cloud, "wallaby", "online_data_migrations"));
        Assert.Equal(2, ToolRuns.Of(cloud, "wallaby", "upgrade", "check"));
        Assert.Equal("1", cloud.Scalar("SELECT COUNT(*) FROM fake_history WHERE step = 'sync' AND release_name = 'wallaby'"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_status_check_that_needs_a_running_cloud_is_not_applicable_and_fails_no_hop_unless_the_catalog_says_it_judges(bool asShipped)
    {
        var cloud = new Cloud(fx, "nova", "victoria");
        // nova-status as the verification (a catalog file), given a config in which the Placement API check fails as the
        // real one does without placement credentials.
        var extra = Path.Combine(cloud.Dir, "placement-missing.conf");
        File.WriteAllText(extra, "[fake]\nplacement_api = missing\n");
        var rules = asShipped ? "" : """, "upgrade_checks": []""";
        var catalog = Core.Catalog.ServiceCatalog.Default.WithOverlay("""
            {"services": {"nova": {"steps": [
              {"name": "upgrade_check", "kind": "verify", "since": "wallaby", "until": "wallaby",
               "argv": ["nova-status", "--config-file", "{config_file}", "--config-file", "EXTRA", "upgrade", "check"],
               "exit_codes": {"0": "ok", "1": "warning"}}]RULES}}}
            """.Replace("EXTRA", extra, StringComparison.Ordinal).Replace("RULES", rules, StringComparison.Ordinal), "status.json");

        var outcome = await cloud.HopAsync("victoria", "wallaby", r => r with { Catalog = catalog, Service = catalog.Find("nova") });

        var check = outcome.Steps.Single(s => s.Kind == StepKind.Verify);
        Assert.Equal(2, check.Rc); // the tool's own verdict, kept as it said it
        Assert.Equal(["Database:Success:success", $"Placement API:Failure:{(asShipped ? "not_applicable" : "failure")}"],
            outcome.UpgradeChecks.Select(c => $"{c.Check}:{c.Result}:{c.Verdict}"));
        Assert.Equal(1, ToolRuns.Of(cloud, "wallaby", "upgrade", "check"));
        if (asShipped)
        {
            Assert.False(outcome.Failed, outcome.Message);
            Assert.True(outcome.Verified);
            Assert.Equal(StepOutcome.Ok, check.Outcome);
            Assert.Contains("nova/cmd/status.py UpgradeCommands._check_placement", outcome.UpgradeChecks[1].Why);
            Assert.Equal("wallaby", cloud.State()!.Release);
        }
        else
        {
            Assert.True(outcome.Failed);
            Assert.False(outcome.Verified);
            Assert.Contains("verification upgrade_check did not pass: exited 2", outcome.Message);
            Assert.Null(cloud.State()!.Release);
        }
    }
}
