using System.Text.Json;
using System.Text.Json.Nodes;
using Leapfrog.Core.Outcomes;

namespace Leapfrog.Engine.Tests;

/// <summary>A state file that disagrees with the request, or cannot be read: a clear message, nothing run.</summary>
[Collection("controller")]
public sealed class StateFileTests(ControllerFixture fx)
{
    [Fact]
    public async Task A_state_file_at_another_release_than_from_release_refuses_with_nothing_run()
    {
        var cloud = new Cloud(fx, "keystone", "victoria");
        var state = Write(cloud, """{"format": 1, "service": "keystone", "release": "victoria", "hops": []}""");

        var error = await Assert.ThrowsAsync<ControllerException>(() => cloud.HopAsync("wallaby", "xena"));

        Assert.Contains($"the state file {cloud.StateFile} says the database is at victoria, but from_release is wallaby", error.Message);
        Assert.Equal(0, cloud.Executions());
        Assert.Equal(state, File.ReadAllText(cloud.StateFile));
        Assert.False(Directory.Exists(Path.Combine(cloud.StateDir, "keystone.lock")));

        var rerun = await cloud.HopAsync("victoria", "wallaby");
        Assert.False(rerun.Failed, rerun.Message);
        Assert.Equal(1, cloud.Executions("--expand"));
    }

    [Fact]
    public async Task A_state_file_ahead_of_the_target_runs_nothing_and_says_where_the_database_is()
    {
        var cloud = new Cloud(fx, "keystone", "victoria");
        var state = Write(cloud, """{"format": 1, "service": "keystone", "release": "xena", "hops": []}""");

        var outcome = await cloud.HopAsync("victoria", "wallaby");

        Assert.False(outcome.Failed);
        Assert.False(outcome.Changed);
        Assert.True(outcome.AlreadyDone);
        Assert.Equal($"keystone is already at xena (state file {cloud.StateFile}); nothing to do", outcome.Message);
        Assert.Empty(outcome.Steps);
        Assert.Equal(0, cloud.Executions());
        Assert.Equal(state, File.ReadAllText(cloud.StateFile));
    }

    [Theory]
    [InlineData("""{"format": 1, "service": "keystone", "release": """, "is corrupt")]
    [InlineData("", "is corrupt")]
    [InlineData("null", "is corrupt")]
    [InlineData("[]", "is corrupt")]
    [InlineData("""{"format": 1, "release": "victoria"}""", "is corrupt")]
    [InlineData("""{"format": 1, "service": "keystone", "release": "bogus", "hops": []}""", "'bogus' is not a known OpenStack release")]
    [InlineData("""{"format": 1, "service": "keystone", "hops": [{"run_id": "r1", "from": "victoria", "to": "wallaby", "started": "2026-01-01T00:00:00.000Z", "outcome": "finished"}]}""",
        "cannot be read: 'finished' is not a hop status (one of: running, done, failed) at $.hops[0].outcome")]
    [InlineData("""{"format": 1, "service": "keystone", "hops": [{"run_id": "r1", "from": "victoria", "to": "wallaby", "started": "2026-01-01T00:00:00.000Z", "outcome": "failed", "steps": [{"name": "schema:expand", "command": "x", "outcome": "Ok"}]}]}""",
        "cannot be read: 'Ok' is not a step outcome (one of: ok, pending, probed, skipped, done_earlier, would_run, failed, timeout, interrupted, gave_up, stuck) at $.hops[0].steps[0].outcome")]
    public async Task A_corrupt_state_file_refuses_with_nothing_run_and_the_rerun_hops_once_it_is_moved_aside(string text, string says)
    {
        var cloud = new Cloud(fx, "keystone", "victoria");
        Write(cloud, text);

        var error = await Assert.ThrowsAnyAsync<Core.LeapfrogException>(() => cloud.HopAsync("victoria", "wallaby"));

        Assert.Contains(cloud.StateFile, error.Message);
        Assert.Contains(says, error.Message);
        Assert.Equal(0, cloud.Executions());
        Assert.Equal(text, File.ReadAllText(cloud.StateFile));
        Assert.False(Directory.Exists(Path.Combine(cloud.StateDir, "keystone.lock")));

        File.Move(cloud.StateFile, cloud.StateFile + ".corrupt");
        var rerun = await cloud.HopAsync("victoria", "wallaby");
        Assert.False(rerun.Failed, rerun.Message);
        Assert.Equal(1, cloud.Executions("--expand"));
        Assert.Equal("wallaby", cloud.State()!.Release);
    }

