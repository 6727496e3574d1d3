using System.Globalization;
using Leapfrog.Core;
using YamlDotNet.RepresentationModel;

namespace Leapfrog.Inventory.Config;

/// <summary>A YAML node with its dotted path, for typed reads with one-line messages.</summary>
/// <param name="Origin">The file, for messages.</param>
/// <param name="Path">Dotted path of the node, e.g. <c>controllers[0].port</c>.</param>
/// <param name="Node">The node.</param>
internal sealed record YamlField(string Origin, string Path, YamlNode Node)
{
    /// <summary>An error naming the file, line and path.</summary>
    public InventoryException Error(string problem) =>
        new($"{Origin} line {Node.Start.Line}: {Path}: {problem}");

    /// <summary>The node as a mapping whose keys are all in <paramref name="known"/>.</summary>
    public IReadOnlyList<(string Key, YamlField Value)> Mapping(params string[] known)
    {
        if (Node is not YamlMappingNode map)
        {
            throw Error($"expected a mapping, found {Describe()}");
        }

        var list = new List<(string, YamlField)>();
        foreach (var (k, v) in map.Children)
        {
            var key = k is YamlScalarNode s ? s.Value ?? "" : throw new YamlField(Origin, Path, k).Error("a key must be plain text");
            if (known.Length > 0 && !known.Contains(key, StringComparer.Ordinal))
            {
                throw new YamlField(Origin, Path, k).Error($"unknown key '{Printable.Clip(key)}'; known: {string.Join(", ", known)}");
            }

            list.Add((key, new YamlField(Origin, Path.Length == 0 ? key : $"{Path}.{key}", v)));
        }

        return list;
    }

    /// <summary>The node as a sequence.</summary>
    public IReadOnlyList<YamlField> Sequence()
    {
        if (Node is not YamlSequenceNode seq)
        {
            throw Error($"expected a list, found {Describe()}");
        }

        return seq.Children.Select((n, i) => new YamlField(Origin, $"{Path}[{i}]", n)).ToList();
    }

    /// <summary>True when the node is a sequence.</summary>
    public bool IsSequence => Node is YamlSequenceNode;

    /// <summary>The node as non-empty text.</summary>
    public string Text()
    {
        if (Node is not YamlScalarNode { Value: { } value } || IsNull(value))
        {
            throw Error($"expected text, found {Describe()}");
        }

        return value;
    }

    /// <summary>The node as an integer between <paramref name="min"/> and <paramref name="max"/>.</summary>
    public int Int(int min, int max)
    {
        var text = Text();
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
        {
            throw Error($"'{Printable.Clip(text)}' is not a whole number from {min} to {max}");
        }

        return n;
    }

    /// <summary>The node as a list of texts (a single text is a list of one).</summary>
    public IReadOnlyList<string> TextList() =>
        Node is YamlScalarNode ? [Text()] : Sequence().Select(f => f.Text()).ToList();

    private static bool IsNull(string value) => value is "" or "~" or "null" or "Null" or "NULL";

    private string Describe() => Node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode { Value: { } v } when IsNull(v) => "nothing",
        YamlScalarNode { Value: { } v } => $"'{Printable.Clip(v)}'",
        _ => "something else",
    };
}
