namespace Leapfrog.Report.Model;

/// <summary>The registry after the jump, as the final hop's result gives it (the hop module's <c>registry</c>).</summary>
internal sealed record RegistrySection
{
    /// <summary>accepted, too_old, pinned or could_not_check.</summary>
    public required string Verdict { get; init; }

    public required string Message { get; init; }

    /// <summary>The target release's own check, as its code answered.</summary>
    public string? ReleaseCheck { get; init; }

    public string? Oldest { get; init; }

    public string? Workaround { get; init; }

    /// <summary>Where the removed rows were saved first (controller).</summary>
    public string? Backup { get; init; }

    public string? Source { get; init; }

    public List<RegistryRowEntry> Rows { get; init; } = [];
}

/// <summary>One services row.</summary>
internal sealed record RegistryRowEntry
{
    public string? Cell { get; init; }

    public string? Host { get; init; }

    public string? Binary { get; init; }

    /// <summary>The recorded versions, <c>column=value</c>.</summary>
    public required string Versions { get; init; }

    public string? LastSeen { get; init; }

    public long? AgeS { get; init; }

    public bool Deleted { get; init; }

    public bool Disabled { get; init; }

    /// <summary>accepted, too_old, pinned, deleted or could_not_check.</summary>
    public required string Status { get; init; }

    public bool Dead { get; init; }

    public bool Removed { get; init; }
}
