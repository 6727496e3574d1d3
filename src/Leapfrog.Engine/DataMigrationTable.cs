using System.Globalization;

namespace Leapfrog.Engine;

/// <summary>One row of an <c>online_data_migrations</c> table: the migration, rows found needing it, rows it completed.</summary>
/// <param name="Name">The migration, e.g. <c>fill_virtual_interface_list</c>.</param>
/// <param name="Needed">"Total Needed" (rows found in this run, up to --max-count).</param>
/// <param name="Completed">"Completed" (rows migrated in this run).</param>
public sealed record MigrationRow(string Name, long Needed, long Completed);

/// <summary>
/// Reads the table nova, cinder and placement print after <c>db online_data_migrations</c>, with the columns
/// Migration, Total Needed, Completed: a prettytable from nova and placement (nova/cmd/manage.py,
/// placement/cmd/manage.py), tabulate's psql format from cinder (cinder/cmd/manage.py;
/// DbCommands.online_data_migrations in each).
/// </summary>
public static class DataMigrationTable
{
    /// <summary>The rows of the last such table in <paramref name="stdout"/>; null when there is none or it does not parse.</summary>
    public static IReadOnlyList<MigrationRow>? Parse(string stdout)
    {
        List<MigrationRow>? last = null;
        List<MigrationRow>? current = null;
        foreach (var raw in stdout.Split('\n'))
        {
            var line = raw.Trim();
            if (!line.StartsWith('|') || line.Trim('|', '-', '+', '=', ' ').Length == 0)
            {
                continue; // not a row, or tabulate's |---+---| rule under the header (cinder)
            }

            var cells = line.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            if (cells.Length == 3 && cells[0] == "Migration" && cells[1].StartsWith("Total", StringComparison.Ordinal)
                && cells[2] is "Completed" or "Done")
            {
                current = [];
                last = current;
                continue;
            }

            if (current is null)
            {
                continue;
            }

            if (cells.Length != 3 || cells[0].Length == 0
                || !long.TryParse(cells[1], NumberStyles.None, CultureInfo.InvariantCulture, out var needed)
                || !long.TryParse(cells[2], NumberStyles.None, CultureInfo.InvariantCulture, out var completed))
            {
                return null;
            }

            current.Add(new MigrationRow(cells[0], needed, completed));
        }

        return last;
    }
}
