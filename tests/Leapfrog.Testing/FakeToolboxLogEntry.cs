using System.Text.Json;

namespace Leapfrog.Testing;

/// <summary>One line of a fake tool's exec_log: one invocation, recorded before it does anything.</summary>
/// <param name="Time">When it started (UTC).</param>
/// <param name="Pid">Its process id.</param>
/// <param name="Release">Its release, e.g. <c>zed</c>.</param>
/// <param name="Tool">The tool, e.g. <c>keystone-manage</c>.</param>
/// <param name="Step">Canonical subcommand words (e.g. <c>db_sync --expand</c>), null for a usage error.</param>
/// <param name="Argv">The tool's arguments, passwords replaced by <c>***</c>.</param>
public sealed record FakeToolboxLogEntry(DateTimeOffset Time, int Pid, string Release, string Tool, string? Step, IReadOnlyList<string> Argv)
{
    /// <summary>
    /// The log's lines. A tool appends under an exclusive lock (the fake's ExecLog, FileShare.None), so a read while a
    /// tool is writing is refused for a moment: retried for up to 5 s.
    /// </summary>
    public static string[] ReadLines(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return File.Exists(path) ? File.ReadAllLines(path) : [];
            }
            catch (IOException) when (attempt < 250)
            {
                Thread.Sleep(20);
            }
        }
    }

    /// <summary>Reads every entry of <paramref name="path"/> (none when the file does not exist).</summary>
    public static IReadOnlyList<FakeToolboxLogEntry> ReadAll(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var list = new List<FakeToolboxLogEntry>();
        foreach (var line in ReadLines(path).Where(l => l.Length > 0))
        {
            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            list.Add(new FakeToolboxLogEntry(
                r.GetProperty("time").GetDateTimeOffset(),
                r.GetProperty("pid").GetInt32(),
                r.GetProperty("release").GetString()!,
                r.GetProperty("tool").GetString()!,
                r.GetProperty("step").ValueKind == JsonValueKind.Null ? null : r.GetProperty("step").GetString(),
                r.GetProperty("argv").EnumerateArray().Select(a => a.GetString()!).ToList()));
        }

        return list;
    }

    /// <summary>How many invocations of <paramref name="step"/> (and, if given, <paramref name="tool"/>) the log holds.</summary>
    public static int Count(string path, string step, string? tool = null) =>
        ReadAll(path).Count(e => e.Step == step && (tool is null || e.Tool == tool));
}
