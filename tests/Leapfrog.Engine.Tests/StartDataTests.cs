using System.Text.Json;
using Leapfrog.Core.Catalog;
using Leapfrog.Core.Outcomes;
using Leapfrog.Testing;

namespace Leapfrog.Engine.Tests;

[Collection("controller")]
public sealed class StartDataTests(ControllerFixture fx)
{
    [Fact]
    public async Task The_start_releases_own_data_migrations_are_finished_once_in_every_cell_before_the_first_hop()
    {
        var nova = new NovaCells(fx, "cell2");
        var cloud = nova.Cloud;
        // Rows the running victoria cloud left unmigrated, in the service's own cell and in cell2.
        fx.Db.Exec("UPDATE fake_items SET nova_victoria = NULL WHERE id <= 7", cloud.Database);
        fx.Db.Exec("UPDATE fake_items SET nova_victoria = NULL WHERE id <= 4", nova.Database("cell2"));

        var outcome = await cloud.HopAsync("victoria", "victoria", r => r with { Phases = new HashSet<StepKind> { StepKind.Data } });

        Assert.False(outcome.Failed, outcome.Message);
        Assert.Equal(DataOutcome.Done, outcome.DataOutcome);
        Assert.DoesNotContain(outcome.Steps, s => s.Kind == StepKind.Schema && s.Outcome != StepOutcome.Skipped);
        Assert.Equal("0", cloud.Scalar("SELECT COUNT(*) FROM fake_items WHERE nova_victoria IS NULL"));
        Assert.Equal("0", cloud.Scalar("SELECT COUNT(*) FROM fake_items WHERE nova_victoria IS NULL", nova.Database("cell2")));
        Assert.Equal(["data:online_data_migrations"], outcome.Cells.Single(c => c.Name == "cell2").Steps.Select(s => $"{s.Kind.Name()}:{s.Name}"));
        // Every tool that ran was victoria's, and none was a schema step.
        var log = Runs(cloud);
        Assert.All(log, r => Assert.Equal("victoria", r.Release));
        Assert.DoesNotContain(log, r => r.Argv.Contains("sync"));
        Assert.Equal("victoria", cloud.State()!.Release);
        Assert.Equal(("victoria", "victoria", HopStatus.Done), cloud.State()!.Hops.Select(h => (h.From, h.To, h.Outcome)).Single());

        var again = await cloud.HopAsync("victoria", "victoria", r => r with { Phases = new HashSet<StepKind> { StepKind.Data } });
        Assert.True(again.AlreadyDone);
        Assert.Equal(log.Count, Runs(cloud).Count);

        var hop = await cloud.HopAsync("victoria", "wallaby");
        Assert.False(hop.Failed, hop.Message);
        Assert.Equal("wallaby_contracted", nova.Version("wallaby", "cell2"));
    }

    [Fact]
    public async Task The_start_releases_data_migrations_start_no_verification_tool_and_a_hop_with_schema_steps_does()
    {
        var cloud = new Cloud(fx, "cinder", "victoria");

        var data = await cloud.HopAsync("victoria", "victoria", r => r with { Phases = new HashSet<StepKind> { StepKind.Data } });

        Assert.False(data.Failed, data.Message);
        Assert.Equal(DataOutcome.Done, data.DataOutcome);
        // The data tool's own exit code is the verdict of its migrations; the schema verdict is the pre-check's reading.
        Assert.DoesNotContain(Runs(cloud), r => r.Argv.Contains("upgrade"));
        Assert.DoesNotContain(data.Steps, s => s.Kind == StepKind.Verify);
        Assert.True(data.Verified, data.Message);
        Assert.Equal(data.SchemaBefore.Select(d => d.Revision), data.SchemaAfter.Select(d => d.Revision));

        var hop = await cloud.HopAsync("victoria", "wallaby");
        Assert.False(hop.Failed, hop.Message);
        Assert.Contains(hop.Steps, s => s.Kind == StepKind.Verify && s.Name == "upgrade_check" && s.Outcome == StepOutcome.Ok);
        Assert.Single(Runs(cloud), r => r.Argv.Contains("upgrade") && r.Release == "wallaby");
    }

    private static List<(string Release, List<string> Argv)> Runs(Cloud cloud) =>
        FakeToolboxLogEntry.ReadLines(cloud.ExecLog).Select(l => JsonDocument.Parse(l).RootElement)
            .Select(e => (e.GetProperty("release").GetString()!, e.GetProperty("argv").EnumerateArray().Select(a => a.GetString()!).ToList()))
            .ToList();
}
