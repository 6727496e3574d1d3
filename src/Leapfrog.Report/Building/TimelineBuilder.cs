using Leapfrog.Core.Outcomes;
using Leapfrog.Report.Model;
using Leapfrog.Report.Reading;

namespace Leapfrog.Report.Building;

/// <summary>
/// Puts every step on one time axis. A step's start is the one recorded (state file or hop result); a step without one is
/// laid end to end after the previous step of its lane, from the hop's start (a cell's steps: back from the cell's end).
/// Bar lengths are always the recorded durations.
/// </summary>
internal static class TimelineBuilder
{
    public static Timeline Build(IReadOnlyList<HopReport> hops, DateTimeOffset now)
    {
        var runs = hops.SelectMany(h => h.Services.Select(s => (Hop: h, Run: s))).ToList();
        var starts = runs.Select(r => Json.Time(r.Run.Started)).OfType<DateTimeOffset>().ToList();
        if (starts.Count == 0)
        {
            return new Timeline { ExactStarts = true };
        }

        var origin = starts.Min();
        var order = 0;
        var exact = true;
        var lanes = new List<Lane>();
        foreach (var (hop, run) in runs)
        {
            var start = Offset(run.Started, origin) ?? 0;
            var end = run.Outcome == HopStatus.Running.Name() ? (now - origin).TotalSeconds : Offset(run.Finished, origin);
            var bars = new List<Bar>();
            var cursor = start;
            foreach (var step in run.Steps)
            {
                exact &= step.Started is not null || step.Runs == 0;
                var at = Offset(step.Started, origin) ?? cursor;
                bars.Add(new Bar(order++, $"{step.Kind}:{step.Name}", step.Outcome, at, step.DurationS, step.Rc));
                cursor = Math.Max(cursor, at + step.DurationS);
            }

            lanes.Add(new Lane
            {
                Label = $"{run.Service} {hop.Title}", Hop = hop.Title, Service = run.Service, StartS = start, EndS = end,
                Outcome = run.Outcome, Bars = bars,
            });
            foreach (var cell in run.Cells)
            {
                var cellEnd = Offset(cell.Finished, origin);
                var cellCursor = cellEnd is { } e ? e - cell.Steps.Sum(s => s.DurationS) : cursor;
                var cellStart = cellCursor;
                var cellBars = new List<Bar>();
                foreach (var step in cell.Steps)
                {
                    exact &= step.Started is not null || step.Runs == 0;
                    var at = Offset(step.Started, origin) ?? cellCursor;
                    cellBars.Add(new Bar(order++, $"{step.Kind}:{step.Name}", step.Outcome, at, step.DurationS, step.Rc));
                    cellCursor = Math.Max(cellCursor, at + step.DurationS);
                }

                var name = cell.Name.Length > 0 ? cell.Name : cell.Uuid;
                lanes.Add(new Lane
                {
                    Label = $"{run.Service} cell {name}", Hop = hop.Title, Service = run.Service, Cell = name,
                    StartS = cellBars.Count > 0 ? cellBars.Min(b => b.StartS) : cellStart, EndS = cellEnd ?? cellCursor,
                    Outcome = cell.Outcome, Bars = cellBars,
                });
            }
        }

        var span = lanes.SelectMany(l => l.Bars.Select(b => b.StartS + b.DurationS).Append(l.EndS ?? l.StartS)).DefaultIfEmpty(0).Max();
        return new Timeline { Origin = Words.Stamp(origin), SpanS = Math.Max(span, 0.001), ExactStarts = exact, Lanes = lanes };
    }

    private static double? Offset(string? time, DateTimeOffset origin) => Json.Time(time) is { } t ? (t - origin).TotalSeconds : null;
}
