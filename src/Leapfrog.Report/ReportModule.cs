using System.Text.Json.Nodes;
using Leapfrog.Module;
using Leapfrog.Report.Building;
using Leapfrog.Report.Model;

namespace Leapfrog.Report;

/// <summary>leapfrog.openstack.report: writes report.html, report.json and report.txt on the machine it runs on (plugins/modules/report.yml).</summary>
internal static class ReportModule
{
    public static readonly IReadOnlyCollection<string> Parameters = ["state", "results_file", "backups", "backup_root", "rehearsal", "dest", "title"];

    public static Task<JsonObject> RunAsync(ModuleArgs args)
    {
        var state = args.GetList("state");
        if (state.Count == 0)
        {
            throw new ReportException("state: give at least one state directory or state file (the controller's state_dir, or a copy of it)");
        }

        var input = new ReportInput
        {
            State = [.. state],
            Backups = [.. args.GetList("backups")],
            BackupRoot = NonEmpty(args.GetString("backup_root")),
            Rehearsal = NonEmpty(args.GetString("rehearsal")),
            OutDir = args.GetRequired("dest"),
            Title = NonEmpty(args.GetString("title")) ?? "Leapfrog upgrade report",
        };
        var extra = new List<Unread>();
        if (NonEmpty(args.GetString("results_file")) is { } file)
        {
            input = input with { Results = Results.Read(file, out var error) };
            if (error is not null)
            {
                extra.Add(new Unread(file, error));
            }
        }

        var written = ReportWriter.Write(input, DateTimeOffset.UtcNow, extra);
        return Task.FromResult(new JsonObject
        {
            ["changed"] = true,
            ["msg"] = $"report written to {written.Html}: {written.Report.StatusText}",
            ["status"] = written.Report.Status,
            ["html"] = written.Html,
            ["json"] = written.Json,
            ["text"] = written.Text,
            ["summary"] = new JsonArray(written.Summary.Select(l => (JsonNode)l).ToArray()),
            ["unread"] = new JsonArray(written.Report.Unread.Select(u => (JsonNode)new JsonObject { ["file"] = u.File, ["reason"] = u.Reason }).ToArray()),
        });
    }

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
