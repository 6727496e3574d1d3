using System.Text.Json.Nodes;
using Leapfrog.Inventory.Config;
using Leapfrog.Inventory.Output;

namespace Leapfrog.Inventory.Tests.Support;

/// <summary>Builds inventories in process from YAML text or an OSA file.</summary>
internal static class Inv
{
    public static InventoryModel FromYaml(string yaml, string? baseDir = null) =>
        InventoryBuilder.Build(ConfigReader.Parse(yaml, "test.cfg", baseDir ?? Paths.Fixtures));

    public static InventoryModel FromOsa(string file) =>
        InventoryBuilder.Build(InventoryConfig.ForOsa(file, file));

    public static JsonObject List(InventoryModel model) =>
        JsonNode.Parse(InventoryWriter.List(model))!.AsObject();

    public static JsonObject Vars(JsonObject list, string host) =>
        list["_meta"]!["hostvars"]![host]!.AsObject();

    public static string OnlyHost(JsonObject list, string service)
    {
        var hosts = list[$"leapfrog_{service}"]!["hosts"]!.AsArray();
        Assert.Single(hosts);
        return hosts[0]!.GetValue<string>();
    }

    public static InventoryException Fails(string yaml, string? baseDir = null) =>
        Assert.Throws<InventoryException>(() => FromYaml(yaml, baseDir));
}
