using System.Globalization;
using System.Net;
using System.Text;
using Leapfrog.Core.Outcomes;
using Leapfrog.Report.Building;
using Leapfrog.Report.Model;

namespace Leapfrog.Report.Rendering;

/// <summary>
/// report.html: one self-contained page. Styles and the report's data are inline; it runs no script and its content
/// security policy forbids every request, so it opens from disk with no network. Everything from the inputs is HTML-escaped.
/// </summary>
internal static partial class Html
{
    public static string Page(RunReport r)
    {
        var sb = new StringBuilder(64 * 1024);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
          .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
          .Append("<title>").Append(E(r.Title)).Append("</title><style>").Append(Style).Append("</style></head><body>\n");
        sb.Append("<h1>").Append(E(r.Title)).Append("</h1>\n");
        sb.Append("<p id=\"status\" class=\"status ").Append(E(r.Status)).Append("\">").Append(E(r.StatusText)).Append("</p>\n");
        sb.Append("<p class=\"facts\">Started ").Append(E(r.Started ?? "-")).Append(", finished ").Append(E(r.Finished ?? (r.Status == "running" ? "not yet" : "-")))
          .Append(". Report written ").Append(E(r.Generated)).Append(". Times are UTC.</p>\n");
        Services(sb, r);
        Timeline(sb, r);
        foreach (var hop in r.Hops)
        {
            Hop(sb, hop);
        }

        Notes(sb, r);
        Backups(sb, r);
        Rehearsal(sb, r);
        Unread(sb, r);
        sb.Append("<h2>Sources</h2><ul>");
        foreach (var s in r.Sources)
        {
            sb.Append("<li>").Append(E(s.Kind)).Append(": <code>").Append(E(s.File)).Append("</code></li>");
        }

        sb.Append("</ul>\n<script type=\"application/json\" id=\"report-data\">").Append(ReportJson.Write(r)).Append("</script>\n</body></html>\n");
        return sb.ToString();
    }

    private static void Services(StringBuilder sb, RunReport r)
    {
        sb.Append("<h2>Where every service stands</h2>\n<table id=\"services\"><tr><th>Service</th><th>Database at release</th><th>Last hop</th><th>Its outcome</th><th>State file</th></tr>");
        foreach (var s in r.Services)
        {
            sb.Append("<tr><td>").Append(E(s.Service)).Append("</td><td>").Append(E(s.ReleaseName ?? "its start release (no hop finished)"))
              .Append("</td><td>").Append(E(s.LastHop ?? "none")).Append("</td><td>").Append(Outcome(s.Running ? HopStatus.Running.Name() : s.LastOutcome ?? "-"))
              .Append("</td><td><code>").Append(E(s.StateFile ?? "-")).Append("</code></td></tr>");
        }

        sb.Append("</table>\n");
    }

    private static void Timeline(StringBuilder sb, RunReport r)
    {
        sb.Append("<h2>Timeline</h2>\n<p>One row per service and hop (and per nova cell run on its own), one bar per step, on one time axis from ")
          .Append(E(r.Timeline.Origin ?? "-")).Append(". Rows of one hop that overlap ran at the same time (a parallel wave). The grey band is the whole hop of that service.")
          .Append(r.Timeline.ExactStarts ? "" : " Some steps have no recorded start: they are drawn end to end from the hop's start; their lengths are still the recorded durations.")
          .Append("</p>\n<div class=\"chart\">").Append(Svg.Timeline(r.Timeline)).Append("</div>\n<h3>Legend</h3><table class=\"legend\">");
        foreach (var l in r.Legend)
        {
            sb.Append("<tr><td><span class=\"swatch\" style=\"background:").Append(E(l.Colour)).Append("\"></span>").Append(E(l.Outcome))
              .Append("</td><td>").Append(E(l.Meaning)).Append("</td></tr>");
        }

        sb.Append("</table>\n<p>Step names are <i>kind:name</i>: <i>probe</i> asks the release's tools where the schema is, <i>schema</i> changes it, ")
          .Append("<i>data</i> runs the online data migrations in batches until none is left, <i>verify</i> checks the result. ")
          .Append("<i>Exit code</i> is the tool's own; <i>meaning</i> is what that code means for that tool in that release.</p>\n");
    }

    private static string Outcome(string outcome) =>
        $"<span class=\"outcome\" style=\"border-color:{E(Legend.Colour(outcome))}\">{E(Legend.Hop(outcome))}</span>";

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    private static string S(double? s) => E(Words.Seconds(s));

    private static string N(long? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "-";
}
