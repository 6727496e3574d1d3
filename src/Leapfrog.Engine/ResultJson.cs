using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Leapfrog.Engine;

/// <summary>
/// The engine's records as the hop module returns them (keys as documented in plugins/modules/hop.yml), written by
/// source-generated JSON, so a field added to <see cref="StepReport"/>, <see cref="CellReport"/>, <see cref="BlockerReport"/>
/// or <see cref="MigrationProgress"/> appears in the result without a hand-written mapping. Null fields are written as null.
/// </summary>
public static class ResultJson
{
    /// <summary>One step (null: none, e.g. no probe).</summary>
    public static JsonNode? Step(StepReport? step) => step is null ? null : JsonSerializer.SerializeToNode(step, ResultJsonContext.Default.StepReport);

    /// <summary>Steps, in order.</summary>
    public static JsonArray Steps(IReadOnlyList<StepReport> steps) => Array(JsonSerializer.SerializeToNode(steps, ResultJsonContext.Default.IReadOnlyListStepReport));

    /// <summary>Cells, with their steps and data migrations.</summary>
    public static JsonArray Cells(IReadOnlyList<CellReport> cells) => Array(JsonSerializer.SerializeToNode(cells, ResultJsonContext.Default.IReadOnlyListCellReport));

    /// <summary>Known blockers found or not checked.</summary>
    public static JsonArray Blockers(IReadOnlyList<BlockerReport> blockers) =>
        Array(JsonSerializer.SerializeToNode(blockers, ResultJsonContext.Default.IReadOnlyListBlockerReport));

    /// <summary>Online data migrations, per migration.</summary>
    public static JsonArray Migrations(IReadOnlyList<MigrationProgress> migrations) =>
        Array(JsonSerializer.SerializeToNode(migrations, ResultJsonContext.Default.IReadOnlyListMigrationProgress));

    private static JsonArray Array(JsonNode? node) => node as JsonArray ?? [];
}

/// <summary>Source-generated JSON for the module results (Native AOT); the enums bring their own converters.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(StepReport))]
[JsonSerializable(typeof(IReadOnlyList<StepReport>))]
[JsonSerializable(typeof(IReadOnlyList<CellReport>))]
[JsonSerializable(typeof(IReadOnlyList<BlockerReport>))]
[JsonSerializable(typeof(IReadOnlyList<MigrationProgress>))]
internal sealed partial class ResultJsonContext : JsonSerializerContext;
