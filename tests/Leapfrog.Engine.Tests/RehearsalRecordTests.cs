using System.Text.Json.Nodes;
using Leapfrog.Engine;

namespace Leapfrog.Engine.Tests;

/// <summary>The rehearsal record's predicted window, from hop results shaped as the hop module returns them.</summary>
public sealed class RehearsalRecordTests
{
    private static JsonObject Step(string name, string kind, double seconds, int rc = 0, string outcome = "ok") =>
        new() { ["name"] = name, ["kind"] = kind, ["duration_s"] = seconds, ["rc"] = rc, ["outcome"] = outcome };

    private static JsonObject Result(string service, string from, string to, bool failed = false, string msg = "ok", params JsonObject[] steps) =>
        new() { ["service"] = service, ["from_release"] = from, ["to_release"] = to, ["failed"] = failed, ["msg"] = msg, ["steps"] = new JsonArray(steps) };

    private static JsonObject Plan() => JsonNode.Parse("""
        {"from_release": "victoria", "to_release": "xena", "releases": ["victoria", "wallaby", "xena"],
         "hops": [{"from": "victoria", "to": "wallaby", "waves": [["keystone", "placement"], ["nova"]]},
                  {"from": "wallaby", "to": "xena", "waves": [["keystone", "placement"], ["nova"]]}]}
        """)!.AsObject();

    private static JsonArray Results() =>
    [
        Result("nova", "victoria", "victoria", false, "ok", Step("online_data_migrations", "data", 7)),
        Result("keystone", "victoria", "wallaby", false, "ok", Step("check", "probe", 1), Step("expand", "schema", 10), Step("contract", "schema", 5), Step("status", "verify", 2)),
        Result("placement", "victoria", "wallaby", false, "ok", Step("sync", "schema", 4)),
        Result("nova", "victoria", "wallaby", false, "ok", Step("api_db sync", "schema", 20), Step("online_data_migrations", "data", 30)),
        Result("keystone", "wallaby", "xena", false, "ok", Step("expand", "schema", 3)),
        Result("placement", "wallaby", "xena", false, "ok", Step("sync", "schema", 8)),
        Result("nova", "wallaby", "xena", false, "ok", Step("db sync", "schema", 6)),
    ];

    private static JsonObject Copy() => JsonNode.Parse("""{"backup_seconds": {"keystone": 1.5, "placement": 0.5, "nova": 2}, "largest_tables": [], "databases": []}""")!.AsObject();

    [Fact]
    public void In_parallel_each_wave_costs_its_longest_service_and_the_backups_are_added()
    {
        var r = RehearsalRecord.Build(Results(), Plan(), Copy(), parallel: true, backup: true, stopped: null, "2026-01-01T00:00:00Z");

        // hop 1: max(15, 4) + 50; hop 2: max(3, 8) + 6. Backups: 4 s a hop.
        Assert.Equal(65 + 14, r["window"]!["steps_s"]!.GetValue<double>());
        Assert.Equal(8, r["window"]!["backup_s"]!.GetValue<double>());
        Assert.Equal(87, r["predicted_window_s"]!.GetValue<double>());
        Assert.Equal(7, r["before_window"]!["seconds"]!.GetValue<double>());
        Assert.Equal("passed", r["outcome"]!.GetValue<string>());
        Assert.Equal(6, r["hops"]!.AsArray().Count); // the start release's own data migrations are not a hop of the window
    }

    [Fact]
    public void Serially_every_service_costs_its_own_time_and_without_backups_none_is_added()
    {
        var r = RehearsalRecord.Build(Results(), Plan(), Copy(), parallel: false, backup: false, stopped: null, "2026-01-01T00:00:00Z");

        Assert.Equal(15 + 4 + 50 + 3 + 8 + 6, r["predicted_window_s"]!.GetValue<double>());
        Assert.Equal("serial", r["mode"]!.GetValue<string>());
    }

    [Fact]
    public void A_failed_step_is_the_blocker_with_its_hop_service_step_and_message()
    {
        var results = Results();
        results.RemoveAt(6);
        results.Add(Result("nova", "wallaby", "xena", true, "db sync exited 1 (error): boom", Step("api_db sync", "schema", 2), Step("db sync", "schema", 1, 1, "failed")));

        var r = RehearsalRecord.Build(results, Plan(), Copy(), parallel: true, backup: true, stopped: "nova failed in hop 2/2", "2026-01-01T00:00:00Z");
        var lines = RehearsalRecord.Summary(r, "/tmp/r.json");

        Assert.Equal("blocked", r["outcome"]!.GetValue<string>());
        Assert.Equal("wallaby -> xena", r["blocker"]!["hop"]!.GetValue<string>());
        Assert.Equal("nova", r["blocker"]!["service"]!.GetValue<string>());
        Assert.Equal("db sync", r["blocker"]!["step"]!.GetValue<string>());
        Assert.Equal(1, r["blocker"]!["rc"]!.GetValue<int>());
        Assert.Contains("BLOCKED at wallaby -> xena, nova, step db sync: db sync exited 1 (error): boom", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("Predicted outage window:", lines[1], StringComparison.Ordinal);
    }
}
