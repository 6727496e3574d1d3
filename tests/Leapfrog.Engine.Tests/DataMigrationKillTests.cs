using System.Globalization;
using Leapfrog.Testing;

namespace Leapfrog.Engine.Tests;

/// <summary>An online data migration batch cut off mid-run, by a killed module or a dropped connection, and resumed.</summary>
[Collection("controller")]
public sealed class DataMigrationKillTests(ControllerFixture fx)
{
    private const int Rows = 25;
    private const int Batch = 10;

    [Theory]
    [InlineData("module SIGKILL")]
    [InlineData("ssh cut")]
    public async Task A_batch_cut_off_mid_run_is_resumed_no_batch_runs_twice_and_the_rows_add_up(string cut)
    {
        var cloud = new Cloud(fx, "cinder", "victoria");
        cloud.Configure(c => c with { DataRows = Rows, SlowStep = "online_data_migrations", SlowSeconds = 4 });
        var args = ModuleProcess.Args(fx, cloud, "victoria", "wallaby");
        args["data_migration_batch"] = Batch;
        var argsFile = ModuleProcess.Write(cloud, args);

        int rc;
        System.Text.Json.Nodes.JsonObject result;
        using (var first = ModuleProcess.Start(argsFile))
        {
            await HopTests.WaitUntil(() => Batches(cloud) == 2);
            if (cut == "module SIGKILL")
            {
                Proc.Run("kill", ["-KILL", first.Id.ToString(CultureInfo.InvariantCulture)]);
                await first.WaitForExitAsync();
                fx.Ssh.KillSessionChildren();
                (rc, result) = ModuleProcess.Run(argsFile);
            }
            else
            {
                Assert.True(fx.Ssh.KillSessionChildren() > 0);
                var stdout = await first.StandardOutput.ReadToEndAsync();
                await first.WaitForExitAsync();
                (rc, result) = (first.ExitCode, System.Text.Json.Nodes.JsonNode.Parse(stdout)!.AsObject());
            }
        }

        Assert.True(rc == 0, result.ToJsonString());
        Assert.True(cut == "ssh cut"
            ? result["reconnects"]!.GetValue<int>() >= 1
            : ModuleProcess.Warnings(result).Any(w => w.Contains("re-attached to data migration batch 2", StringComparison.Ordinal)), result.ToJsonString());
        Assert.Equal("wallaby", cloud.State()!.Release);

        // The tools' own record: ceil(25 / 10) batches that migrated rows, then one that found none left.
        var migrated = History(cloud);
        Assert.Equal(3, migrated.Count);
        Assert.Equal(4, Batches(cloud));
        Assert.Equal(1, ToolRuns.Of(cloud, "wallaby", "sync"));

        // No two batches overlapped: each started after the previous one had written its rows.
        var starts = Testing.FakeToolboxLogEntry.ReadAll(cloud.ExecLog)
            .Where(e => e.Release == "wallaby" && e.Argv.Contains("online_data_migrations")).Select(e => e.Time).Order().ToList();
        for (var i = 0; i < migrated.Count; i++)
        {
            Assert.True(starts[i + 1] >= migrated[i].At, $"batch {i + 2} started at {starts[i + 1]:O}, before batch {i + 1} wrote its rows at {migrated[i].At:O}");
        }

        Assert.Equal(migrated.Count, migrated.Select(m => m.Pid).Distinct().Count());

        // The totals: every row that needed the wallaby migration has it, once.
        Assert.Equal(Rows.ToString(CultureInfo.InvariantCulture), cloud.Scalar("SELECT COUNT(*) FROM fake_items"));
        Assert.Equal(Rows.ToString(CultureInfo.InvariantCulture), cloud.Scalar("SELECT COUNT(*) FROM fake_items WHERE cinder_wallaby = CONCAT(name, '@wallaby')"));
    }

    private static int Batches(Cloud cloud) => ToolRuns.Of(cloud, "wallaby", "online_data_migrations");

    /// <summary>The batches that migrated rows, from fake_history: the tool's pid and when it wrote.</summary>
    private static List<(int Pid, DateTimeOffset At)> History(Cloud cloud)
    {
        var rows = cloud.Scalar(
            "SELECT GROUP_CONCAT(CONCAT(pid, ' ', UNIX_TIMESTAMP(at)) ORDER BY id SEPARATOR ',') FROM fake_history " +
            "WHERE step = 'online_data_migrations' AND release_name = 'wallaby'") ?? "";
        return rows.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => r.Split(' ')).Select(p => (
            int.Parse(p[0], CultureInfo.InvariantCulture),
            DateTimeOffset.FromUnixTimeMilliseconds((long)(decimal.Parse(p[1], CultureInfo.InvariantCulture) * 1000)))).ToList();
    }
}
