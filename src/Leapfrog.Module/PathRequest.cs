using Leapfrog.Core;
using Leapfrog.Core.Catalog;
using Leapfrog.Core.Planning;
using Leapfrog.Core.Releases;

namespace Leapfrog.Module;

/// <summary>The release-path parameters shared by the plan and hop modules, validated.</summary>
/// <param name="From">Release the databases are at.</param>
/// <param name="To">Release to reach.</param>
/// <param name="Policy">Path policy.</param>
/// <param name="Via">Explicit intermediate releases.</param>
/// <param name="AllowUnsupported">Accept hops upstream does not support.</param>
public sealed record PathRequest(Release From, Release To, PlanPolicy Policy, IReadOnlyList<Release> Via, bool AllowUnsupported)
{
    /// <summary>Reads and validates the path parameters.</summary>
    /// <exception cref="InvalidRequestException">Unknown release or policy.</exception>
    public static PathRequest Read(ModuleArgs args, ReleaseCatalog releases)
    {
        var from = releases.Find(args.GetRequired("from_release"), "from_release");
        var to = releases.Find(args.GetRequired("to_release"), "to_release");
        var policy = args.GetChoice("policy", "strict", "strict", "stepwise") == "strict" ? PlanPolicy.Strict : PlanPolicy.Stepwise;
        var via = args.GetList("via").Select(v => releases.Find(v, "via")).ToList();
        return new PathRequest(from, to, policy, via, args.GetBool("allow_unsupported", false));
    }

    /// <summary>Plans the hops.</summary>
    /// <exception cref="InvalidRequestException">Backwards, equal or unsupported.</exception>
    public IReadOnlyList<PlannedHop> Plan(ReleaseCatalog releases) =>
        new Planner(releases).Plan(From, To, Policy, Via, AllowUnsupported);

    /// <summary>The services to plan for, in run order; every known service when none are named.</summary>
    /// <exception cref="InvalidRequestException">An unknown service.</exception>
    public static IReadOnlyList<ServiceDefinition> Services(ModuleArgs args, ServiceCatalog catalog)
    {
        var named = args.GetList("services").Select(n => catalog.Find(n, "services")).ToHashSet();
        return catalog.Services.Where(s => named.Count == 0 || named.Contains(s)).ToList();
    }
}
