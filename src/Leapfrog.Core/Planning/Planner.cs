using Leapfrog.Core.Releases;

namespace Leapfrog.Core.Planning;

/// <summary>Turns "from N to M" into a chain of hops.</summary>
public sealed class Planner
{
    private readonly ReleaseCatalog _releases;

    /// <summary>Creates a planner over <paramref name="releases"/>.</summary>
    public Planner(ReleaseCatalog releases) => _releases = releases;

    /// <summary>True when upstream supports upgrading directly from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public bool IsSupported(Release from, Release to) =>
        to.Order == from.Order + 1 || (from.Slurp && _releases.NextSlurp(from) == to);

    /// <summary>Plans the hops.</summary>
    /// <param name="from">Release the databases are at.</param>
    /// <param name="to">Release they must reach.</param>
    /// <param name="policy">How to pick intermediate releases when <paramref name="via"/> is empty.</param>
    /// <param name="via">Explicit intermediate releases, oldest first; empty to let the policy choose.</param>
    /// <param name="allowUnsupported">Accept hops upstream does not support (only possible through <paramref name="via"/>).</param>
    /// <exception cref="InvalidRequestException">Backwards, equal, out-of-order or unsupported.</exception>
    public IReadOnlyList<PlannedHop> Plan(Release from, Release to, PlanPolicy policy, IReadOnlyList<Release> via, bool allowUnsupported)
    {
        if (to.Order == from.Order)
        {
            throw new InvalidRequestException($"from_release and to_release are both {from.Id}: there is nothing to upgrade");
        }

        if (to.Order < from.Order)
        {
            throw new InvalidRequestException(
                $"{from.Id} -> {to.Id} goes backwards: database downgrades are not supported by OpenStack; restore a backup instead");
        }

        var stops = via.Count > 0 ? CheckVia(from, to, via) : Walk(from, to, policy);
        var hops = new List<PlannedHop>();
        var at = from;
        foreach (var next in stops.Append(to))
        {
            hops.Add(new PlannedHop(at, next, IsSupported(at, next)));
            at = next;
        }

        var unsupported = hops.Where(h => !h.Supported).ToList();
        if (unsupported.Count > 0 && !allowUnsupported)
        {
            throw new InvalidRequestException(
                $"hop {string.Join(", ", unsupported.Select(h => $"{h.From.Id} -> {h.To.Id}"))} is not supported upstream " +
                "(only N -> N+1 and SLURP -> next SLURP are); set allow_unsupported to run it anyway");
        }

        return hops;
    }

    private List<Release> Walk(Release from, Release to, PlanPolicy policy)
    {
        var stops = new List<Release>();
        var at = from;
        while (true)
        {
            var slurp = policy == PlanPolicy.Strict && at.Slurp ? _releases.NextSlurp(at) : null;
            var next = slurp is not null && slurp.Order <= to.Order ? slurp : _releases.Next(at)!;
            if (next == to)
            {
                return stops;
            }

            stops.Add(next);
            at = next;
        }
    }

    private static List<Release> CheckVia(Release from, Release to, IReadOnlyList<Release> via)
    {
        var previous = from;
        foreach (var stop in via)
        {
            if (stop.Order <= previous.Order || stop.Order >= to.Order)
            {
                throw new InvalidRequestException(
                    $"via: {stop.Id} must come after {previous.Id} and before {to.Id} (list the intermediate releases oldest first)");
            }

            previous = stop;
        }

        return via.ToList();
    }
}
