namespace Leapfrog.Inventory.Tests.Support;

/// <summary>The bad inputs the executable must refuse, each as environment plus arguments.</summary>
internal static class Malformed
{
    public sealed record Case(Dictionary<string, string> Env, string[] Args);

    /// <summary>A piece of the message each case must print.</summary>
    public static string Expected(string name) => name switch
    {
        "missing-osa" => "LEAPFROG_OSA_INVENTORY=/nonexistent/openstack_inventory.json: no such file",
        "bad-json" => "bad.json: not valid JSON (line 3, byte 1)",
        "bad-yaml" => "bad.yml line 3: not valid YAML",
        "unknown-service" => "'trove' is not a known service",
        "empty-group" => "service heat: OSA group heat_api / heat_all has no hosts",
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    public static Case Write(TempDir dir, string name) => name switch
    {
        "missing-osa" => new(new() { ["LEAPFROG_OSA_INVENTORY"] = "/nonexistent/openstack_inventory.json" }, ["--list"]),
        "bad-json" => new(new() { ["LEAPFROG_OSA_INVENTORY"] = dir.File("bad.json", "{\"_meta\": {\"hostvars\": {}},\n \"keystone\": {\"hosts\": [\"a\"]}\n") }, ["--list"]),
        "bad-yaml" => new(new() { ["LEAPFROG_INVENTORY_CONFIG"] = dir.File("bad.yml", "controllers:\n  - name: [unclosed\n") }, ["--list"]),
        "unknown-service" => new(new() { ["LEAPFROG_INVENTORY_CONFIG"] = dir.File("unknown.yml", "controllers: [{name: c, address: 10.0.0.1, services: [nova, trove]}]\n") }, ["--list"]),
        "empty-group" => new(new() { ["LEAPFROG_INVENTORY_CONFIG"] = dir.File("empty.yml", $"osa: {{inventory: {Paths.Osa(Paths.Metal)}}}\nservices: [nova, heat]\n") }, ["--list"]),
        "unknown-host" => new(new() { ["LEAPFROG_INVENTORY_CONFIG"] = Paths.Plain("two-controllers.yml") }, ["--host", "nobody"]),
        "usage" => new(new(), []),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}
