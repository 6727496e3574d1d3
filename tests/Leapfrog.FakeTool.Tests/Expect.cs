using Leapfrog.Testing;

namespace Leapfrog.FakeTool.Tests;

internal static class Expect
{
    /// <summary>Asserts the exit code, showing the tool's output when it differs.</summary>
    public static FakeToolboxResult Rc(int rc, FakeToolboxResult r)
    {
        Assert.True(r.ExitCode == rc, $"expected rc {rc}, got {r.ExitCode}\nstdout: {r.Stdout}\nstderr: {r.Stderr}");
        return r;
    }
}
