using System.Text.Json.Nodes;
using Json.Schema;
using Leapfrog.Report.Building;
using Leapfrog.Testing;

namespace Leapfrog.Report.Tests;

/// <summary>A final hop's registry (the hop result's <c>registry</c>) in report.json, valid by the schema, and in report.html.</summary>
[Collection("real-run")]
public sealed class RegistryReportTests(RealRun run)
{
    [Fact]
    public void The_final_hops_registry_is_carried_into_report_json_and_html_with_the_old_rows_and_the_workaround()
    {
        var results = JsonNode.Parse(run.Results.ToJsonString())!.AsArray().OfType<JsonNode>().ToList();
        var last = results.Last(r => (string?)r["service"] == "keystone" && (string?)r["to_release"] == "xena");
        last["registry"] = JsonNode.Parse("""
            {"service": "keystone", "table": "services", "release": "xena", "verdict": "too_old",
             "msg": "1 nova-compute service(s) older than xena accepts (oldest: 66 (Caracal)): compute1 <b>x</b>",
             "release_check": "too_old: stand-in", "oldest": "66 (Caracal)",
             "workaround": "[workarounds] disable_compute_service_check_for_ffu = True", "source": "nova/utils.py",
             "dead_after_s": 604800, "remove_dead": true, "backup": "/var/lib/leapfrog/runs/x/registry-nova-removed.json", "errors": [],
             "rows": [
               {"cell": "cell1", "id": 1, "host": "compute1", "binary": "nova-compute", "versions": {"version": "52"},
                "last_seen": "2026-01-01 00:00:00", "age_s": 3000000, "deleted": false, "disabled": false, "status": "too_old", "dead": true, "removed": true},
               {"cell": null, "id": 2, "host": "control", "binary": "nova-conductor", "versions": {"version": "68"},
                "last_seen": "2026-02-01 00:00:00", "age_s": 60, "deleted": false, "disabled": true, "status": "accepted", "dead": false, "removed": false}]}
            """);
        var dir = Path.Combine(Path.GetTempPath(), "lf-report-reg-" + Guid.NewGuid().ToString("N")[..8]);

        ReportWriter.Write(new ReportInput { State = [run.StateDir], Results = results, OutDir = dir }, DateTimeOffset.UtcNow);

        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "report.json")))!;
        var hop = json["hops"]!.AsArray().Single(h => (string?)h!["to"] == "xena")!["services"]!.AsArray().Single(s => (string?)s!["service"] == "keystone")!;
        var registry = hop["registry"]!;
        Assert.Equal("too_old", (string?)registry["verdict"]);
        Assert.Equal("[workarounds] disable_compute_service_check_for_ffu = True", (string?)registry["workaround"]);
        Assert.Equal(["compute1 cell1 version=52 too_old true", "control  version=68 accepted false"],
            registry["rows"]!.AsArray().Select(r => $"{r!["host"]} {r["cell"]} {r["versions"]} {r["status"]} {r["removed"]}"));
        Assert.Null(json["hops"]![0]!["services"]![0]!["registry"]);

        // Without its $id: the schema library registers a schema by its id once per process, and ReportTests reads it too.
        var published = JsonNode.Parse(File.ReadAllText(Repo.At("docs", "report.schema.json")))!.AsObject();
        published.Remove("$id");
        var schema = JsonSchema.FromText(published.ToJsonString());
        var result = schema.Evaluate(System.Text.Json.JsonDocument.Parse(json.ToJsonString()).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, string.Join("; ", result.Details?.Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")) ?? []));
        registry["rows"]![0]!["status"] = 3;
        Assert.False(schema.Evaluate(System.Text.Json.JsonDocument.Parse(json.ToJsonString()).RootElement).IsValid);

        var html = File.ReadAllText(Path.Combine(dir, "report.html"));
        Assert.Contains("Service registry after the jump: TOO OLD for the target release", html, StringComparison.Ordinal);
        Assert.Contains("<code>[workarounds] disable_compute_service_check_for_ffu = True</code>", html, StringComparison.Ordinal);
        Assert.Contains("dead, removed now", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>x</b>", html, StringComparison.Ordinal);
    }
}
