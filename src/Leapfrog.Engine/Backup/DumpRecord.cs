namespace Leapfrog.Engine;

/// <summary>One database of a backup: its dump file, size and checksum (as in the manifest).</summary>
public sealed record DumpRecord
{
    /// <summary>Database name.</summary>
    public required string Database { get; init; }

    /// <summary>Where it was found: the catalog's schema name, <c>cell</c> (nova's cell_mappings) or <c>catalog</c> (listed only).</summary>
    public required string Origin { get; init; }

    /// <summary>File name in the backup directory.</summary>
    public required string File { get; init; }

    /// <summary>sha256 of the file, hex.</summary>
    public required string Sha256 { get; init; }

    /// <summary>Size of the file in bytes.</summary>
    public required long Bytes { get; init; }

    /// <summary>How long the dump ran.</summary>
    public double Seconds { get; init; }

    /// <summary>True when this run re-attached to a dump an earlier run had started.</summary>
    public bool Resumed { get; init; }
}
