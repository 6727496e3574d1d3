using System.Text.Json.Nodes;
using Leapfrog.Core.Catalog;
using Leapfrog.Core.Releases;
using Leapfrog.Core.Toolboxes;

namespace Leapfrog.Core.Tests;

/// <summary>The one toolbox table: the hop module's and the inventory's spellings read by the same reader, looked up the same way.</summary>
public sealed class ToolboxTableTests
{
    private static readonly Release Zed = ReleaseCatalog.Default.Find("zed", "test");
    private static readonly Release Epoxy = ReleaseCatalog.Default.Find("2025.1", "test");

    [Fact]
    public void Per_service_toolboxes_by_name_or_under_services_and_a_default_inline_or_under_default_mean_the_same()
    {
        var hopStyle = Table("""{"Zed": {"keystone": {"type": "chroot", "path": "/srv/{release}"}, "default": {"type": "system"}}}""");
        var inventoryStyle = Table("""{"ZED": {"type": "system", "services": {"keystone": {"type": "chroot", "path": "/srv/{release}"}}}}""");

        foreach (var table in new[] { hopStyle, inventoryStyle })
        {
            Assert.Equal(["chroot", "/srv/zed"], Words(table.Find("keystone", Zed)!.Expand("keystone", "22.0.0", Zed.Name)));
            Assert.Equal(ToolboxType.System, table.Find("nova", Zed)!.Type);
            Assert.Null(table.Find("keystone", Epoxy));
        }
    }

    [Fact]
    public void A_release_entry_wins_over_all_and_all_fills_in_for_every_other_release()
    {
        var table = Table("""{"all": {"type": "venv", "path": "/openstack/venvs/{service}-{version}"}, "epoxy": {"nova": {"type": "system"}}}""");

        Assert.Equal(ToolboxType.System, table.Find("nova", Epoxy)!.Type);
        Assert.Equal("/openstack/venvs/keystone-27.0.0", table.Find("keystone", Epoxy)!.Expand("keystone", "27.0.0", Epoxy.Name).Path);
        Assert.Equal(ToolboxType.Venv, table.Find("nova", Zed)!.Type);
    }

    [Theory]
    [InlineData("""{"zed": {"type": "system", "default": {"type": "system"}}}""", "toolboxes.zed: give the toolbox of every service either inline or under default, not both")]
    [InlineData("""{"zed": {"swift": {"type": "system"}}}""", "toolboxes.zed.swift: 'swift' is not a known service")]
    [InlineData("""{"tokyo": {"type": "system"}}""", "toolboxes.tokyo: 'tokyo' is not a known OpenStack release")]
    [InlineData("""{"zed": {"type": "venv", "path": "/v/{host}"}}""", "toolboxes.zed: unknown placeholder {host} (known: {service}, {version}, {release})")]
    [InlineData("""{"zed": {"type": "venv", "path": "v"}}""", "toolboxes.zed.path: 'v' must be an absolute path")]
    [InlineData("""{"zed": {"type": "system", "path": "/v"}}""", "toolboxes.zed.path: does not apply to a system toolbox")]
    [InlineData("""{"zed": {}}""", "toolboxes.zed: give a toolbox (type: venv, container, chroot, prefix, system), default: or services:")]
    public void A_bad_table_is_refused_naming_where(string json, string message)
    {
        var e = Assert.Throws<InvalidRequestException>(() => Table(json));

        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    private static ToolboxTable Table(string json) =>
        ToolboxReader.Table(new JsonToolboxNode("toolboxes", JsonNode.Parse(json)), ReleaseCatalog.Default, ServiceCatalog.Default.Services.Select(s => s.Name).ToList());

    private static string[] Words(Toolbox t) => [t.TypeName, t.Path ?? ""];
}
