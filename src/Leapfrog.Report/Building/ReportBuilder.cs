using Leapfrog.Core.Outcomes;
using Leapfrog.Report.Model;
using Leapfrog.Report.Reading;

namespace Leapfrog.Report.Building;

/// <summary>Reads every input and makes the report's content; never throws for a bad input file (it is listed as unread).</summary>
internal static class ReportBuilder
{
    public static RunReport Build(ReportInput input, DateTimeOffset now, IEnumerable<Unread> unreadInputs)
    {
        var unread = unreadInputs.ToList();
        var sources = new List<SourceFile>();
        var files = StateFiles.Read(input.State, unread, sources);
        var results = HopResults.From(input.Results);

        var hops = files
            .SelectMany(f => f.Hops.Select(h => (h.From, h.To, Run: results.Find(f.Service, h.From, h.To, h.Run.RunId) is { } r ? HopResults.Apply(h.Run, r) : h.Run)))
            .GroupBy(x => (x.From, x.To))
            .OrderBy(g => Words.Order(g.Key.To)).ThenBy(g => Words.Order(g.Key.From))
            .Select(g =>
            {
                var runs = g.Select(x => x.Run).OrderBy(r => Json.Time(r.Started)).ThenBy(r => r.Service, StringComparer.Ordinal).ToList();
                return new HopReport
                {
                    From = g.Key.From, To = g.Key.To, Title = Words.HopTitle(g.Key.From, g.Key.To),
                    Started = runs.Select(r => r.Started).MinBy(Json.Time),
                    Finished = runs.Any(r => r.Finished is null) ? null : runs.Select(r => r.Finished).MaxBy(Json.Time),
                    Services = runs,
                };
            })
            .ToList();

        var services = files.Select(f => new ServiceStanding
        {
            Service = f.Service, Release = f.Release, ReleaseName = f.Release is null ? null : Words.Release(f.Release),
            LastHop = f.Hops.LastOrDefault() is { } last ? Words.HopTitle(last.From, last.To) : null,
            LastOutcome = f.Hops.LastOrDefault()?.Run.Outcome,
            Running = f.Locked || f.Hops.LastOrDefault()?.Run.Outcome == HopStatus.Running.Name(),
            StateFile = f.File, Updated = f.Updated,
        }).ToList();

        var notes = results.Notes().ToList();
        notes.AddRange(files.Where(f => f.Locked).Select(f => new Note("lock held", f.Service, null,
            $"{f.Service}'s lock ({f.Service}.lock beside {Path.GetFileName(f.File)}) is held: a hop is running or was cut off")));
        notes.AddRange(hops.SelectMany(h => h.Services.Where(s => s.Outcome == HopStatus.Failed.Name()).Select(s => new Note("failure", s.Service, h.Title, s.Message ?? "failed (no message recorded)"))));

        var backups = Backups.Read(input.Backups, input.BackupRoot, unread, sources);
        var runsAll = hops.SelectMany(h => h.Services).ToList();
        var start = runsAll.Select(r => Json.Time(r.Started)).OfType<DateTimeOffset>().DefaultIfEmpty().Min();
        var running = services.Any(s => s.Running);
        var ends = runsAll.Select(r => Json.Time(r.Finished)).OfType<DateTimeOffset>().ToList();
        DateTimeOffset? end = running || ends.Count == 0 ? null : ends.Max();
        var window = end is { } e && start != default ? (e - start).TotalSeconds : (double?)null;
        var rehearsal = Rehearsal.Read(input.Rehearsal, hops, window, unread, sources);
        sources.AddRange(results.Count > 0 ? [new SourceFile($"{results.Count} hop result(s)", "results")] : []);

        var failed = services.Where(s => s.LastOutcome == HopStatus.Failed.Name()).Select(s => s.Service).ToList();
        var (status, text) = (running, failed.Count, unread.Count, files.Count) switch
        {
            (true, _, _, _) => ("running", $"STILL RUNNING: {string.Join(", ", services.Where(s => s.Running).Select(s => s.Service))} had a hop under way when this report was written; it is not the final record"),
            (_, > 0, _, _) => ("failed", $"FAILED: {string.Join(", ", failed)} stopped with a failed hop; rerun the same playbook to resume"),
            (_, _, _, 0) => ("incomplete", "NO RUN RECORDED: no state file could be read"),
            (_, _, > 0, _) => ("incomplete", $"INCOMPLETE: {unread.Count} input(s) could not be read (listed below); the rest is shown"),
            _ => ("finished", $"FINISHED: every recorded hop is done; {string.Join(", ", services.Select(s => $"{s.Service} at {s.ReleaseName ?? "its start release"}"))}"),
        };

        return new RunReport
        {
            Title = input.Title, Generated = Words.Stamp(now), Status = status, StatusText = text,
            Started = start == default ? null : Words.Stamp(start), Finished = end is { } f2 ? Words.Stamp(f2) : null,
            Sources = sources, Unread = unread, Services = services, Hops = hops, Timeline = TimelineBuilder.Build(hops, now),
            Notes = notes, Backups = backups, Rehearsal = rehearsal, Legend = [.. Legend.Entries],
        };
    }
}
