using Leapfrog.Real.Tests.Support;
using Leapfrog.Real.Tests.Support.Deployments;

namespace Leapfrog.Real.Tests;

[Trait("tier", "real")]
public sealed class CinderRealTests(ITestOutputHelper log)
{
    [Fact]
    public void A_cinder_database_made_by_victoria_is_hopped_to_zed_then_2025_1_then_forky_by_their_own_tools_and_keeps_its_volumes() =>
        ServiceChain.Prove(new CinderDeployment(RealCloud.Shared, log), log, "victoria -> zed", "zed -> 2025.1-epoxy", "2025.1-epoxy -> 2026.1-gazpacho");
}
