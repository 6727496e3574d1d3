using Leapfrog.Real.Tests.Support;
using Leapfrog.Real.Tests.Support.Deployments;

namespace Leapfrog.Real.Tests;

[Trait("tier", "real")]
public sealed class GlanceRealTests(ITestOutputHelper log)
{
    [Fact]
    public void A_glance_database_made_by_victoria_is_hopped_to_zed_then_2025_1_by_their_own_tools_and_keeps_its_images() =>
        ServiceChain.Prove(new GlanceDeployment(RealCloud.Shared, log), log, "victoria -> zed", "zed -> 2025.1-epoxy");
}
