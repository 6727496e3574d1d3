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
}
