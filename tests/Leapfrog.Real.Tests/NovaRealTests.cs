using Leapfrog.Real.Tests.Support;
using Leapfrog.Real.Tests.Support.Deployments;

namespace Leapfrog.Real.Tests;

[Trait("tier", "real")]
public sealed class NovaRealTests(ITestOutputHelper log)
{
    [Fact]
    public void A_nova_deployment_made_by_victoria_with_cell0_cell1_and_cell2_in_its_own_database_is_hopped_to_zed_then_2025_1_then_2026_1_with_every_cell_at_the_heads_and_keeps_its_instances()
    {
        var nova = new NovaDeployment(RealCloud.Shared, log);
        ServiceChain.Prove(nova, log, "victoria -> zed", "zed -> 2025.1-epoxy", "2025.1-epoxy -> 2026.1-gazpacho");
        log.WriteLine($"soft-deleted marker rows added by nova's own migrations: {string.Join(", ", nova.Markers())}");
    }
}
