using Leapfrog.Core;
using Leapfrog.Core.Catalog;
using Leapfrog.Core.Releases;
using Leapfrog.Core.Toolboxes;

namespace Leapfrog.Inventory.Config;

/// <summary>A toolbox spec or table in the inventory's YAML, read by the one <see cref="ToolboxReader"/>; messages name the file and line.</summary>
/// <param name="Field">The YAML node.</param>
internal sealed record YamlToolboxNode(YamlField Field) : IToolboxNode
{
    /// <summary>Reads a <c>toolboxes:</c> table.</summary>
    public static ToolboxTable Table(YamlField field) =>
        ToolboxReader.Table(new YamlToolboxNode(field), ReleaseCatalog.Default, ServiceCatalog.Default.Services.Select(s => s.Name).ToList());

    /// <inheritdoc/>
    public string Where => Field.Path;

    /// <inheritdoc/>
    public IReadOnlyList<KeyValuePair<string, IToolboxNode>>? Pairs => Field.Node is YamlDotNet.RepresentationModel.YamlMappingNode
        ? Field.Mapping().Select(p => new KeyValuePair<string, IToolboxNode>(p.Key, new YamlToolboxNode(p.Value))).ToList()
        : null;

    /// <inheritdoc/>
    public IReadOnlyList<IToolboxNode>? Items => Field.IsSequence ? Field.Sequence().Select(f => (IToolboxNode)new YamlToolboxNode(f)).ToList() : null;

    /// <inheritdoc/>
    public string? Text => Field.Node is YamlDotNet.RepresentationModel.YamlScalarNode ? Field.Text() : null;

    /// <inheritdoc/>
    public LeapfrogException Error(string problem) => Field.Error(problem);
}
