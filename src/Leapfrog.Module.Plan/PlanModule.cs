using System.Text.Json.Nodes;
using Leapfrog.Core.Catalog;
using Leapfrog.Core.Outcomes;
using Leapfrog.Core.Planning;
using Leapfrog.Core.Releases;

namespace Leapfrog.Module.Plan;

/// <summary>
/// leapfrog.openstack.plan: the hops and, per hop and service, the steps that would run; or, with <c>query: catalog</c>,
/// the catalog's facts of the releases named (<see cref="CatalogQuery"/>). No SSH.
/// </summary>
public static class PlanModule
{
    /// <summary>The module's parameters.</summary>
    public static readonly IReadOnlyCollection<string> Parameters =
        ["from_release", "to_release", "services", "policy", "via", "allow_unsupported", "catalog_file", .. CatalogQuery.Parameters];

    /// <summary>Plans.</summary>
    public static Task<JsonObject> RunAsync(ModuleArgs args)
    {
        if (CatalogQuery.Asked(args))
        {
            return Task.FromResult(CatalogQuery.Run(args));
        }

        var catalog = CatalogFile.Load(args);
        var request = PathRequest.Read(args, catalog.Releases);
        var services = PathRequest.Services(args, catalog);
        var hops = request.Plan(catalog.Releases);

        var hopsJson = new JsonArray();
        foreach (var hop in hops)
        {
            hopsJson.Add((JsonNode)Describe(hop, services, catalog));
        }

        var path = hops.Select(h => h.To).Prepend(request.From).ToList();
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
            ["releases"] = new JsonArray(path.Select(r => (JsonNode)r.Id).ToArray()),
            ["hops"] = hopsJson,
            ["start_data"] = Names(StartData(catalog, services, request.From)),
            ["catalog"] = PlanFacts.Describe(services, path, catalog),
        });
    }

    private static JsonObject Describe(PlannedHop hop, IReadOnlyList<ServiceDefinition> services, ServiceCatalog catalog)
    {
        var steps = new JsonObject();
        var skipped = new JsonObject();
        foreach (var service in services.Where(s => !catalog.Exists(s, hop.To)))
        {
            skipped[service.Name] = $"{service.Name} has no migration tools before {service.Since}";
        }

        // Run order: wave by wave (a service after those its 'after' names); within a wave, the longest expected hop first
        // (catalog order among equals): Ansible starts a wave's hops one after the other, a second or two each, and the
        // wave lasts as long as its longest hop.
        var waves = catalog.Waves(services.Where(s => catalog.Exists(s, hop.To)))
            .Select(w => w.OrderByDescending(s => ExpectedWork(catalog, s, hop.To)).ToList())
            .ToList();
        var running = waves.SelectMany(w => w).ToList();
        foreach (var service in running)
        {
            steps[service.Name] = new JsonArray(catalog.StepsFor(service, hop.To)
                .Select(s => (JsonNode)new JsonObject
                {
                    ["kind"] = s.Kind.Name(),
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
            ["services"] = Names(running),
            ["waves"] = new JsonArray(waves.Select(w => (JsonNode)Names(w)).ToArray()),
            ["skipped"] = skipped,
            ["steps"] = steps,
        };
    }

    /// <summary>
    /// How long a service's hop is expected to take, in tool starts: its schema and data steps in <paramref name="to"/>,
    /// and each of its cell steps once (they run again for every extra cell, whose count the plan cannot know).
    /// </summary>
    private static int ExpectedWork(ServiceCatalog catalog, ServiceDefinition service, Release to) =>
        catalog.StepsFor(service, to).Count(s => s.Kind is StepKind.Schema or StepKind.Data)
        + catalog.CellStepsFor(service, to).Count(s => s.Kind is StepKind.Schema or StepKind.Data);

    /// <summary>
    /// The services the start release has online data migrations for (its own steps or its cells'): the ones whose
    /// start-release data the upgrade role finishes before the first hop. The others would start a module, read their
    /// state and toolbox, and run nothing.
    /// </summary>
    private static IEnumerable<ServiceDefinition> StartData(ServiceCatalog catalog, IReadOnlyList<ServiceDefinition> services, Release from) =>
        services.Where(s => catalog.Exists(s, from)
            && catalog.StepsFor(s, from).Concat(catalog.CellStepsFor(s, from)).Any(step => step.Kind == StepKind.Data));

    private static JsonArray Names(IEnumerable<ServiceDefinition> services) =>
        new(services.Select(s => (JsonNode)s.Name).ToArray());
}
