using Leapfrog.Core.Catalog;
using Leapfrog.Core.Outcomes;
using Leapfrog.Testing;

namespace Leapfrog.Engine.Tests;

/// <summary>The pre-check (nothing changes unless every tool is there) and the schema verdict of every database.</summary>
[Collection("controller")]
public sealed class VerdictTests(ControllerFixture fx)
{
    [Fact]
    public async Task A_nova_hop_is_verified_by_each_database_at_the_head_its_toolbox_ships()
    {
        var cloud = new Cloud(fx, "nova", "victoria");

        var outcome = await cloud.HopAsync("victoria", "wallaby");

        Assert.False(outcome.Failed, outcome.Message);
        Assert.True(outcome.Verified);
        Assert.Equal(["nova_api", "nova"], outcome.SchemaAfter.Select(d => d.Name));
        Assert.All(outcome.SchemaAfter, d => Assert.True(d.AtHead, d.Describe()));
        // The release's own tools say where each database is: the verdict must agree with them.
        var wallaby = cloud.Toolbox("wallaby");
        Assert.Equal(wallaby.Run("nova-manage", "api_db", "version").Stdout.Trim(), Assert.Single(outcome.SchemaAfter[0].Revision!));
        Assert.Equal(wallaby.Run("nova-manage", "db", "version").Stdout.Trim(), Assert.Single(outcome.SchemaAfter[1].Revision!));
        Assert.Equal([cloud.ApiDatabase, cloud.Database], outcome.SchemaAfter.Select(d => d.Database));
        Assert.Equal(["victoria_contracted"], outcome.SchemaBefore[0].Revision!);
        Assert.All(outcome.SchemaBefore, d => Assert.False(d.AtHead));
    }

    [Fact]
    public async Task A_cinder_hop_reports_its_database_at_head_and_each_check_of_cinder_status()
    {
        var cloud = new Cloud(fx, "cinder", "victoria");

        var outcome = await cloud.HopAsync("victoria", "wallaby");

        Assert.False(outcome.Failed, outcome.Message);
        Assert.True(outcome.Verified);
        var cinder = Assert.Single(outcome.SchemaAfter);
        Assert.Equal(cloud.Toolbox("wallaby").Run("cinder-manage", "db", "version").Stdout.Trim(), Assert.Single(cinder.Revision!));
        Assert.True(cinder.AtHead);
        Assert.Equal([new UpgradeCheck("Database", "Success", "None") { Verdict = "success" }], outcome.UpgradeChecks);
    }

    [Fact]
    public async Task A_database_the_steps_left_behind_fails_the_hop_and_is_not_verified()
    {
        var cloud = new Cloud(fx, "nova", "victoria");
        // api_db sync "succeeds" (rc 0) without applying anything: only the verdict can notice.
        cloud.Configure(c => c with { FailStep = "api_db sync", FailRc = 0 });

        var outcome = await cloud.HopAsync("victoria", "wallaby");

        Assert.True(outcome.Failed);
        Assert.False(outcome.Verified);
        Assert.Contains("schema verdict", outcome.Message);
        Assert.Contains("nova_api", outcome.Message);
        Assert.Contains("victoria_contracted", outcome.Message);
        Assert.Contains("wallaby_contracted", outcome.Message);
        var api = outcome.SchemaAfter.Single(d => d.Name == "nova_api");
        Assert.False(api.AtHead);
        Assert.Equal(cloud.Toolbox("wallaby").Run("nova-manage", "api_db", "version").Stdout.Trim(), Assert.Single(api.Revision!));
        Assert.True(outcome.SchemaAfter.Single(d => d.Name == "nova").AtHead);
        Assert.Equal(HopStatus.Failed, cloud.State()!.Hops.Single().Outcome);
        Assert.Null(cloud.State()!.Release);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_toolbox_without_a_tool_the_hop_needs_is_refused_before_anything_runs(bool checkMode)
    {
        var cloud = new Cloud(fx, "cinder", "victoria");
        var box = cloud.Toolbox("wallaby");
        File.Delete(box.BinPath("cinder-status"));
        var history = cloud.Scalar("SELECT COUNT(*) FROM fake_history");

        var error = await Assert.ThrowsAsync<ControllerException>(() => cloud.HopAsync("victoria", "wallaby", r => r with { CheckMode = checkMode }));

        Assert.Contains("cinder-status", error.Message);
        Assert.Contains("not found", error.Message);
        Assert.Contains($"venv {box.VenvPath}", error.Message);
        Assert.Contains("wallaby", error.Message);
        Assert.Contains("nothing was run", error.Message);
        Assert.Equal(0, cloud.Executions("db"));
        Assert.Equal(0, cloud.Executions("--version")); // the version came with the pre-check's answer
        Assert.False(Directory.Exists(cloud.StateDir));
        Assert.Equal(history, cloud.Scalar("SELECT COUNT(*) FROM fake_history"));
    }

    [Fact]
    public async Task A_tool_that_cannot_start_is_refused_naming_why()
    {
        var cloud = new Cloud(fx, "cinder", "victoria");
        var box = cloud.Toolbox("wallaby");
        var status = box.BinPath("cinder-status");
        File.WriteAllText(status, File.ReadAllText(status).Replace(FakeToolbox.ToolPath, "/nonexistent/cinder-status-program", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<ControllerException>(() => cloud.HopAsync("victoria", "wallaby"));

        Assert.Contains("cinder-status", error.Message);
        Assert.Contains("/nonexistent/cinder-status-program is missing", error.Message);
        Assert.Contains("nothing was run", error.Message);
        Assert.Equal(0, cloud.Executions("db"));
        Assert.False(Directory.Exists(cloud.StateDir));
    }

    [Fact]
    public async Task A_tool_the_hop_does_not_run_is_not_required()
    {
        var cloud = new Cloud(fx, "keystone", "victoria");
        // keystone's verification is db_sync --check: keystone-status is not run, so its absence is no reason to refuse.
        File.Delete(cloud.Toolbox("wallaby").BinPath("keystone-status"));

        var outcome = await cloud.HopAsync("victoria", "wallaby");

        Assert.False(outcome.Failed, outcome.Message);
        Assert.True(outcome.Verified);
        Assert.Equal(["wallaby_contracted"], Assert.Single(outcome.SchemaAfter).Revision!);
    }
}
