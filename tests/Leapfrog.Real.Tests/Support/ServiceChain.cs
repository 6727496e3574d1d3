using Leapfrog.Real.Tests.Support.Deployments;

namespace Leapfrog.Real.Tests.Support;

/// <summary>
/// Each service's databases, made by victoria's own tools, walked through every suite by the published hop module
/// over the test sshd: zed (bookworm), 2025.1 (trixie), then what forky carries. One class per service so that
/// they run in parallel.
/// </summary>
public static class ServiceChain
{
    public static void Prove(Deployment d, ITestOutputHelper log)
    {
        d.Create();
        var chain = d.Chain();
        chain.AssertCurrent(Suite.Bullseye, "after victoria created it");
        var before = d.Rows();
        Assert.NotEmpty(before);

        chain.Walk(Suite.Bullseye, Suite.Bookworm, Suite.Trixie, Suite.Forky);

        Assert.Equal(before, d.Rows());
        log.WriteLine($"rows kept: {before.Count} {d.Service} rows ({d.RowsWhat}) equal before the first hop and after the last");
    }
}
