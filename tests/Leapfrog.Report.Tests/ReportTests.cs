using System.Text.Json.Nodes;
using Json.Schema;
using Leapfrog.Report.Building;
using Leapfrog.Testing;

namespace Leapfrog.Report.Tests;

/// <summary>The report of real hops, opened in a real browser.</summary>
[Collection("real-run")]
public sealed class ReportTests(RealRun run)
{
    [Fact]
    public async Task I_can_open_the_report_offline_and_see_one_bar_per_recorded_step_in_order_with_lengths_in_proportion()
    {
        var dir = Write(run.StateDir);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.OpenAsync(Path.Combine(dir, "report.html"), "real-hops.png");

        Assert.Empty(page.ConsoleErrors);
        Assert.Equal([new Uri(Path.Combine(dir, "report.html")).AbsoluteUri], page.Requests);
        Assert.True(new FileInfo(page.Screenshot).Length > 10_000, "screenshot too small: " + page.Screenshot);

        var bars = (await page.EvalAsync<BarSeen[]>("""
            () => [...document.querySelectorAll('#timeline rect.bar')].map(r => ({
              lane: r.dataset.lane, step: r.dataset.step, order: +r.dataset.order, duration: +r.dataset.durationS,
              x: +r.getAttribute('x'), width: r.getBBox().width }))
            """)).ToList();
        var scale = await page.EvalAsync<double>("() => +document.getElementById('timeline').dataset.scale");

        // Evidence from the engine, not the report: the state files' steps, in their recorded order, per service hop.
        var recorded = Directory.GetFiles(run.StateDir, "*.json").Select(f => JsonNode.Parse(File.ReadAllText(f))!)
            .SelectMany(s => s["hops"]!.AsArray().Select(h => (Service: (string)s["service"]!, Steps: h!["steps"]!.AsArray()
                .Select(st => (Name: (string)st!["name"]!, Duration: (double)st["duration_s"]!)).ToList())))
            .ToList();
        Assert.Equal(recorded.Sum(r => r.Steps.Count), bars.Count);
        Assert.Equal(3, recorded.Count); // keystone's two hops; glance's one, failed then resumed in the same record
        var lanes = bars.GroupBy(b => b.Lane).ToList();
        Assert.Equal(3, lanes.Count);
        foreach (var (service, steps) in recorded)
        {
            var lane = lanes.Single(l => l.Key.StartsWith(service + " ", StringComparison.Ordinal) && l.Select(b => b.Step).SequenceEqual(steps.Select(s => s.Name))
                && l.Select(b => b.Duration).Zip(steps.Select(s => s.Duration)).All(p => Math.Abs(p.First - p.Second) < 1e-5)).OrderBy(b => b.Order).ToList();
            Assert.True(lane.Zip(lane.Skip(1)).All(p => p.Second.X >= p.First.X + p.First.Width - 0.01), $"{service}: bars not in recorded order on the axis");
        }

        var timed = bars.Where(b => b.Duration > 0.001).ToList();
        Assert.NotEmpty(timed);
        Assert.All(timed, b => Assert.InRange(b.Width / b.Duration, scale * 0.999, scale * 1.001));
        var longest = timed.MaxBy(b => b.Duration)!;
        var shortest = timed.MinBy(b => b.Duration)!;
        Assert.Equal(longest.Duration / shortest.Duration, longest.Width / shortest.Width, 2);
    }

    [Fact]
    public async Task A_tool_that_prints_markup_is_shown_as_text_and_its_script_never_runs()
    {
        var dir = Write(run.StateDir);
        Assert.Contains(run.Results.SelectMany(r => r!["steps"]!.AsArray()), s => ((string?)s!["stderr"])?.Contains(RealRun.Markup, StringComparison.Ordinal) == true); // the tool really printed it
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.OpenAsync(Path.Combine(dir, "report.html"), "markup.png");

        Assert.Empty(page.ConsoleErrors);
        Assert.Equal("undefined", await page.EvalAsync<string>("() => typeof window.__pwned"));
        Assert.Equal(1, await page.EvalAsync<int>("() => document.querySelectorAll('script').length")); // the inline data only
        Assert.Equal(0, await page.EvalAsync<int>("() => document.querySelectorAll('b').length"));
        var shown = await page.EvalAsync<string>("() => [...document.querySelectorAll('pre.tool-output')].map(p => p.textContent).join('\\n')");
        Assert.Contains(RealRun.Markup, shown, StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_json_validates_against_its_published_schema_and_a_broken_copy_does_not()
    {
        var dir = Write(run.StateDir);
        var schema = JsonSchema.FromText(File.ReadAllText(Repo.At("docs", "report.schema.json")));
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "report.json")))!;

