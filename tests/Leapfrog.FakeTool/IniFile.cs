namespace Leapfrog.FakeTool;

/// <summary>An oslo.config-style ini file: [section] then key = value; later files override earlier ones.</summary>
internal sealed class IniFile
{
    private readonly Dictionary<string, Dictionary<string, string>> _sections = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads the files in order.</summary>
    /// <exception cref="ToolExit">A file is missing or unreadable (rc 1).</exception>
    public static IniFile Read(IEnumerable<string> paths)
    {
        var ini = new IniFile();
        foreach (var path in paths)
        {
            string[] lines;
            try
            {
                lines = File.ReadAllLines(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ToolExit(1, $"ERROR: Unable to read configuration file {path}: {e.GetType().Name}");
            }

            ini.Parse(lines);
        }

        return ini;
    }

    /// <summary>The value of <paramref name="key"/> in <paramref name="section"/>, or null.</summary>
    public string? Get(string section, string key) =>
        _sections.TryGetValue(section, out var s) && s.TryGetValue(key, out var v) ? v : null;

    private void Parse(string[] lines)
    {
        var current = "DEFAULT";
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[' && line[^1] == ']')
            {
                current = line[1..^1].Trim();
                continue;
            }

            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }

            if (!_sections.TryGetValue(current, out var section))
            {
                section = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                _sections[current] = section;
            }

            section[line[..eq].Trim()] = line[(eq + 1)..].Trim();
        }
    }
}
