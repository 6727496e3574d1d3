namespace Leapfrog.FakeTool;

/// <summary>One fake manage tool (keystone-manage, nova-manage, ...).</summary>
internal interface ITool
{
    /// <summary>The argparse usage line (after the program name).</summary>
    string Usage { get; }

    /// <summary>Parses the arguments left after the global options, as the release's real tool would.</summary>
    /// <exception cref="ToolExit">Unknown or missing subcommand or option in this release (rc 2).</exception>
    ToolCommand Parse(IReadOnlyList<string> args, ToolContext context);
}
