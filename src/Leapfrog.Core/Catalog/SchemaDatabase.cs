namespace Leapfrog.Core.Catalog;

/// <summary>
/// One database a service owns, and where the service's own package keeps the migration scripts that
/// define its schema head: the facts the hop's verdict needs to ask a toolbox which head it ships and
/// which revision the database records.
/// </summary>
public sealed record SchemaDatabase
{
    private readonly IReadOnlyList<IReadOnlyList<string>> _layouts = [];

    /// <summary>The database's role, e.g. <c>nova_api</c> (its real name is read from the URL).</summary>
    public required string Name { get; init; }

    /// <summary>Where its URL is in the service config: <c>section.option</c>, e.g. <c>api_database.connection</c>.</summary>
    public required string Url { get; init; }

    /// <summary>
    /// Migration repositories, as directories relative to the Python path (e.g. <c>nova/db/api/migrations</c>),
    /// grouped by layout, newest layout first: the first layout whose repositories all exist in the toolbox is the
    /// one that release ships. A directory with <c>migrate.cfg</c> is a sqlalchemy-migrate repository (its head is
    /// the highest numbered script, recorded in <c>migrate_version</c> under its repository id); any other is an
    /// alembic script directory (heads from alembic, recorded in <c>alembic_version</c>).
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> Layouts { get => _layouts; init => _layouts = value ?? []; }

    /// <summary>
    /// The schema database (by <see cref="Name"/>) whose <c>cell_mappings</c> list further databases judged like this
    /// one: nova's cell databases, cell0 included, listed in <c>nova_api</c>.
    /// </summary>
    public string? CellsFrom { get; init; }

    /// <summary>Where upstream keeps the migrations and the version table.</summary>
    public string? Source { get; init; }
}
