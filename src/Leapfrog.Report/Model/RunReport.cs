namespace Leapfrog.Report.Model;

/// <summary>The whole report: what report.json holds and what report.html shows (docs/report.schema.json).</summary>
internal sealed record RunReport
{
    /// <summary>The schema this document follows; bumped on any incompatible change.</summary>
    public string Schema { get; init; } = SchemaVersion;

    public required string Title { get; init; }

    public required string Generated { get; init; }

    /// <summary>finished, failed, running or incomplete (some input could not be read).</summary>
    public required string Status { get; init; }

    public required string StatusText { get; init; }

    public string? Started { get; init; }

    public string? Finished { get; init; }

    public List<SourceFile> Sources { get; init; } = [];

    public List<Unread> Unread { get; init; } = [];

    public List<ServiceStanding> Services { get; init; } = [];

    public List<HopReport> Hops { get; init; } = [];

    public required Timeline Timeline { get; init; }

    public List<Note> Notes { get; init; } = [];

    public List<BackupFile> Backups { get; init; } = [];

    public RehearsalComparison? Rehearsal { get; init; }

    public List<LegendEntry> Legend { get; init; } = [];

    public const string SchemaVersion = "leapfrog-report/1";
}

/// <summary>An input read.</summary>
internal sealed record SourceFile(string File, string Kind);

/// <summary>An input (or part of one) that could not be read, and why.</summary>
internal sealed record Unread(string File, string Reason);

/// <summary>Where one service's database stands.</summary>
internal sealed record ServiceStanding
{
    public required string Service { get; init; }

    public string? Release { get; init; }

    public string? ReleaseName { get; init; }

    public string? LastHop { get; init; }

    public string? LastOutcome { get; init; }

    public bool Running { get; init; }

    public string? StateFile { get; init; }

    public string? Updated { get; init; }
}

/// <summary>A warning, a resume, a reconnect or a taken-over lock.</summary>
internal sealed record Note(string Kind, string? Service, string? Hop, string Text);

/// <summary>One file of a backup.</summary>
internal sealed record BackupFile
{
    public string? Service { get; init; }

    public string? Label { get; init; }

    public string? Database { get; init; }

    public required string Path { get; init; }

    public long? Bytes { get; init; }

    public string? Sha256 { get; init; }

    public string? Created { get; init; }

    /// <summary>Where the checksum is recorded (the manifest and the .sha256 beside the dump).</summary>
    public string? RecordedIn { get; init; }
}

/// <summary>One colour of the chart and what it means.</summary>
internal sealed record LegendEntry(string Outcome, string Colour, string Meaning);
