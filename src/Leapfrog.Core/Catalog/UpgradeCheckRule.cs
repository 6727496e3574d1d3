namespace Leapfrog.Core.Catalog;

/// <summary>
/// A check of a service's <c>*-status upgrade check</c> that does not judge the database the hop moved: its Failure
/// is reported as <c>not_applicable</c>, not as a failure of the hop. Catalog data, with its upstream source.
/// </summary>
public sealed record UpgradeCheckRule
{
    /// <summary>The check's name as the tool prints it after <c>Check:</c>, e.g. <c>Placement API</c>.</summary>
    public required string Check { get; init; }

    /// <summary>First release (any spelling) the rule holds for; null for every release.</summary>
    public string? Since { get; init; }

    /// <summary>Last release (any spelling) the rule holds for; null for every later release.</summary>
    public string? Until { get; init; }

    /// <summary><c>not_applicable</c>: the check needs a running cloud (an API, a message queue), not only the database.</summary>
    public required string Verdict { get; init; }

    /// <summary>Why, for the operator (in the result).</summary>
    public required string Why { get; init; }

    /// <summary>Where upstream defines the check.</summary>
    public string? Source { get; init; }
}
