namespace Leapfrog.FakeTool;

/// <summary>Reads the fake's own leading options (<c>--release</c>, <c>--exec-log</c>) before the tool name.</summary>
internal static class ArgReaderTop
{
    /// <summary>Takes <c>NAME VALUE</c> or <c>NAME=VALUE</c> from the front of <paramref name="args"/> (before the tool name).</summary>
    public static string? Take(List<string> args, string name, Func<string, ToolExit> usage)
    {
        for (var i = 0; i < args.Count && args[i].StartsWith("--", StringComparison.Ordinal); i++)
        {
            if (args[i] == name)
            {
                if (i + 1 >= args.Count)
                {
                    throw usage($"argument {name}: expected one argument");
                }

                var value = args[i + 1];
                args.RemoveRange(i, 2);
                return value;
            }

            if (args[i].StartsWith(name + "=", StringComparison.Ordinal))
            {
                var value = args[i][(name.Length + 1)..];
                args.RemoveAt(i);
                return value;
            }

            i++; // skip the value of another leading option
        }

        return null;
    }
}
