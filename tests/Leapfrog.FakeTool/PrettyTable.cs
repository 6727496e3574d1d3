namespace Leapfrog.FakeTool;

/// <summary>Tables as Python's prettytable prints them by default (what the real manage tools use): borders, centred cells.</summary>
internal static class PrettyTable
{
    /// <summary>Prints <paramref name="rows"/> under <paramref name="header"/>.</summary>
    public static void Print(TextWriter output, IReadOnlyList<string> header, IReadOnlyList<string[]> rows)
    {
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var line = "+" + string.Join("+", widths.Select(w => new string('-', w + 2))) + "+";
        output.WriteLine(line);
        output.WriteLine(Row(header, widths));
        output.WriteLine(line);
        foreach (var row in rows)
        {
            output.WriteLine(Row(row, widths));
        }

        output.WriteLine(line);
    }

    private static string Row(IReadOnlyList<string> cells, int[] widths) =>
        "|" + string.Join("|", cells.Select((c, i) => " " + Centre(c, widths[i]) + " ")) + "|";

    private static string Centre(string text, int width)
    {
        var left = (width - text.Length) / 2;
        return new string(' ', left) + text + new string(' ', width - text.Length - left);
    }
}
