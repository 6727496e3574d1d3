namespace Leapfrog.Engine;

/// <summary>
/// One database of the service as the target release's toolbox sees it: the revision the database records
/// (<c>alembic_version</c> or the legacy <c>migrate_version</c>) and the heads of the migration scripts the
/// toolbox ships.
/// </summary>
public sealed record DatabaseRevision
{
    /// <summary>The database's role in the catalog, e.g. <c>nova_api</c> or <c>nova</c> (every cell database is a <c>nova</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The database's real name, from its URL; null when the URL is not configured.</summary>
    public string? Database { get; init; }

    /// <summary>The nova cell it belongs to (cell0, cell1, ...), when the API database maps it.</summary>
    public string? Cell { get; init; }

    /// <summary>The revision(s) the database records; null when it has no version table (or it could not be read).</summary>
    public IReadOnlyList<string>? Revision { get; init; }

    /// <summary>The head(s) of the migration scripts the toolbox ships for this database.</summary>
    public IReadOnlyList<string>? Heads { get; init; }

    /// <summary>The migration repositories the heads come from (package-relative), as the toolbox ships them.</summary>
    public string? Layout { get; init; }

    /// <summary>Why the revision or the heads could not be read (secrets removed); null when both were read.</summary>
    public string? Error { get; init; }

    /// <summary>True when the recorded revision(s) are exactly the shipped head(s).</summary>
    public bool AtHead => Error is null && Revision is { Count: > 0 } r && Heads is { Count: > 0 } h
        && r.Order(StringComparer.Ordinal).SequenceEqual(h.Order(StringComparer.Ordinal));

    /// <summary>A short description for messages, e.g. <c>nova_api (nova_api_7) at 1b91788ec3a6, heads b30f573d3377</c>.</summary>
    public string Describe()
    {
        var who = Database is null || Database == Name ? Name : $"{Name} ({Database}{(Cell is null ? "" : ", " + Cell)})";
        if (Error is not null)
        {
            return $"{who}: {Error}";
        }

        var at = Revision is null ? "has no version table" : Revision.Count == 0 ? "records no revision" : $"is at {string.Join(", ", Revision)}";
        return $"{who} {at}; the toolbox ships head {string.Join(", ", Heads ?? [])}";
    }
}
