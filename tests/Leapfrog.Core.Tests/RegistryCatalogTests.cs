using Leapfrog.Core.Catalog;

namespace Leapfrog.Core.Tests;

/// <summary>The embedded registry.json: which services tables the final hop reads, validated against the service catalog.</summary>
public sealed class RegistryCatalogTests
{
    [Fact]
    public void Nova_reads_services_in_every_cell_and_cinder_its_own_each_judged_by_the_release_from_its_first_able_release()
    {
        var nova = RegistryCatalog.For("nova")!;
        var cinder = RegistryCatalog.For("CINDER")!;
        Assert.Equal(["nova", "cinder"], RegistryCatalog.All.Select(r => r.Service));
        Assert.Equal(("nova", true, "services", "oldest_version", "nova-compute"), (nova.Database, nova.Cells, nova.Table, nova.Accept.Kind, nova.Accept.Binary));
        Assert.Contains("raise_if_old_compute()", nova.Accept.Python, StringComparison.Ordinal);
        Assert.Equal(["rpc_current_version", "object_current_version"], cinder.Versions);
        Assert.Null(RegistryCatalog.For("keystone"));
        var releases = ServiceCatalog.Default.Releases;
        Assert.False(RegistryCatalog.CanJudge(nova, releases, releases.Find("victoria", "t")));
        Assert.True(RegistryCatalog.CanJudge(nova, releases, releases.Find("wallaby", "t")));
        Assert.All(RegistryCatalog.All, r => Assert.Contains(":age", r.Remove.Statements[0], StringComparison.Ordinal));
    }

    [Fact]
    public void A_registry_entry_that_does_not_fit_the_catalog_is_refused()
    {
        var nova = RegistryCatalog.For("nova")!;
        Assert.Contains("cells", Assert.Throws<InvalidOperationException>(() => RegistryCatalog.Validate([nova with { Cells = false }], ServiceCatalog.Default)).Message);
        Assert.Contains("databases", Assert.Throws<InvalidOperationException>(() => RegistryCatalog.Validate([nova with { Database = "nova_cell9" }], ServiceCatalog.Default)).Message);
        Assert.Contains("only while it is dead", Assert.Throws<InvalidOperationException>(() =>
            RegistryCatalog.Validate([nova with { Remove = nova.Remove with { Statements = ["DELETE FROM services WHERE id = :id"] } }], ServiceCatalog.Default)).Message);
    }
}
