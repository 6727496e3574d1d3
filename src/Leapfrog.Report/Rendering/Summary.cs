using Leapfrog.Core.Outcomes;
using Leapfrog.Report.Building;
using Leapfrog.Report.Model;

namespace Leapfrog.Report.Rendering;

/// <summary>The short text summary the playbooks print (about a dozen lines).</summary>
internal static class Summary
{
    public static List<string> Lines(RunReport r)
    {
        var lines = new List<string> { r.StatusText };
        lines.Add($"run: {r.Started ?? "-"} to {r.Finished ?? (r.Status == "running" ? "still running" : "-")}, {r.Hops.Count} hop(s), {r.Hops.Sum(h => h.Services.Count)} service hop(s)");
        foreach (var s in r.Services)
        {
            lines.Add($"{s.Service}: at {s.ReleaseName ?? "its start release"}" + (s.LastHop is null ? "" : $" (last hop {s.LastHop}: {Legend.Hop(s.Running ? HopStatus.Running.Name() : s.LastOutcome ?? "-")})"));
        }

        var unverified = r.Hops.SelectMany(h => h.Services.Where(s => s.Verified == false).Select(s => $"{s.Service} {h.Title}")).ToList();
        if (unverified.Count > 0)
        {
            lines.Add("not verified: " + string.Join("; ", unverified));
        }

        if (r.Notes.Count > 0)
        {
            lines.Add($"{r.Notes.Count} warning(s) and resume(s): see the report");
        }

        if (r.Backups.Count > 0)
        {
            lines.Add($"backups: {r.Backups.Count} file(s), {Words.Bytes(r.Backups.Sum(b => b.Bytes ?? 0))}");
        }

        if (r.Unread.Count > 0)
        {
            lines.Add($"could not read {r.Unread.Count} input(s): {string.Join(", ", r.Unread.Take(3).Select(u => Path.GetFileName(u.File)))}{(r.Unread.Count > 3 ? ", ..." : "")}");
        }

        return lines;
    }
}
