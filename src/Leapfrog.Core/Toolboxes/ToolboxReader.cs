using Leapfrog.Core.Releases;

namespace Leapfrog.Core.Toolboxes;

/// <summary>
/// Reads and validates toolbox specs and tables, from the hop module's JSON or the inventory's YAML
/// (<see cref="IToolboxNode"/>). A spec: <c>{type, path?, image?, engine?, prefix?}</c>. A table: keyed by <c>all</c> or
/// a release name (any spelling); each entry a spec for every service (inline, or under <c>default</c>) and per-service
/// specs (under <c>services</c>, or keyed by the service's name).
/// </summary>
public static class ToolboxReader
{
    private static readonly string[] SpecKeys = ["type", "path", "image", "engine", "prefix"];
    private static readonly string Types = string.Join(", ", Enum.GetValues<ToolboxType>().Select(Toolbox.Name));

    /// <summary>Reads one spec.</summary>
    /// <exception cref="LeapfrogException">Any problem, naming where it is (the node's error type).</exception>
    public static Toolbox Spec(IToolboxNode node)
    {
        var pairs = Mapping(node);
        foreach (var (key, value) in pairs.Where(p => !SpecKeys.Contains(p.Key)))
        {
            throw node.Error($"unknown key '{Printable.Clip(key, 40)}'; toolbox keys: {string.Join(", ", SpecKeys)}");
        }

        return Build(node, pairs);
    }

    /// <summary>Reads a table.</summary>
    /// <param name="node">The table.</param>
    /// <param name="releases">The releases its keys may name.</param>
    /// <param name="services">The services an entry may name.</param>
    /// <exception cref="LeapfrogException">Any problem, naming where it is.</exception>
    public static ToolboxTable Table(IToolboxNode node, ReleaseCatalog releases, IReadOnlyCollection<string> services)
    {
        ToolboxEntry? all = null;
        var byRelease = new Dictionary<string, ToolboxEntry>(StringComparer.Ordinal);
        foreach (var (key, value) in Mapping(node))
        {
            var entry = Entry(value, services);
            if (key == "all")
            {
                all = entry;
                continue;
            }

            if (!releases.TryFind(key, out var release))
            {
                throw value.Error($"'{Printable.Clip(key)}' is not a known OpenStack release; known: all, {string.Join(", ", releases.All.Select(r => r.Id))}");
            }

            if (!byRelease.TryAdd(release.Id, entry))
            {
                throw value.Error($"release {release.Id} is given twice");
            }
        }

        return new ToolboxTable(all, byRelease);
    }

    private static ToolboxEntry Entry(IToolboxNode node, IReadOnlyCollection<string> services)
    {
        var own = new List<KeyValuePair<string, IToolboxNode>>();
        Toolbox? byDefault = null;
        var perService = new Dictionary<string, Toolbox>(StringComparer.Ordinal);
        void Add(string name, IToolboxNode spec)
        {
            var service = services.FirstOrDefault(s => string.Equals(s, name.Trim(), StringComparison.OrdinalIgnoreCase))
                ?? throw spec.Error($"'{Printable.Clip(name)}' is not a known service; known: {string.Join(", ", services)}");
            if (!perService.TryAdd(service, Spec(spec)))
            {
                throw spec.Error($"service {service} is given twice");
            }
        }

        foreach (var (key, value) in Mapping(node))
        {
            if (SpecKeys.Contains(key))
            {
                own.Add(new(key, value));
            }
            else if (key == "default")
            {
                byDefault = Spec(value);
            }
            else if (key == "services")
            {
                foreach (var (name, spec) in Mapping(value))
                {
                    Add(name, spec);
                }
            }
            else
            {
                Add(key, value);
            }
        }

        if (own.Count > 0 && byDefault is not null)
        {
            throw node.Error("give the toolbox of every service either inline or under default, not both");
        }

        var entry = new ToolboxEntry(own.Count > 0 ? Build(node, own) : byDefault, perService);
        return entry.Own is null && perService.Count == 0
            ? throw node.Error($"give a toolbox (type: {Types}), default: or services:")
            : entry;
    }

