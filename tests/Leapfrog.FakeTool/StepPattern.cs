namespace Leapfrog.FakeTool;

/// <summary>
/// Matches fault patterns against a subcommand. A pattern list is comma-separated; a pattern matches when
/// its words (leading dashes ignored) appear in a row in "tool key-words", or when it is <c>*</c>.
/// E.g. <c>expand</c> matches <c>db_sync --expand</c>, <c>db expand</c> and <c>upgrade --expand</c>.
/// </summary>
internal static class StepPattern
{
    /// <summary>True when any pattern in <paramref name="patterns"/> matches.</summary>
    public static bool Matches(string? patterns, string tool, string key)
    {
        if (string.IsNullOrWhiteSpace(patterns))
        {
            return false;
        }

        var words = Words(tool + " " + key);
        foreach (var pattern in patterns.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (pattern == "*")
            {
                return true;
            }

            var p = Words(pattern);
            for (var i = 0; p.Length > 0 && i + p.Length <= words.Length; i++)
            {
                if (p.SequenceEqual(words.Skip(i).Take(p.Length), StringComparer.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static string[] Words(string text) =>
        text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.TrimStart('-')).Where(w => w.Length > 0).ToArray();
}
