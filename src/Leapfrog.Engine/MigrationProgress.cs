namespace Leapfrog.Engine;

/// <summary>One online data migration over every batch of a hop's module run, as its tables reported it.</summary>
public sealed record MigrationProgress
{
    /// <summary>The migration, e.g. <c>fill_virtual_interface_list</c>.</summary>
    public required string Name { get; init; }

    /// <summary>"Total Needed" summed over the batches.</summary>
    public long Needed { get; init; }

    /// <summary>"Completed" summed over the batches.</summary>
    public long Completed { get; init; }

    /// <summary>"Total Needed" in the last batch.</summary>
    public long LastNeeded { get; init; }

    /// <summary>"Completed" in the last batch.</summary>
    public long LastCompleted { get; init; }

    /// <summary>Batches whose table listed it.</summary>
    public int Batches { get; init; }

    /// <summary>
    /// When the final run (rc 0) still listed rows needing it: the catalog's verdict on them (<c>accepted</c>), or
    /// <c>unknown</c> when the catalog has none (a warning); null when none were left.
    /// </summary>
    public string? Left { get; init; }

    /// <summary>Why the rows left are accepted, and where upstream says so (from the catalog).</summary>
    public string? LeftWhy { get; init; }
}
