namespace Leapfrog.Core.Planning;

/// <summary>How the planner chooses intermediate releases.</summary>
public enum PlanPolicy
{
    /// <summary>Upstream-supported hops only: N to N+1, and SLURP to the next SLURP (2023.1 on).</summary>
    Strict,

    /// <summary>Every release in turn.</summary>
    Stepwise,
}
