namespace Leapfrog.Core.Toolboxes;

/// <summary>
/// A toolbox spec or table as the user wrote it: the hop module's JSON arguments (<see cref="JsonToolboxNode"/>) or
/// the inventory's YAML. <see cref="ToolboxReader"/> reads both, so both accept and refuse the same things.
/// </summary>
public interface IToolboxNode
{
    /// <summary>The node's dotted path, e.g. <c>toolboxes.zed.type</c>.</summary>
    string Where { get; }

    /// <summary>The mapping's keys and values in order, or null when the node is no mapping.</summary>
    IReadOnlyList<KeyValuePair<string, IToolboxNode>>? Pairs { get; }

    /// <summary>The list's items, or null when the node is no list.</summary>
    IReadOnlyList<IToolboxNode>? Items { get; }

    /// <summary>The node's text, or null when it is no text.</summary>
    string? Text { get; }

    /// <summary>An error about this node, naming where it is.</summary>
    LeapfrogException Error(string problem);
}
