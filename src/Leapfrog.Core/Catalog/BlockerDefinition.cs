namespace Leapfrog.Core.Catalog;

/// <summary>
/// A known condition of a live cloud that makes a hop fail halfway (or the target release refuse to start), found
/// before the window by a read-only check: where it applies, how it is detected, what to tell the operator.
/// </summary>
public sealed record BlockerDefinition
{
    /// <summary>Stable name, lower-case words joined by '-', e.g. <c>keystone-percent-in-database-url</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The service whose hop it blocks.</summary>
    public required string Service { get; init; }

    /// <summary>The hop targets it applies to.</summary>
    public required BlockerTargets Targets { get; init; }

    /// <summary><c>blocking</c> (the hop fails) or <c>warning</c> (the hop passes, something after it fails).</summary>
    public required string Severity { get; init; }

    /// <summary>How it is detected, read-only.</summary>
    public required BlockerDetect Detect { get; init; }

    /// <summary>What goes wrong, in plain words.</summary>
    public required string Message { get; init; }

    /// <summary>What the operator does about it.</summary>
    public required string Fix { get; init; }

    /// <summary>The upstream code, bug or release note it is read from.</summary>
    public required string Source { get; init; }
}

/// <summary>A range of hop targets (release names in any spelling); an open end is unbounded.</summary>
public sealed record BlockerTargets
{
    /// <summary>The first target release it applies to; null: every release up to <see cref="Until"/>.</summary>
    public string? Since { get; init; }

    /// <summary>The last target release it applies to; null: still current.</summary>
    public string? Until { get; init; }
}

/// <summary>
/// A read-only check. <c>config</c>: the service config's <see cref="Option"/> (<c>section.option</c>) holds
/// <see cref="Contains"/>. <c>sql</c>: <see cref="Query"/>, one SELECT against the schema database
/// <see cref="Database"/> (every cell's when <see cref="Cells"/>), returns a row per finding and none when all is well;
/// <c>{threshold}</c> in it is the integer the target release's own code prints for <see cref="Threshold"/>.
/// <c>free_space</c>: the largest table of <see cref="Database"/> (every cell's when <see cref="Cells"/>) times
/// <see cref="Factor"/> does not fit in the free space of the database server's data directory (read when the server
/// keeps it on the controller; elsewhere the check could not run, and says the table's size).
/// </summary>
public sealed record BlockerDetect
{
    /// <summary><c>config</c>, <c>sql</c> or <c>free_space</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>config: the option, <c>section.option</c>.</summary>
    public string? Option { get; init; }

    /// <summary>config: the text whose presence in the option's value is the finding.</summary>
    public string? Contains { get; init; }

    /// <summary>sql, free_space: the schema database's name in the service's catalog entry (e.g. <c>nova_api</c>).</summary>
    public string? Database { get; init; }

    /// <summary>sql, free_space: run against every cell database too (nova).</summary>
    public bool Cells { get; init; }

    /// <summary>sql: the query.</summary>
    public string? Query { get; init; }

    /// <summary>sql: a number to ask the target release's code for, filling <c>{threshold}</c>.</summary>
    public BlockerThreshold? Threshold { get; init; }

    /// <summary>free_space: how many times the largest table must fit in the free space (a rebuild writes one copy: 1).</summary>
    public double? Factor { get; init; }
}

/// <summary>A number the target toolbox's own Python prints (one integer on one line).</summary>
public sealed record BlockerThreshold
{
    /// <summary>Python source run with the toolbox's interpreter; it imports only the release's code.</summary>
    public required string Python { get; init; }
}

/// <summary>The embedded blockers file.</summary>
internal sealed record BlockerFile
{
    [System.Text.Json.Serialization.JsonPropertyName("_source")]
    public string? Source { get; init; }

    public required IReadOnlyList<BlockerDefinition> Blockers { get; init; }
}
