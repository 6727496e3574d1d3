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

        // Schema and data steps: hop 1 max(15, 4) + 50; hop 2 max(3, 8) + 6. Backups: 4 s a hop. No recorded times: each
        // hop is predicted from all its steps (probes and verifications too): hop 1 max(18, 4) + 50, hop 2 14.
        Assert.Equal(65 + 14, r["window"]!["steps_s"]!.GetValue<double>());
        Assert.Equal(8, r["window"]!["backup_s"]!.GetValue<double>());
        Assert.Equal(68 + 14 + 8, r["predicted_window_s"]!.GetValue<double>());
        Assert.All(r["hop_windows"]!.AsArray(), h => Assert.Equal("steps", h!["basis"]!.GetValue<string>()));
        Assert.Equal(7, r["before_window"]!["seconds"]!.GetValue<double>());
        Assert.Equal("passed", r["outcome"]!.GetValue<string>());
        Assert.Equal(6, r["hops"]!.AsArray().Count); // the start release's own data migrations are not a hop of the window
    }

    [Fact]
    public void Serially_every_service_costs_its_own_time_and_without_backups_none_is_added()
    {
        var r = RehearsalRecord.Build(Results(), Plan(), Copy(), parallel: false, backup: false, stopped: null, "2026-01-01T00:00:00Z");

        Assert.Equal(18 + 4 + 50 + 3 + 8 + 6, r["predicted_window_s"]!.GetValue<double>());
        Assert.Equal("serial", r["mode"]!.GetValue<string>());
    }

    [Fact]
    public void With_the_state_files_times_each_hop_is_its_wall_time_in_the_rehearsal_plus_its_backups()
    {
        var results = Results();
        var i = 0;
        foreach (var r in results.OfType<JsonObject>())
        {
            r["run_id"] = $"run-{i++}";
        }

        // run-0 is the start release's data (before the window); hop 1 starts at 10 s (keystone, placement; nova after
        // them), hop 2 at 100 s, its last service ends at 130 s. Production's old hops (another run id) are not counted.
        var timing = JsonNode.Parse("""
            {"load": "1.5", "hop_times": [
              {"service": "nova", "run_id": "run-0", "from": "victoria", "to": "victoria", "started": "2026-01-01T00:00:00Z", "finished": "2026-01-01T00:00:08Z"},
              {"service": "keystone", "run_id": "run-1", "from": "victoria", "to": "wallaby", "started": "2026-01-01T00:00:10Z", "finished": "2026-01-01T00:00:30Z"},
              {"service": "placement", "run_id": "run-2", "from": "victoria", "to": "wallaby", "started": "2026-01-01T00:00:11Z", "finished": "2026-01-01T00:00:16Z"},
              {"service": "nova", "run_id": "run-3", "from": "victoria", "to": "wallaby", "started": "2026-01-01T00:00:33Z", "finished": "2026-01-01T00:01:35Z"},
              {"service": "keystone", "run_id": "run-4", "from": "wallaby", "to": "xena", "started": "2026-01-01T00:01:40Z", "finished": "2026-01-01T00:01:45Z"},
              {"service": "placement", "run_id": "run-5", "from": "wallaby", "to": "xena", "started": "2026-01-01T00:01:40Z", "finished": "2026-01-01T00:01:50Z"},
              {"service": "nova", "run_id": "run-6", "from": "wallaby", "to": "xena", "started": "2026-01-01T00:01:51Z", "finished": "2026-01-01T00:02:10Z"},
              {"service": "nova", "run_id": "old", "from": "ussuri", "to": "victoria", "started": "2025-01-01T00:00:00Z", "finished": "2025-01-02T00:00:00Z"}]}
            """)!.AsObject();
        var copy = Copy();
        copy["load"] = 0.5;

        var rec = RehearsalRecord.Build(results, Plan(), copy, parallel: true, backup: true, stopped: null, "2026-01-01T00:00:00Z", timing);
        var hops = rec["hop_windows"]!.AsArray();

        Assert.Equal(90, hops[0]!["wall_s"]!.GetValue<double>()); // 10 s to 100 s
        Assert.Equal(30, hops[1]!["wall_s"]!.GetValue<double>()); // 100 s to 130 s
        Assert.Equal(94, hops[0]!["predicted_s"]!.GetValue<double>());
        Assert.Equal(22, hops[0]!["outside_steps_s"]!.GetValue<double>()); // 90 s against the steps' 68 s
        Assert.Equal("wall", hops[1]!["basis"]!.GetValue<string>());
        Assert.Equal(120 + 8, rec["predicted_window_s"]!.GetValue<double>());
        Assert.Equal(120, rec["window"]!["wall_s"]!.GetValue<double>());
        Assert.Equal(62, rec["hops"]!.AsArray().Single(h => h!["service"]!.GetValue<string>() == "nova" && h["to"]!.GetValue<string>() == "wallaby")!["predicted_s"]!.GetValue<double>());
        Assert.Contains(rec["window"]!["differences"]!.AsArray(), d => d!.GetValue<string>().Contains("0.50 before the copy and 1.50 when", StringComparison.Ordinal));
        Assert.Contains("the hops as they ran on the copy 2 min 0 s + backups 8.0 s", RehearsalRecord.Summary(rec, "/tmp/r.json")[1], StringComparison.Ordinal);
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
