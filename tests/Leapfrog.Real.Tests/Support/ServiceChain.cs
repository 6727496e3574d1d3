using Leapfrog.Real.Tests.Support.Deployments;

namespace Leapfrog.Real.Tests.Support;

/// <summary>
/// Each service's databases, made by victoria's own tools, walked through the suites by the published hop module
/// over the test sshd: zed (bookworm), 2025.1 (trixie), then what forky carries. One class per service so that
/// they run in parallel.
/// </summary>
public static class ServiceChain
{
    /// <summary>
    /// Creates the deployment at victoria (bullseye), hops it through one more suite per expected hop, and asserts
    /// the hops made are exactly <paramref name="hops"/> ("from -> to" releases, as the suites' tools report
    /// them) and that the seeded rows survived.
    /// </summary>
    public static void Prove(Deployment d, ITestOutputHelper log, params string[] hops)
    {
        d.Create();
        var chain = d.Chain();
        chain.AssertCurrent(Suite.Bullseye, "after victoria created it");
        var before = d.Rows();
        Assert.NotEmpty(before);

        var made = chain.Walk([.. Suite.All.Take(hops.Length + 1)]);

        Assert.Equal(hops, made);
        Assert.Equal(before, d.Rows());
        log.WriteLine($"hops made: {string.Join(", ", made)}");
        log.WriteLine($"rows kept: {before.Count} {d.Service} rows ({d.RowsWhat}) equal before the first hop and after the last");
    }
}
