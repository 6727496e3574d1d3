using Leapfrog.Report.Building;
using Leapfrog.Report.Model;

namespace Leapfrog.Report;

/// <summary>The report as a command, for use outside Ansible (docs/report.md).</summary>
internal static class ReportCommand
{
    public const string Usage = """
        usage: report --state DIR|FILE [--state ...] --out DIR [--results FILE] [--backups DIR|FILE ...]
                      [--backup-root DIR] [--rehearsal FILE] [--title TEXT]
               report --schema      (prints the JSON schema of report.json)
        Writes DIR/report.html, DIR/report.json and DIR/report.txt from a controller's state files (a copy is fine),
        and prints the summary and where the report is.
        """;

    public static int Run(string[] argv, TextWriter stdout, TextWriter stderr)
    {
        if (argv is ["--schema"])
        {
            using var schema = typeof(ReportCommand).Assembly.GetManifestResourceStream("report.schema.json")!;
            using var reader = new StreamReader(schema);
            stdout.Write(reader.ReadToEnd());
            return 0;
        }

        if (argv is ["--help"] or ["-h"])
        {
            stdout.WriteLine(Usage);
            return 0;
        }

        var (state, backups, extra) = (new List<string>(), new List<string>(), new List<Unread>());
        string? results = null, root = null, rehearsal = null, outDir = null, title = null;
        for (var i = 0; i < argv.Length; i++)
        {
            var value = i + 1 < argv.Length ? argv[i + 1] : null;
            if (value is null || !argv[i].StartsWith("--", StringComparison.Ordinal))
            {
                return Fail(stderr, $"'{argv[i]}' is not an option or lacks its value");
            }

            switch (argv[i])
            {
                case "--state": state.Add(value); break;
                case "--backups": backups.Add(value); break;
                case "--results": results = value; break;
                case "--backup-root": root = value; break;
                case "--rehearsal": rehearsal = value; break;
                case "--out": outDir = value; break;
                case "--title": title = value; break;
                default: return Fail(stderr, $"unknown option '{argv[i]}'");
            }

            i++;
        }

        if (state.Count == 0 || outDir is null)
        {
            return Fail(stderr, "give at least one --state and --out");
        }

        var input = new ReportInput { State = state, Backups = backups, BackupRoot = root, Rehearsal = rehearsal, OutDir = outDir, Title = title ?? "Leapfrog upgrade report" };
        if (results is not null)
        {
            input = input with { Results = Results.Read(results, out var error) };
            if (error is not null)
            {
                extra.Add(new Unread(results, error));
            }
        }

        try
        {
            var written = ReportWriter.Write(input, DateTimeOffset.UtcNow, extra);
            foreach (var line in written.Summary)
            {
                stdout.WriteLine(line);
            }

            stdout.WriteLine($"report: {written.Html}");
            return 0;
        }
        catch (ReportException ex)
        {
            stderr.WriteLine("report: " + ex.Message);
            return 1;
        }
    }

    private static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine($"report: {message}");
        stderr.WriteLine(Usage);
        return 2;
    }
}
