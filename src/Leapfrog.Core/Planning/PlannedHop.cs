using Leapfrog.Core.Releases;

namespace Leapfrog.Core.Planning;

/// <summary>One hop of a plan: every service's database moves from <see cref="From"/> to <see cref="To"/>.</summary>
/// <param name="From">Release the databases are at.</param>
/// <param name="To">Release whose tools run the hop.</param>
/// <param name="Supported">True when upstream supports (and tests) this upgrade.</param>
public sealed record PlannedHop(Release From, Release To, bool Supported)
{
    /// <summary>True for a SLURP to next-SLURP jump.</summary>
    public bool Slurp => From.Slurp && To.Slurp && To.Order > From.Order + 1;
}
