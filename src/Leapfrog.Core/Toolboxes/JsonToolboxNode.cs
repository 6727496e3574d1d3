using System.Text.Json;
using System.Text.Json.Nodes;

namespace Leapfrog.Core.Toolboxes;

/// <summary>A toolbox spec or table given as JSON (the hop module's <c>toolbox</c> and <c>toolboxes</c>).</summary>
/// <param name="Where">The node's dotted path.</param>
/// <param name="Node">The JSON node.</param>
public sealed record JsonToolboxNode(string Where, JsonNode? Node) : IToolboxNode
{
    /// <inheritdoc/>
    public IReadOnlyList<KeyValuePair<string, IToolboxNode>>? Pairs => Node is JsonObject o
        ? o.Select(p => new KeyValuePair<string, IToolboxNode>(p.Key, new JsonToolboxNode($"{Where}.{p.Key}", p.Value))).ToList()
        : null;

    /// <inheritdoc/>
    public IReadOnlyList<IToolboxNode>? Items => Node is JsonArray a
        ? a.Select((n, i) => (IToolboxNode)new JsonToolboxNode($"{Where}[{i}]", n)).ToList()
        : null;

    /// <inheritdoc/>
    public string? Text => Node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    /// <inheritdoc/>
    public LeapfrogException Error(string problem) => new InvalidRequestException($"{Where}: {problem}");
}
