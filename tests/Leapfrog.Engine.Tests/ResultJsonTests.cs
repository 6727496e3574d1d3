using System.Text.Json.Nodes;
using Leapfrog.Core.Catalog;
using Leapfrog.Core.Outcomes;

namespace Leapfrog.Engine.Tests;

/// <summary>
/// The hop module's steps, cells and blockers written once by source-generated JSON: the same keys and values as the
/// hand-written mapping they replace (plugins/modules/hop.yml), nulls included, and the state file's step record
/// projected from the same step.
/// </summary>
public sealed class ResultJsonTests
{
    private static readonly StepReport Step = new()
    {
        Name = "online_data_migrations",
        Kind = StepKind.Data,
        Command = "nova-manage db online_data_migrations --max-count 1000",
        Rc = 1,
        Meaning = ExitMeaning.More,
        Outcome = StepOutcome.GaveUp,
        Stdout = "out",
        Stderr = "",
        Started = "2026-01-01T00:00:01.000Z",
        DurationS = 12.5,
        Attempts = 50,
    };

    [Fact]
    public void A_step_is_written_with_every_key_of_the_result_and_its_vocabulary_in_snake_case()
    {
        var expected = JsonNode.Parse("""
            {"name": "online_data_migrations", "kind": "data", "command": "nova-manage db online_data_migrations --max-count 1000", "rc": 1,
             "meaning": "more", "outcome": "gave_up", "stdout": "out", "stderr": "", "error": null, "started": "2026-01-01T00:00:01.000Z",
             "duration_s": 12.5, "attempts": 50, "resumed": false}
            """);

        Assert.True(JsonNode.DeepEquals(expected, ResultJson.Step(Step)), ResultJson.Step(Step)!.ToJsonString());
        Assert.Null(ResultJson.Step(null));
    }

    [Fact]
    public void A_cell_and_a_blocker_keep_their_msg_key_and_nest_steps_and_migrations()
    {
        var cell = new CellReport
        {
            Name = "cell1", Uuid = "u1", Outcome = CellOutcome.NotRun, Message = "an earlier cell failed first",
            Steps = [Step with { Meaning = null, Rc = null, Outcome = StepOutcome.WouldRun }],
            DataMigrations = [new MigrationProgress { Name = "m", Needed = 3, Completed = 2, LastNeeded = 1, LastCompleted = 0, Batches = 2 }],
        };
        var blocker = new BlockerReport
        {
            Id = "b", Severity = "blocking", Status = BlockerStatus.CouldNotCheck, Error = "no answer", Message = "what", Fix = "fix", Source = "src",
        };

        var cells = ResultJson.Cells([cell]);
        var blockers = ResultJson.Blockers([blocker]);

        var c = Assert.IsType<JsonObject>(Assert.Single(cells));
        Assert.Equal(["name", "uuid", "outcome", "msg", "steps", "data_migrations"], c.Select(p => p.Key));
        Assert.Equal("not_run", (string?)c["outcome"]);
        Assert.Equal(("would_run", null), ((string?)c["steps"]![0]!["outcome"], (string?)c["steps"]![0]!["meaning"]));
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"name": "m", "needed": 3, "completed": 2, "last_needed": 1, "last_completed": 0, "batches": 2, "left": null, "left_why": null}"""),
            c["data_migrations"]![0]));
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"id": "b", "severity": "blocking", "status": "could_not_check", "cell": null, "details": [], "error": "no answer", "msg": "what", "fix": "fix", "source": "src"}"""),
            blockers[0]), blockers.ToJsonString());
    }

    [Fact]
    public void The_state_file_keeps_the_projection_of_the_same_step()
    {
        var record = StepRecord.Of(Step);

        Assert.Equal(new StepRecord
        {
            Name = "data:online_data_migrations", Command = Step.Command, Rc = 1, Outcome = StepOutcome.GaveUp, DurationS = 12.5, Runs = 50,
            Started = "2026-01-01T00:00:01.000Z",
        }, record);
    }
}