    private static Toolbox Build(IToolboxNode node, IReadOnlyList<KeyValuePair<string, IToolboxNode>> pairs)
    {
        var get = pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        if (!get.TryGetValue("type", out var typeNode))
        {
            throw node.Error($"type is missing ({Types})");
        }

        var typeText = Text(typeNode);
        var type = Enum.GetValues<ToolboxType>().Cast<ToolboxType?>().FirstOrDefault(t => Toolbox.Name(t!.Value) == typeText)
            ?? throw typeNode.Error($"'{Printable.Clip(typeText, 40)}' is not a toolbox type; known: {Types}");
        var allowed = type switch
        {
            ToolboxType.Venv or ToolboxType.Chroot => new[] { "type", "path" },
            ToolboxType.Container => ["type", "image", "engine"],
            ToolboxType.Prefix => ["type", "prefix"],
            _ => ["type"],
        };
        foreach (var (key, value) in pairs.Where(p => !allowed.Contains(p.Key)))
        {
            throw value.Error($"does not apply to a {typeText} toolbox");
        }

        string Required(string key, string what) =>
            get.TryGetValue(key, out var f) && Text(f) is { Length: > 0 } t ? t : throw node.Error($"a {typeText} toolbox needs {what}");

        var toolbox = type switch
        {
            ToolboxType.Venv or ToolboxType.Chroot => new Toolbox(type, Checked(get.GetValueOrDefault("path"), Required("path", "a path"), Releases.NewestPath.Check), null, null, []),
            ToolboxType.Container => new Toolbox(type, null, Checked(get.GetValueOrDefault("image"), Required("image", "an image"), Inputs.Word),
                get.TryGetValue("engine", out var e) ? Engine(e) : null, []),
            ToolboxType.Prefix => new Toolbox(type, null, null, null, Prefix(node, get.GetValueOrDefault("prefix"))),
            _ => Toolbox.OnPath,
        };

        foreach (var text in toolbox.Texts())
        {
            if (Placeholders.FirstUnknown(text) is { } unknown)
            {
                throw node.Error($"unknown placeholder {unknown} (known: {Placeholders.Known})");
            }
        }

        return toolbox;
    }

    private static string Checked(IToolboxNode? node, string value, Func<string, string, string> check)
    {
        try
        {
            return check(value, node?.Where ?? "");
        }
        catch (InvalidRequestException e) when (node is not null)
        {
            throw node.Error(e.Message[(node.Where.Length + 2)..]);
        }
    }

    private static string Engine(IToolboxNode node) => Text(node) switch
    {
        "podman" => "podman",
        "docker" => "docker",
        var other => throw node.Error($"'{Printable.Clip(other, 40)}' is not a container engine; known: podman, docker"),
    };

    private static List<string> Prefix(IToolboxNode spec, IToolboxNode? node)
    {
        var items = node?.Items ?? throw (node ?? spec).Error(node is null ? "a prefix toolbox needs a prefix (an argv list)" : "expected a list of strings (an argv)");
        var list = items.Select(i => i.Text is { } t ? Plain(i, t) : throw i.Error("expected a string")).ToList();
        return list.Count > 0 ? list : throw spec.Error("a prefix toolbox needs a non-empty prefix argv");
    }

    private static string Plain(IToolboxNode node, string text)
    {
        return text.Any(char.IsControl)
            ? throw node.Error($"contains a control character (U+{(int)text.First(char.IsControl):X4}); an argv word must be plain text")
            : text;
    }

    private static string Text(IToolboxNode node) => node.Text ?? throw node.Error("expected a string");

    private static IReadOnlyList<KeyValuePair<string, IToolboxNode>> Mapping(IToolboxNode node) =>
        node.Pairs ?? throw node.Error("expected a mapping");
}