    [Fact]
    public async Task A_state_file_written_by_the_previous_format_loads_and_the_failed_hop_resumes()
    {
        var cloud = new Cloud(fx, "keystone", "victoria");
        Write(cloud, PreviousFormat);

        var outcome = await cloud.HopAsync("victoria", "wallaby");

        Assert.False(outcome.Failed, outcome.Message);
        Assert.Contains("resuming keystone victoria -> wallaby (run 20260101T000000-victoria-wallaby, last outcome: failed)", outcome.Warnings);
        var hop = Assert.Single(cloud.State()!.Hops);
        Assert.Equal(("20260101T000000-victoria-wallaby", HopStatus.Done), (hop.RunId, hop.Outcome));
        Assert.Equal("wallaby", cloud.State()!.Release);
    }

    [Fact]
    public void The_previous_format_reads_into_the_enums_and_writes_back_unchanged()
    {
        var state = JsonSerializer.Deserialize(PreviousFormat, StateJsonContext.Default.ServiceState)!;

        var hop = Assert.Single(state.Hops);
        Assert.Equal(HopStatus.Failed, hop.Outcome);
        Assert.Equal([StepOutcome.Skipped, StepOutcome.DoneEarlier, StepOutcome.Timeout, StepOutcome.GaveUp], hop.Steps.Select(s => s.Outcome));
        Assert.Equal([CellOutcome.Done, CellOutcome.Failed], hop.Cells.Select(c => c.Outcome));
        Assert.Equal(StepOutcome.Stuck, hop.Cells[1].Steps.Single().Outcome);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(PreviousFormat), JsonNode.Parse(JsonSerializer.Serialize(state, StateJsonContext.Default.ServiceState))));
    }

    // A state file as the hop module wrote it before its vocabulary became enums (strings written by hand).
    private const string PreviousFormat = """
        {
          "format": 1,
          "service": "keystone",
          "updated": "2026-01-01T00:10:00.000Z",
          "hops": [
            {
              "run_id": "20260101T000000-victoria-wallaby",
              "from": "victoria",
              "to": "wallaby",
              "started": "2026-01-01T00:00:00.000Z",
              "finished": "2026-01-01T00:09:00.000Z",
              "outcome": "failed",
              "message": "step schema:contract ran past step_timeout (600 s) and was killed on the controller",
              "steps": [
                { "name": "probe:check", "command": "keystone-manage db_sync --check", "outcome": "skipped", "duration_s": 0, "runs": 0 },
                { "name": "schema:expand", "command": "keystone-manage db_sync --expand", "rc": 0, "outcome": "done_earlier", "duration_s": 0, "runs": 0 },
                { "name": "schema:contract", "command": "keystone-manage db_sync --contract", "outcome": "timeout", "duration_s": 600.5, "runs": 1, "started": "2026-01-01T00:00:01.000Z" },
                { "name": "data:online", "command": "x", "outcome": "gave_up", "duration_s": 1.25, "runs": 50, "started": "2026-01-01T00:08:00.000Z" }
              ],
              "cells": [
                { "name": "cell1", "uuid": "7c5a8d6e-0000-4000-8000-000000000001", "outcome": "done", "finished": "2026-01-01T00:05:00.000Z", "steps": [] },
                { "name": "cell2", "uuid": "7c5a8d6e-0000-4000-8000-000000000002", "outcome": "failed", "message": "stuck", "finished": "2026-01-01T00:06:00.000Z",
                  "steps": [{ "name": "data:online_data_migrations", "command": "nova-manage db online_data_migrations", "rc": 1, "outcome": "stuck", "duration_s": 3, "runs": 3 }] }
              ]
            }
          ]
        }
        """;

    private static string Write(Cloud cloud, string text)
    {
        Directory.CreateDirectory(cloud.StateDir);
        File.WriteAllText(cloud.StateFile, text);
        return text;
    }
}
