using System.Text.Json;

namespace Leapfrog.FakeTool;

/// <summary>
/// Appends one JSON line per invocation. .NET's FileMode.Append seeks to the end once instead of opening with O_APPEND,
/// so two tools appending at once could write at the same offset: the file is opened exclusively (FileShare.None, an
/// flock on Unix) and a tool that finds it taken tries again.
/// </summary>
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
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.None);
                file.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
                return;
            }
            catch (IOException) when (attempt < 500)
            {
                Thread.Sleep(10); // another tool holds the log for its one write
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ToolExit(1, $"ERROR: cannot append to exec_log {path}: {e.GetType().Name}");
            }
        }
    }
}
