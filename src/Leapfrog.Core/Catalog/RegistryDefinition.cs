using System.Text.Json.Serialization;

namespace Leapfrog.Core.Catalog;

/// <summary>
/// A service's registry (its <c>services</c> table): where it is, which columns record a row's version, how the target
/// release judges a row (asked of its own code) and how a dead row is removed (as the service's own code does it).
/// </summary>
public sealed record RegistryDefinition
{
    /// <summary>The service.</summary>
    public required string Service { get; init; }

    /// <summary>The schema database holding the table (a name in the service's catalog entry).</summary>
    public required string Database { get; init; }

    /// <summary>Every cell database has its own copy (nova).</summary>
    public bool Cells { get; init; }

    /// <summary>The table, e.g. <c>services</c>.</summary>
    public required string Table { get; init; }

    /// <summary>The columns that record a row's version.</summary>
    public required IReadOnlyList<string> Versions { get; init; }

    /// <summary>How the target release judges a row.</summary>
    public required RegistryAccept Accept { get; init; }

    /// <summary>How a dead row is removed.</summary>
    public required RegistryRemove Remove { get; init; }

    /// <summary>The upstream model the columns are read from.</summary>
    public required string Source { get; init; }
}

/// <summary>
/// The target release's own judgement. <c>oldest_version</c>: its code prints <c>{"oldest", "oldest_name", "verdict",
/// "message"}</c>; a live row of <see cref="Binary"/> whose <see cref="Column"/> is above 0 and below <c>oldest</c> is too old.
/// <c>current_versions</c>: its code prints <c>{"rpc": {binary: version}, "objects": version}</c>; a row at other
/// versions pins the running services to them.
/// </summary>
public sealed record RegistryAccept
{
    /// <summary><c>oldest_version</c> or <c>current_versions</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>The first target release whose code can answer.</summary>
    public required string Since { get; init; }

    /// <summary>oldest_version: the binary checked.</summary>
    public string? Binary { get; init; }

    /// <summary>oldest_version: the version column.</summary>
    public string? Column { get; init; }

    /// <summary>Python run by the toolbox's interpreter with the config file as its argument; prints one JSON object.</summary>
    public required string Python { get; init; }

    /// <summary>What to set until the rows are upgraded, when upstream offers it.</summary>
    public string? Workaround { get; init; }

    /// <summary>The upstream code.</summary>
    public required string Source { get; init; }
}

/// <summary>
/// Soft-delete statements for one dead row, run in one transaction with <c>:id</c>, <c>:host</c>, <c>:binary</c> and
/// <c>:age</c> (seconds) bound; the first updates the row only while it is still dead, else nothing more runs.
/// </summary>
public sealed record RegistryRemove
{
    /// <summary>The statements, in order.</summary>
    public required IReadOnlyList<string> Statements { get; init; }

    /// <summary>The upstream code they mirror.</summary>
    public required string Source { get; init; }
}

/// <summary>The embedded registry file.</summary>
internal sealed record RegistryFile
{
    [JsonPropertyName("_source")]
    public string? Source { get; init; }

    public required IReadOnlyList<RegistryDefinition> Registries { get; init; }
}

/// <summary>Source-generated JSON contract of <c>registry.json</c>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectRequiredConstructorParameters = true,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(RegistryFile))]
internal sealed partial class RegistryJsonContext : JsonSerializerContext;
