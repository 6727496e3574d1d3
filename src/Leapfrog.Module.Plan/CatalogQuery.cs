using System.Text.Json.Nodes;
using Leapfrog.Core;

namespace Leapfrog.Module.Plan;

/// <summary>
/// <c>query: catalog</c>: the catalog's facts about the services in the named releases, without planning a path. For
/// roles and scripts that need a release's tools without a hop (the toolbox role, scripts/sandbox): one release alone,
/// or releases that are no path, in the order given.
/// </summary>
internal static class CatalogQuery
{
    /// <summary>The parameters the query adds to the plan's.</summary>
    public static readonly IReadOnlyCollection<string> Parameters = ["query", "releases"];

    /// <summary>True when the task asks the catalog query instead of a plan.</summary>
    /// <exception cref="InvalidRequestException">An unknown query.</exception>
    public static bool Asked(ModuleArgs args) => args.GetChoice("query", "plan", "plan", "catalog") == "catalog";

    /// <summary>The facts of every service named (every known one when none is) in every release of <c>releases</c>.</summary>
    /// <exception cref="InvalidRequestException">No release, an unknown release or service, or an invalid catalog file.</exception>
    public static JsonObject Run(ModuleArgs args)
    {
        var catalog = CatalogFile.Load(args);
        var named = args.GetList("releases");
        if (named.Count == 0)
        {
            throw new InvalidRequestException("query catalog needs releases: the releases whose facts to return");
        }

        var releases = named.Select(r => catalog.Releases.Find(r, "releases")).ToList();
        var services = PathRequest.Services(args, catalog);
        return new JsonObject
        {
            ["changed"] = false,
            ["msg"] = $"catalog facts of {services.Count} service(s) in {string.Join(", ", releases.Select(r => r.Id).Distinct())}",
            ["services"] = new JsonArray(services.Select(s => (JsonNode)s.Name).ToArray()),
            ["releases"] = new JsonArray(releases.Select(r => (JsonNode)r.Id).ToArray()),
            ["catalog"] = PlanFacts.Describe(services, releases.DistinctBy(r => r.Id).ToList(), catalog),
        };
    }
}
