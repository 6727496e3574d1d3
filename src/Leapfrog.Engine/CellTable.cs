using System.Text.RegularExpressions;

namespace Leapfrog.Engine;

/// <summary>One row of the cell list: name, mapping UUID and database URL (with its password: keep it in memory only).</summary>
internal sealed record CellRow(string Name, string Uuid, string Database);

/// <summary>
/// Reads the table <c>nova-manage cell_v2 list_cells --verbose</c> prints (prettytable: a header row naming the columns,
/// then one row per cell, columns separated by <c>|</c>). Only the columns Name, UUID and Database Connection are read.
/// </summary>
internal static partial class CellTable
{
    /// <summary>The rows of <paramref name="stdout"/>.</summary>
    /// <exception cref="ControllerException">No header with those columns, or a row without a valid UUID.</exception>
    public static IReadOnlyList<CellRow> Parse(string stdout)
    {
        var rows = stdout.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith('|') && l.EndsWith('|'))
            .Select(l => l[1..^1].Split('|').Select(c => c.Trim()).ToArray()).ToList();
        if (rows.Count == 0)
        {
            throw new ControllerException("the cell list has no table (expected columns Name, UUID and Database Connection)");
        }

        var header = rows[0];
        var name = Array.IndexOf(header, "Name");
        var uuid = Array.IndexOf(header, "UUID");
        var db = Array.IndexOf(header, "Database Connection");
        if (name < 0 || uuid < 0 || db < 0)
        {
            throw new ControllerException($"the cell list's header has no Name, UUID and Database Connection columns: '{Core.Printable.Clip(string.Join(" | ", header), 120)}'");
        }

        var cells = new List<CellRow>();
        foreach (var row in rows.Skip(1))
        {
            if (row.Length != header.Length || !Uuid().IsMatch(row[uuid]))
            {
                throw new ControllerException("the cell list has a row that does not match its header (a UUID per row was expected)");
            }

            cells.Add(new CellRow(row[name], row[uuid].ToLowerInvariant(), row[db]));
        }

        return cells;
    }

    /// <summary>Whether <paramref name="text"/> is a UUID as a cell mapping has it.</summary>
    public static bool IsUuid(string? text) => text is not null && Uuid().IsMatch(text);

    [GeneratedRegex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
    private static partial Regex Uuid();
}
