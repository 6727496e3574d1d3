using System.Text.Json.Nodes;

namespace Leapfrog.Inventory.Tests.Support;

/// <summary>Reads an OSA fixture directly (independently of the code under test).</summary>
internal sealed class Fixture(JsonObject root)
{
    public static Fixture Load(string path) => new(JsonNode.Parse(File.ReadAllText(path))!.AsObject());

    public string HostVar(string host, string key) => root["_meta"]!["hostvars"]![host]![key]!.GetValue<string>();

    public IReadOnlyList<string> GroupHosts(string group) =>
        root[group]!["hosts"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
}
