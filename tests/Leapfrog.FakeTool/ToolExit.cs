namespace Leapfrog.FakeTool;

/// <summary>Ends the tool with an exit code and a message for stderr (never holding a password).</summary>
internal sealed class ToolExit : Exception
{
    public ToolExit(int code, string message)
        : base(message)
    {
        Code = code;
    }

    /// <summary>The process exit code.</summary>
    public int Code { get; }

    /// <summary>An argparse-style usage error: usage line and error on stderr, exit 2.</summary>
    public static ToolExit Usage(string tool, string usage, string error) =>
        new(2, $"usage: {tool} {usage}\n{tool}: error: {error}");
}
