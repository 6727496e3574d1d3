using System.Text.Json.Serialization;

namespace Leapfrog.Core.Catalog;

/// <summary>The embedded releases file.</summary>
internal sealed record ReleaseFile
{
    [JsonPropertyName("_source")]
    public string? Source { get; init; }

    [JsonPropertyName("_osa_source")]
    public string? OsaSource { get; init; }

    public required IReadOnlyList<ReleaseEntry> Releases { get; init; }
}

/// <summary>One entry of the releases file.</summary>
internal sealed record ReleaseEntry
{
    public required string Name { get; init; }

    public string? Number { get; init; }

    public bool Slurp { get; init; }

    public int? OsaSeries { get; init; }
}

/// <summary>The embedded list of services, in catalog (run) order.</summary>
internal sealed record ServiceIndex
{
    public required IReadOnlyList<string> Order { get; init; }
}

/// <summary>Source-generated JSON contracts of the catalog (no reflection: Native AOT).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UseStringEnumConverter = true,
    AllowTrailingCommas = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectRequiredConstructorParameters = true,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(ReleaseFile))]
[JsonSerializable(typeof(ServiceIndex))]
[JsonSerializable(typeof(ServiceDefinition))]
[JsonSerializable(typeof(BlockerFile))]
internal sealed partial class CatalogJsonContext : JsonSerializerContext;
