namespace Leapfrog.Core.Catalog;

/// <summary>
/// What rows an online data migration leaves behind mean, when the tool's final run says nothing more can be done
/// (rc 0) while its table still lists rows needing that migration. Catalog data, with its upstream source: a migration
/// not listed leaves a warning naming it and its counts.
/// </summary>
public sealed record DataLeftover
{
    /// <summary>The migration as the tool's table names it, e.g. <c>populate_instance_compute_id</c>.</summary>
    public required string Migration { get; init; }

    /// <summary>First release (any spelling) the verdict holds for; null for every release.</summary>
    public string? Since { get; init; }

    /// <summary>Last release (any spelling) the verdict holds for; null for every later release.</summary>
    public string? Until { get; init; }

    /// <summary>
    /// <c>accepted</c>: the rows are ones the release's tool cannot and need not migrate; the data migrations are done, the
    /// result says why and no warning is given. (The only verdict so far: rows that must be dealt with are found by the next
    /// release's own blocker migrations, which fail its schema sync.)
    /// </summary>
    public required string Verdict { get; init; }

    /// <summary>Why, for the operator (in the result).</summary>
    public required string Why { get; init; }

    /// <summary>Where upstream says so.</summary>
    public string? Source { get; init; }
}
