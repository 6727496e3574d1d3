using Leapfrog.Core.Catalog;

namespace Leapfrog.Core.Tests;

/// <summary>
/// A catalog file's <c>blockers</c> list adds blockers, validated like the embedded ones; one that writes is refused
/// before anything runs; the same file's services overlay still applies.
/// </summary>
public sealed class BlockerOverlayTests
{
    private const string Added = """
        blockers:
          - id: site-old-hypervisors
            service: nova
            targets: { since: 2025.1 }
            severity: warning
            detect:
              kind: sql
              database: nova
              cells: true
              query: "SELECT host FROM compute_nodes WHERE deleted = 0 AND hypervisor_version < 6002000"
            message: computes on an old hypervisor
            fix: upgrade libvirt first
            source: site runbook 12
        """;

    [Fact]
    public void An_overlay_blocker_is_added_to_the_embedded_ones_for_its_targets()
    {
        var catalog = BlockerCatalog.WithOverlay(Added, "site.yml", ServiceCatalog.Default);

        Assert.Equal(BlockerCatalog.Default.All.Count + 1, catalog.All.Count);
        var target = ServiceCatalog.Default.Releases.Find("2025.1", "t");
        Assert.Contains("site-old-hypervisors", catalog.For("nova", target).Select(b => b.Id));
        Assert.DoesNotContain("site-old-hypervisors", catalog.For("nova", ServiceCatalog.Default.Releases.Find("2024.1", "t")).Select(b => b.Id));
        Assert.True(catalog.All.Single(b => b.Id == "site-old-hypervisors").Detect.Cells);
    }

    [Theory]
    [InlineData("DELETE FROM services WHERE deleted = 1", "site.yml: blocker bad.detect.query: a check query is a SELECT")]
    [InlineData("SELECT id FROM services; DROP TABLE services", "site.yml: blocker bad.detect.query: one statement only (no ';')")]
    [InlineData("SELECT id INTO OUTFILE '/tmp/x' FROM services", "site.yml: blocker bad.detect.query: 'INTO' is not allowed: checks are read-only")]
    [InlineData("SELECT id FROM services FOR UPDATE", "site.yml: blocker bad.detect.query: 'FOR UPDATE' is not allowed: checks are read-only")]
    public void An_overlay_blocker_that_writes_is_refused_with_its_file_and_id(string query, string expected)
    {
        var text = $$"""
            { "blockers": [ { "id": "bad", "service": "cinder", "targets": {}, "severity": "blocking",
              "detect": { "kind": "sql", "database": "cinder", "query": "{{query}}" }, "message": "m", "fix": "f", "source": "s" } ] }
            """;

        var e = Assert.Throws<InvalidRequestException>(() => BlockerCatalog.WithOverlay(text, "site.yml", ServiceCatalog.Default));

        Assert.Equal(expected, e.Message);
    }

    [Theory]
    [InlineData("""{ "blockers": { "id": "x" } }""", "site.yml: $.blockers: must be a list of blockers")]
    [InlineData("""{ "blockers": [ { "id": "x", "service": "nova" } ] }""", "site.yml: $.blockers: ")]
    [InlineData("""{ "blockers": [ { "id": "keystone-percent-in-database-url", "service": "keystone", "targets": {}, "severity": "warning", "detect": { "kind": "config", "option": "database.connection", "contains": "!" }, "message": "m", "fix": "f", "source": "s" } ] }""", "site.yml: blocker keystone-percent-in-database-url: the id is used twice")]
    [InlineData("""{ "blockers": [ { "id": "x", "service": "swift", "targets": {}, "severity": "warning", "detect": { "kind": "config", "option": "a.b", "contains": "!" }, "message": "m", "fix": "f", "source": "s" } ] }""", "site.yml: blocker x.service")]
    public void A_malformed_overlay_blocker_list_is_refused_with_the_file_named(string text, string expected)
    {
        var e = Assert.Throws<InvalidRequestException>(() => BlockerCatalog.WithOverlay(text, "site.yml", ServiceCatalog.Default));
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_with_blockers_only_is_a_valid_services_overlay_that_changes_nothing()
    {
        var services = ServiceCatalog.Default.WithOverlay(Added, "site.yml");
        Assert.Equal(ServiceCatalog.Default.Services.Select(s => s.Name), services.Services.Select(s => s.Name));
        Assert.Same(BlockerCatalog.Default, BlockerCatalog.WithOverlay("""{ "services": {} }""", "site.yml", ServiceCatalog.Default));
    }
}
