using System.Text;
using Leapfrog.Core;
using Leapfrog.Report.Building;
using Leapfrog.Report.Model;
using Leapfrog.Report.Rendering;

namespace Leapfrog.Report;

/// <summary>Writes report.html, report.json and report.txt into the output directory, each atomically.</summary>
internal static class ReportWriter
{
    /// <summary>The files written, and the report.</summary>
    public sealed record Written(RunReport Report, string Html, string Json, string Text, List<string> Summary);

    /// <exception cref="ReportException">The output directory cannot be made or written.</exception>
    public static Written Write(ReportInput input, DateTimeOffset now, IEnumerable<Unread>? unread = null)
    {
        var report = ReportBuilder.Build(input, now, unread ?? []);
        var summary = Summary.Lines(report);
        var dir = Path.GetFullPath(input.OutDir);
        var html = Path.Combine(dir, "report.html");
        var json = Path.Combine(dir, "report.json");
        var text = Path.Combine(dir, "report.txt");
        try
        {
            Directory.CreateDirectory(dir);
            Atomic(json, ReportJson.Write(report) + "\n");
            Atomic(html, Html.Page(report));
            Atomic(text, string.Join("\n", summary) + "\n");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ReportException($"cannot write the report into '{Printable.Clip(dir, 200)}': {ex.Message}");
        }

        return new Written(report, html, json, text, summary);
    }

    private static void Atomic(string path, string content)
    {
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, content, new UTF8Encoding(false));
        File.Move(tmp, path, overwrite: true);
    }
}
