using Leapfrog.Report.Model;

namespace Leapfrog.Report.Reading;

/// <summary>
/// A rehearsal record (docs/report.md, "Rehearsal record"): <c>format</c> <c>leapfrog-rehearsal/1</c>,
/// <c>predicted_window_s</c>, and <c>hops</c>: each <c>from</c>, <c>to</c>, <c>service</c>, <c>predicted_s</c>.
/// </summary>
internal static class Rehearsal
{
    public const string Format = "leapfrog-rehearsal/1";

    public static RehearsalComparison? Read(string? path, IReadOnlyList<HopReport> hops, double? actualWindow, List<Unread> unread, List<SourceFile> sources)
    {
        if (path is null)
        {
            return null;
        }

        var text = InputFile.Read(path, out var error);
        var node = text is null ? null : Json.Parse(text, out error);
        if (node is null || Json.Str(node, "format") != Format)
        {
            unread.Add(new Unread(path, error ?? $"not a rehearsal record (format is not {Format})"));
            return null;
        }

        sources.Add(new SourceFile(path, "rehearsal"));
        return new RehearsalComparison
        {
            File = path,
            PredictedWindowS = Json.Num(node, "predicted_window_s"),
            ActualWindowS = actualWindow,
            Hops = Json.Arr(node, "hops").Select(h =>
            {
                var (from, to, service) = (Json.Str(h, "from") ?? "?", Json.Str(h, "to") ?? "?", Json.Str(h, "service") ?? "?");
                var actual = hops.Where(x => x.From == from && x.To == to).SelectMany(x => x.Services).LastOrDefault(s => s.Service == service)?.DurationS;
                return new PredictedHop(from, to, service, Json.Num(h, "predicted_s"), actual);
            }).ToList(),
        };
    }
}
