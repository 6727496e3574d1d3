using System.Text.RegularExpressions;

namespace Leapfrog.Core.Catalog.Overlay;

/// <summary>What a catalog command line may contain: a bare tool name, no control characters, known placeholders.</summary>
internal static partial class CommandRules
{
    /// <summary>The placeholder replaced by the service's configuration file.</summary>
    public const string ConfigFile = "config_file";

    /// <summary>The placeholder replaced by the data-migration batch size.</summary>
    public const string Batch = "batch";

    /// <summary>The placeholder replaced by a cell's config overlay (cell steps only).</summary>
    public const string CellConfig = "cell_config";

    /// <summary>Checks an argv; returns null when fine, else the problem and the index of the bad element.</summary>
    public static (int Index, string Problem)? Check(IReadOnlyList<string> argv, bool batchAllowed, bool cellAllowed = false)
    {
        if (argv.Count == 0)
        {
            return (-1, "the command is empty");
        }

        for (var i = 0; i < argv.Count; i++)
        {
            var arg = argv[i];
            if (arg.Any(char.IsControl))
            {
                return (i, $"'{Printable.Clip(arg, 40)}' contains a control character");
            }

            foreach (Match m in Placeholder().Matches(arg))
            {
                var name = m.Groups[1].Value;
                if (name == Batch && !batchAllowed)
                {
                    return (i, "{batch} is only allowed in a data step");
                }

                if (name == CellConfig && !cellAllowed)
                {
                    return (i, "{cell_config} is only allowed in a cell step");
                }

                if (name != ConfigFile && name != Batch && name != CellConfig)
                {
                    return (i, $"unknown placeholder '{Printable.Clip(m.Value, 40)}'; known: {{config_file}}, {{batch}}{(cellAllowed ? ", {cell_config}" : "")}");
                }
            }
        }

        if (!ToolName().IsMatch(argv[0]))
        {
            return (0, $"tool '{Printable.Clip(argv[0], 40)}' must be a bare command name (letters, digits, . _ + - only; no '/', spaces or shell characters)");
        }

        return null;
    }

    [GeneratedRegex(@"\{([A-Za-z0-9_]*)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9._+-]{0,127}$")]
    private static partial Regex ToolName();
}