        var result = schema.Evaluate(System.Text.Json.JsonDocument.Parse(json.ToJsonString()).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, string.Join("; ", result.Details?.Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")) ?? []));

        json["timeline"]!["lanes"]![0]!["bars"]![0]!["duration_s"] = -1;
        Assert.False(schema.Evaluate(System.Text.Json.JsonDocument.Parse(json.ToJsonString()).RootElement).IsValid);
    }

    [Fact]
    public void The_report_names_every_hop_and_service_with_the_verdict_and_the_resume_of_the_failed_hop()
    {
        var dir = Write(run.StateDir);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "report.json")))!;

        Assert.Equal("finished", (string)json["status"]!);
        Assert.Equal(["victoria -> wallaby", "wallaby -> xena"], json["hops"]!.AsArray().Select(h => (string)h!["title"]!));
        var firstHop = json["hops"]![0]!["services"]!.AsArray();
        Assert.Equal(["glance", "keystone"], firstHop.Select(s => (string)s!["service"]!).Order());
        Assert.All(json["hops"]!.AsArray().SelectMany(h => h!["services"]!.AsArray()), s => Assert.True((bool?)s!["verified"]));
        Assert.All(json["hops"]!.AsArray().SelectMany(h => h!["services"]!.AsArray()).SelectMany(s => s!["databases"]!.AsArray()),
            d => Assert.Equal(d!["heads"]!.ToJsonString(), d["revision"]!.ToJsonString()));
        Assert.Contains(json["notes"]!.AsArray(), n => (string)n!["kind"]! == "resume" && (string)n["service"]! == "glance");
        Assert.Equal(["keystone xena", "glance wallaby"], json["services"]!.AsArray().Select(s => $"{s!["service"]} {s["release"]}").OrderDescending());
        var text = File.ReadAllText(Path.Combine(dir, "report.txt"));
        Assert.StartsWith("FINISHED", text, StringComparison.Ordinal);
        Assert.InRange(text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, 3, 14);
        Assert.DoesNotContain(Engine.Tests.ControllerFixture.DbSecret, File.ReadAllText(Path.Combine(dir, "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_a_foreign_and_a_missing_state_file_are_listed_by_name_and_the_rest_is_shown()
    {
        var state = Copy(run.StateDir);
        var keystone = File.ReadAllText(Path.Combine(state, "keystone.json"));
        File.WriteAllText(Path.Combine(state, "keystone.json"), keystone[..(keystone.Length / 2)]);
        File.WriteAllText(Path.Combine(state, "nova.json"), """{"name": "something else", "items": [1, 2]}""");
        var missing = Path.Combine(state, "missing", "cinder.json");

        var dir = Write(state, missing);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "report.json")))!;

        Assert.Equal("incomplete", (string)json["status"]!);
        var unread = json["unread"]!.AsArray().Select(u => $"{Path.GetFileName((string)u!["file"]!)}: {u["reason"]}").ToList();
        Assert.Contains(unread, u => u.StartsWith("keystone.json: not valid JSON", StringComparison.Ordinal));
        Assert.Contains(unread, u => u.StartsWith("nova.json: not a leapfrog state file", StringComparison.Ordinal));
        Assert.Contains("cinder.json: does not exist", unread);
        Assert.Equal(["glance"], json["services"]!.AsArray().Select(s => (string)s!["service"]!));

        await using var browser = await Browser.LaunchAsync();
        var page = await browser.OpenAsync(Path.Combine(dir, "report.html"), "unreadable.png");
        Assert.Empty(page.ConsoleErrors);
        var listed = await page.EvalAsync<string>("() => document.getElementById('unread').textContent");
        Assert.Contains(Path.Combine(state, "keystone.json"), listed, StringComparison.Ordinal);
        Assert.Contains(missing, listed, StringComparison.Ordinal);
        Assert.True(await page.EvalAsync<int>("() => document.querySelectorAll('#timeline rect.bar').length") > 0);
    }

    [Fact]
    public void A_run_still_going_says_so()
    {
        var state = Copy(run.StateDir);
        Directory.CreateDirectory(Path.Combine(state, "glance.lock"));

        var dir = Write(state);

        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "report.json")))!;
        Assert.Equal("running", (string)json["status"]!);
        Assert.Contains("STILL RUNNING: glance", File.ReadAllText(Path.Combine(dir, "report.html")), StringComparison.Ordinal);
        Assert.StartsWith("STILL RUNNING", File.ReadAllText(Path.Combine(dir, "report.txt")), StringComparison.Ordinal);
    }

    private string Write(params string[] state)
    {
        var dir = Path.Combine(Path.GetTempPath(), "lf-report-out-" + Guid.NewGuid().ToString("N")[..8]);
        var results = JsonNode.Parse(run.Results.ToJsonString())!.AsArray().OfType<JsonNode>().ToList();
        ReportWriter.Write(new ReportInput { State = [.. state], Results = results, OutDir = dir }, DateTimeOffset.UtcNow);
        return dir;
    }

    private static string Copy(string from)
    {
        var to = Path.Combine(Path.GetTempPath(), "lf-report-state-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(to);
        foreach (var f in Directory.GetFiles(from))
        {
            File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
        }

        return to;
    }

    public sealed record BarSeen(string Lane, string Step, int Order, double Duration, double X, double Width);
}
