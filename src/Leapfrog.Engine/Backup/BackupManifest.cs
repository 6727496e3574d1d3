using System.Text.Json.Serialization;

namespace Leapfrog.Engine;

/// <summary>MANIFEST.json of a service's backup, written last: a backup is complete when it exists. Holds no secret.</summary>
public sealed record BackupManifest
{
    /// <summary>The service.</summary>
    public required string Service { get; init; }

    /// <summary>When the backup was completed (UTC, ISO 8601).</summary>
    public required string Created { get; init; }

    /// <summary>Every dump.</summary>
    public required IReadOnlyList<DumpRecord> Dumps { get; init; }

    /// <summary>Databases the catalog lists that the server does not have.</summary>
    public IReadOnlyList<string> Absent { get; init; } = [];

    /// <summary>The state file that was copied.</summary>
    public string? StateFile { get; init; }

    /// <summary>Its copy in the backup directory (null: there was no state file).</summary>
    public string? StateCopy { get; init; }
}

/// <summary>Source-generated JSON for the manifest (Native AOT).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(BackupManifest))]
internal sealed partial class BackupJsonContext : JsonSerializerContext;
