using Leapfrog.Testing;

namespace Leapfrog.Engine.Tests;

/// <summary>Counts from the fake tools' own exec log (written on the controller side, before a tool does anything).</summary>
internal static class ToolRuns
{
    /// <summary>How many times <paramref name="release"/>'s tools were started with every one of <paramref name="words"/> in their argv.</summary>
    public static int Of(Cloud cloud, string release, params string[] words) =>
        FakeToolboxLogEntry.ReadAll(cloud.ExecLog).Count(e => e.Release == release && words.All(e.Argv.Contains));
}
