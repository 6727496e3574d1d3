namespace Leapfrog.FakeTool;

/// <summary>oslo.config's global options, accepted before or after the subcommand.</summary>
/// <param name="ConfigFiles">Every <c>--config-file</c>, in order.</param>
/// <param name="Version">True when <c>--version</c> was given.</param>
/// <param name="Rest">Everything else, in order.</param>
internal sealed record GlobalOptions(IReadOnlyList<string> ConfigFiles, bool Version, IReadOnlyList<string> Rest)
{
    /// <summary>Splits a tool's argv.</summary>
    public static GlobalOptions Split(IReadOnlyList<string> args)
    {
        var files = new List<string>();
        var rest = new List<string>();
        var version = false;
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if ((a == "--config-file" || a == "--config-dir") && i + 1 < args.Count)
            {
                if (a == "--config-file")
                {
                    files.Add(args[i + 1]);
                }

                i++;
            }
            else if (a.StartsWith("--config-file=", StringComparison.Ordinal))
            {
                files.Add(a["--config-file=".Length..]);
            }
            else if (a.StartsWith("--config-dir=", StringComparison.Ordinal) || a is "-d" or "--debug" or "--nodebug" or "--noverbose"
                     || (a is "-v" or "--verbose" && rest.Count == 0))
            {
                // Accepted and ignored; after the subcommand, --verbose is the subcommand's own (cell_v2 list_cells --verbose).
            }
            else if (a == "--version")
            {
                version = true;
            }
            else
            {
                rest.Add(a);
            }
        }

        return new GlobalOptions(files, version, rest);
    }
}
