namespace Leapfrog.Report.Model;

/// <summary>One hop of the path (from one release to the next) and what each service did in it.</summary>
internal sealed record HopReport
{
    public required string From { get; init; }

    public required string To { get; init; }

    /// <summary>The hop in plain words, e.g. "victoria -> wallaby".</summary>
    public required string Title { get; init; }

    public string? Started { get; init; }

    public string? Finished { get; init; }

    public List<ServiceHop> Services { get; init; } = [];
}

/// <summary>One service's run of one hop.</summary>
internal sealed record ServiceHop
{
    public required string Service { get; init; }

    public required string RunId { get; init; }

    /// <summary>running, done or failed, as the state file records it.</summary>
    public required string Outcome { get; init; }

    public string? Message { get; init; }

    public required string Started { get; init; }

    public string? Finished { get; init; }

    public double? DurationS { get; init; }

    /// <summary>True, false, or null when no hop result was given (the state file does not hold the verdict).</summary>
    public bool? Verified { get; init; }

    public List<StepRow> Steps { get; init; } = [];

    public List<CellRow> Cells { get; init; } = [];

    public List<DatabaseVerdict> Databases { get; init; } = [];

    public List<DataMigrationRow> DataMigrations { get; init; } = [];

    /// <summary>The registry after the jump (final hop of nova, cinder); null when the result has none.</summary>
    public RegistrySection? Registry { get; init; }

    public string? StateFile { get; init; }
}

/// <summary>One step as recorded.</summary>
internal sealed record StepRow
{
    public required string Name { get; init; }

    public required string Kind { get; init; }

    public required string Outcome { get; init; }

    public int? Rc { get; init; }

    public string? Meaning { get; init; }

    public double DurationS { get; init; }

    public int Runs { get; init; }

    public string? Started { get; init; }

    public bool Resumed { get; init; }

    public string? Command { get; init; }

    /// <summary>The tool's own error line, as the hop result gives it.</summary>
    public string? Error { get; init; }

    /// <summary>Last lines of the tool's output, as the hop result gives them.</summary>
    public string? Output { get; init; }
}

/// <summary>One nova cell run on its own.</summary>
internal sealed record CellRow
{
    public required string Name { get; init; }

    public required string Uuid { get; init; }

    public required string Outcome { get; init; }

    public string? Message { get; init; }

    public string? Finished { get; init; }

    public List<StepRow> Steps { get; init; } = [];
}

/// <summary>One database's revision after the hop, against the heads the target release's tools ship.</summary>
internal sealed record DatabaseVerdict
{
    public required string Database { get; init; }

    public string? Cell { get; init; }

    public List<string> Revision { get; init; } = [];

    public List<string> Heads { get; init; } = [];

    public bool? AtHead { get; init; }

    public string? Error { get; init; }
}

/// <summary>One online data migration's rows.</summary>
internal sealed record DataMigrationRow(string Name, long? Needed, long? Completed, int? Batches);
