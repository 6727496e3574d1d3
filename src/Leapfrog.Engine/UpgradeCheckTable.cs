namespace Leapfrog.Engine;

/// <summary>One check of a <c>*-status upgrade check</c> run, as the tool printed it.</summary>
/// <param name="Check">The check's name, e.g. <c>Cells v2</c>.</param>
/// <param name="Result">Success, Warning or Failure.</param>
/// <param name="Details">The tool's details (None when it has none).</param>
public sealed record UpgradeCheck(string Check, string Result, string Details)
{
    /// <summary>
    /// The hop's verdict on it: success, warning or failure as the tool said, or not_applicable when the catalog says the
    /// check does not judge the database (it needs a running cloud: nova's Placement API check).
    /// </summary>
    public string? Verdict { get; init; }

    /// <summary>Why it is not applicable, and where upstream defines it (from the catalog).</summary>
    public string? Why { get; init; }
}

/// <summary>
/// Reads the table oslo.upgradecheck prints (oslo_upgradecheck/upgradecheck.py, UpgradeCommands.check): per check a
/// "Check: NAME", "Result: Success|Warning|Failure" and "Details: ..." row, details wrapped over the rows that
/// follow, checks separated by +---+ lines.
/// </summary>
public static class UpgradeCheckTable
{
    /// <summary>The checks in <paramref name="stdout"/>, in order; empty when there is no such table.</summary>
    public static IReadOnlyList<UpgradeCheck> Parse(string stdout)
    {
        var checks = new List<UpgradeCheck>();
        string? name = null, result = null, details = null;
        void Flush()
        {
            if (name is not null)
            {
                checks.Add(new UpgradeCheck(name, result ?? "", details ?? ""));
            }

            name = result = details = null;
        }

        foreach (var raw in stdout.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith('+'))
            {
                Flush();
                continue;
            }

            var text = line.Trim('|').Trim();
            if (text.StartsWith("Check: ", StringComparison.Ordinal))
            {
                Flush();
                name = text[7..].Trim();
            }
            else if (name is not null && text.StartsWith("Result: ", StringComparison.Ordinal))
            {
                result = text[8..].Trim();
            }
            else if (name is not null && text.StartsWith("Details: ", StringComparison.Ordinal))
            {
                details = text[9..].Trim();
            }
            else if (name is not null && details is not null && text.Length > 0)
            {
                details += " " + text;
            }
        }

        Flush();
        return checks;
    }
}
