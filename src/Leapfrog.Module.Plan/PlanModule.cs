using System.Text.Json.Nodes;
using Leapfrog.Core.Catalog;
using Leapfrog.Core.Planning;

namespace Leapfrog.Module.Plan;

/// <summary>leapfrog.openstack.plan: the hops and, per hop and service, the steps that would run. No SSH.</summary>
public static class PlanModule
{
    /// <summary>The module's parameters.</summary>
    public static readonly IReadOnlyCollection<string> Parameters =
        ["from_release", "to_release", "services", "policy", "via", "allow_unsupported", "catalog_file"];

    /// <summary>Plans.</summary>
    public static Task<JsonObject> RunAsync(ModuleArgs args)
    {
        var catalog = CatalogFile.Load(args);
        var request = PathRequest.Read(args, catalog.Releases);
        var services = PathRequest.Services(args, catalog);
        var hops = request.Plan(catalog.Releases);

        var hopsJson = new JsonArray();
        foreach (var hop in hops)
        {
            hopsJson.Add((JsonNode)Describe(hop, services, catalog));
        }

        var unsupported = hops.Count(h => !h.Supported);
        return Task.FromResult(new JsonObject
        {
            ["changed"] = false,
            ["msg"] = $"{request.From.Id} -> {request.To.Id}: {hops.Count} hop{(hops.Count == 1 ? "" : "s")} " +
                      $"({request.Policy.ToString().ToLowerInvariant()}{(request.Via.Count > 0 ? ", explicit via" : "")}" +
                      $"{(unsupported > 0 ? $", {unsupported} not supported upstream" : "")})",
            ["from_release"] = request.From.Id,
            ["to_release"] = request.To.Id,
            ["policy"] = request.Policy.ToString().ToLowerInvariant(),
            ["services"] = new JsonArray(services.Select(s => (JsonNode)s.Name).ToArray()),
            ["releases"] = new JsonArray(hops.Select(h => (JsonNode)h.To.Id).Prepend(request.From.Id).ToArray()),
            ["hops"] = hopsJson,
        });
    }

    private static JsonObject Describe(PlannedHop hop, IReadOnlyList<ServiceDefinition> services, ServiceCatalog catalog)
    {
        var steps = new JsonObject();
        var running = new JsonArray();
        var skipped = new JsonObject();
        foreach (var service in services)
        {
            if (!catalog.Exists(service, hop.To))
            {
                skipped[service.Name] = $"{service.Name} has no migration tools before {service.Since}";
                continue;
            }

            running.Add((JsonNode)service.Name);
            steps[service.Name] = new JsonArray(catalog.StepsFor(service, hop.To)
                .Select(s => (JsonNode)new JsonObject
                {
                    ["kind"] = s.Kind.ToString().ToLowerInvariant(),
                    ["name"] = s.Name,
                    ["argv"] = new JsonArray(s.Argv.Select(a => (JsonNode)a).ToArray()),
                })
                .ToArray());
        }

        return new JsonObject
        {
            ["from"] = hop.From.Id,
            ["to"] = hop.To.Id,
            ["slurp"] = hop.Slurp,
            ["supported"] = hop.Supported,
            ["services"] = running,
            ["skipped"] = skipped,
            ["steps"] = steps,
        };
    }
}
