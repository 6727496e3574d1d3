namespace Leapfrog.FakeTool;

/// <summary>Small helpers for argparse-like parsing of a subcommand's options.</summary>
internal static class ArgReader
{
    /// <summary>
    /// Takes <c>--name VALUE</c> or <c>--name=VALUE</c> (any of <paramref name="names"/>) out of
    /// <paramref name="args"/>; returns the value or null. A missing value is a usage error.
    /// </summary>
    public static string? TakeValue(List<string> args, Func<string, ToolExit> usage, params string[] names)
    {
        string? value = null;
        for (var i = 0; i < args.Count; i++)
        {
            foreach (var n in names)
            {
                if (args[i] == n)
                {
                    if (i + 1 >= args.Count)
                    {
                        throw usage($"argument {n}: expected one argument");
                    }

                    value = args[i + 1];
                    args.RemoveRange(i, 2);
                    i--;
                    break;
                }

                if (args[i].StartsWith(n + "=", StringComparison.Ordinal))
                {
                    value = args[i][(n.Length + 1)..];
                    args.RemoveAt(i);
                    i--;
                    break;
                }
            }
        }

        return value;
    }

    /// <summary>Takes flag <paramref name="name"/> out of <paramref name="args"/>; true when present.</summary>
    public static bool TakeFlag(List<string> args, string name) => args.RemoveAll(a => a == name) > 0;

    /// <summary>Fails with "unrecognized arguments" when anything is left.</summary>
    public static void RequireEmpty(List<string> args, Func<string, ToolExit> usage)
    {
        if (args.Count > 0)
        {
            throw usage($"unrecognized arguments: {string.Join(' ', args)}");
        }
    }

    /// <summary>The argparse "invalid choice" error.</summary>
    public static ToolExit InvalidChoice(Func<string, ToolExit> usage, string what, string given, IEnumerable<string> choices) =>
        usage($"argument {what}: invalid choice: '{given}' (choose from {string.Join(", ", choices.Select(c => $"'{c}'"))})");
}
