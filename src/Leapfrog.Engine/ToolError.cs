using System.Text.RegularExpressions;

namespace Leapfrog.Engine;

/// <summary>
/// Finds the line in which a failed release tool says why, in its own words: the exception line of the last
/// Python traceback, or the last CRITICAL or ERROR log line, whichever comes last in its stream. Python's
/// interpreter-teardown reports (<c>Exception ignored in: ...</c>, <c>Error in atexit._run_exitfuncs:</c>, eventlet's
/// <c>'NoneType' object has no attribute 'getcurrent'</c>) are never the cause. stderr is read first, then stdout.
/// </summary>
public static partial class ToolError
{
    private const int MaxLength = 300;

    /// <summary>The tool's own error line from its output tails, or null when neither stream holds one.</summary>
    /// <param name="stdout">The tail of the tool's stdout.</param>
    /// <param name="stderr">The tail of the tool's stderr.</param>
    public static string? Find(string stdout, string stderr) => InStream(stderr) ?? InStream(stdout);

    /// <summary>
    /// The tool's own error line, or else the last line of output that is not teardown noise (stderr first), or
    /// <c>(no output)</c>.
    /// </summary>
    /// <param name="stdout">The tail of the tool's stdout.</param>
    /// <param name="stderr">The tail of the tool's stderr.</param>
    public static string Describe(string stdout, string stderr) =>
        Find(stdout, stderr) ?? LastLine(stderr) ?? LastLine(stdout) ?? "(no output)";

    private static string? InStream(string text)
    {
        string? found = null;
        foreach (var line in Lines(text).Where(l => !l.Noise && l.Text.Trim().Length > 0))
        {
            if (line.ExceptionLine || (!line.InTraceback && line.Level is "CRITICAL" or "ERROR"))
            {
                found = line.Text;
            }
        }

        return found is null ? null : Clip(found);
    }

    private static string? LastLine(string text) =>
        Lines(text).LastOrDefault(l => !l.Noise && l.Text.Trim().Length > 0) is { } line ? Clip(line.Text) : null;

    /// <summary>
    /// The stream's lines with oslo.log prefixes and colour codes removed, each marked as teardown noise, part of a
    /// traceback (a frame, or a line logged with its exception line's very prefix: the rest of that log record), or a
    /// traceback's exception line.
    /// </summary>
    private static List<Line> Lines(string text)
    {
        var lines = new List<Line>();
        var inFrames = false;   // inside a traceback's indented frames; the next unindented line is its exception
        var noise = false;      // the current traceback (or bare exception line) is an interpreter teardown report
        string? record = null;  // the log prefix of the last exception line: lines that repeat it continue that record
        foreach (var raw in Ansi().Replace(text.Replace("\r", "", StringComparison.Ordinal), "").Split('\n'))
        {
            var (level, body, prefix) = Split(raw);
            var indented = body.StartsWith(' ') || body.StartsWith('\t');
            if (TeardownHeader().IsMatch(body))
            {
                (noise, inFrames, record) = (true, true, null);
                lines.Add(new Line(body, level, Noise: true, InTraceback: true, ExceptionLine: false));
            }
            else if (body.StartsWith("Traceback (most recent call last):", StringComparison.Ordinal) || body.StartsWith("  File \"", StringComparison.Ordinal))
            {
                (inFrames, record) = (true, null);
                lines.Add(new Line(body, level, noise, InTraceback: true, ExceptionLine: false));
            }
            else if (inFrames && (indented || body.Length == 0))
            {
                lines.Add(new Line(body, level, noise, InTraceback: true, ExceptionLine: false));
            }
            else if (inFrames)
            {
                // The exception line ends the traceback; chained tracebacks start again with "Traceback".
                var isNoise = noise || KnownNoise().IsMatch(body);
                lines.Add(new Line(body, level, isNoise, InTraceback: true, ExceptionLine: !isNoise && ExceptionName().IsMatch(body)));
                (inFrames, noise, record) = (false, false, prefix);
            }
            else
            {
                lines.Add(new Line(body, level, KnownNoise().IsMatch(body), InTraceback: record is not null && prefix == record, ExceptionLine: false));
            }
        }

        return lines;
    }

    /// <summary>An oslo.log line (<c>2024-05-01 10:00:00.123 4242 ERROR nova.db [-] text</c>) as level, text and prefix; any other line as it is.</summary>
    private static (string? Level, string Body, string? Prefix) Split(string raw)
    {
        var m = OsloPrefix().Match(raw);
        if (m.Success)
        {
            return (m.Groups["level"].Value, raw[m.Length..], m.Value.TrimEnd());
        }

        var plain = PlainLevel().Match(raw);
        return plain.Success ? (plain.Groups["level"].Value, raw, null) : (null, raw, null);
    }

    private static string Clip(string line) => Core.Printable.Clip(line.Trim(), MaxLength);

    /// <summary>One line: its text (log prefix removed), log level, and whether it is teardown noise, part of a traceback, or a traceback's exception line.</summary>
    private sealed record Line(string Text, string? Level, bool Noise, bool InTraceback, bool ExceptionLine);

    /// <summary>Terminal colour codes (oslo.log ends each record with one).</summary>
    [GeneratedRegex(@"\x1b\[[0-9;]*[A-Za-z]")]
    private static partial Regex Ansi();

    [GeneratedRegex(@"^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:[.,]\d+)? +\d+ +(?<level>[A-Z]+) +\S+(?: \[[^\]]*\])? ?")]
    private static partial Regex OsloPrefix();

    /// <summary>Python logging's default format (<c>ERROR:name:text</c>) and tools' own <c>ERROR: text</c>, <c>CRITICAL ...</c>.</summary>
    [GeneratedRegex(@"^(?<level>CRITICAL|ERROR)(?::|\s)")]
    private static partial Regex PlainLevel();

    /// <summary>A Python exception line: a dotted name, then optionally <c>: message</c>.</summary>
    [GeneratedRegex(@"^(?:[A-Za-z_][\w]*\.)*[A-Za-z_]\w*(?::(?:\s.*)?)?$")]
    private static partial Regex ExceptionName();

    /// <summary>What Python prints before an exception it could not raise: at exit, in a destructor, in a thread being torn down.</summary>
    [GeneratedRegex(@"^(?:Exception ignored in|Exception ignored on|Error in atexit\._run_exitfuncs|Error in sys\.excepthook)")]
    private static partial Regex TeardownHeader();

    /// <summary>Teardown errors known to follow a tool's real exit: eventlet's hub and greenlet torn down under the interpreter.</summary>
    [GeneratedRegex(@"'NoneType' object has no attribute 'getcurrent'|^ImportError: sys\.meta_path is None, Python is likely shutting down")]
    private static partial Regex KnownNoise();
}
