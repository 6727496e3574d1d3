using System.Text.Json;

namespace Leapfrog.FakeTool;

/// <summary>Appends one JSON line per invocation (one write with O_APPEND, so concurrent tools do not interleave).</summary>
internal static class ExecLog
{
    /// <summary>Writes <c>{"time","pid","release","tool","step","argv"}</c>; argv is redacted.</summary>
    public static void Append(string path, string release, string tool, string? step, IReadOnlyList<string> argv, Redactor redactor)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("time", DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteNumber("pid", Environment.ProcessId);
            json.WriteString("release", release);
            json.WriteString("tool", tool);
            if (step is null)
            {
                json.WriteNull("step");
            }
            else
            {
                json.WriteString("step", step);
            }

            json.WriteStartArray("argv");
            foreach (var a in argv)
            {
                json.WriteStringValue(redactor.Clean(a));
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        try
        {
            using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            file.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ToolExit(1, $"ERROR: cannot append to exec_log {path}: {e.GetType().Name}");
        }
    }
}
