using Leapfrog.Core;
using Leapfrog.Core.Releases;

namespace Leapfrog.Inventory.Config;

/// <summary>Reads <c>toolboxes:</c> tables and toolbox specs from YAML.</summary>
internal static class ToolboxReader
{
    private static readonly string[] SpecKeys = ["type", "path", "image", "engine", "prefix"];
    private static readonly string[] EntryKeys = [.. SpecKeys, "services"];

    /// <summary>Reads a table keyed by <c>all</c> or a release name.</summary>
    public static ToolboxTable Table(YamlField field)
    {
        ToolboxEntry? all = null;
        var byRelease = new Dictionary<string, ToolboxEntry>(StringComparer.Ordinal);
        foreach (var (key, value) in field.Mapping())
        {
            var entry = Entry(value);
            if (key == "all")
            {
                all = entry;
                continue;
            }

            var release = ConfigNames.Release(key, value);
            if (!byRelease.TryAdd(release.Id, entry))
            {
                throw value.Error($"release {release.Id} is given twice");
            }
        }

        return new ToolboxTable(all, byRelease);
    }

    /// <summary>Reads one spec: <c>{type, path?, image?, engine?, prefix?}</c>.</summary>
    public static ToolboxSpec Spec(YamlField field) =>
        Build(field, field.Mapping(SpecKeys)) ?? throw field.Error("type is missing (venv, container, chroot, prefix or system)");

    private static ToolboxEntry Entry(YamlField field)
    {
        var pairs = field.Mapping(EntryKeys);
        var services = new Dictionary<string, ToolboxSpec>(StringComparer.Ordinal);
        foreach (var (key, value) in pairs.Where(p => p.Key == "services"))
        {
            foreach (var (name, spec) in value.Mapping())
            {
                var service = ConfigNames.Service(name, spec);
                if (!services.TryAdd(service, Spec(spec)))
                {
                    throw spec.Error($"service {service} is given twice");
                }
            }
        }

        var own = Build(field, pairs.Where(p => p.Key != "services").ToList());
        if (own is null && services.Count == 0)
        {
            throw field.Error("give a toolbox (type: venv, container, chroot, prefix or system) or services:");
        }

        return new ToolboxEntry(own, services);
    }

    private static ToolboxSpec? Build(YamlField field, IReadOnlyList<(string Key, YamlField Value)> pairs)
    {
        if (pairs.Count == 0)
        {
            return null;
        }

        var get = pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        if (!get.TryGetValue("type", out var typeField))
        {
            throw field.Error("type is missing (venv, container, chroot, prefix or system)");
        }

        var type = typeField.Text() switch
        {
            "venv" => ToolboxType.Venv,
            "container" => ToolboxType.Container,
            "chroot" => ToolboxType.Chroot,
            "prefix" => ToolboxType.Prefix,
            "system" => ToolboxType.System,
            var other => throw typeField.Error($"'{Printable.Clip(other)}' is not a toolbox type; known: venv, container, chroot, prefix, system"),
        };

        var allowed = type switch
        {
            ToolboxType.Venv or ToolboxType.Chroot => new[] { "type", "path" },
            ToolboxType.Container => ["type", "image", "engine"],
            ToolboxType.Prefix => ["type", "prefix"],
            _ => ["type"],
        };
        foreach (var (key, value) in pairs)
        {
            if (!allowed.Contains(key))
            {
                throw value.Error($"does not apply to a {typeField.Text()} toolbox");
            }
        }

        string? Required(string key) => get.TryGetValue(key, out var f) ? f.Text() : throw field.Error($"a {typeField.Text()} toolbox needs {key}");

        var spec = type switch
        {
            ToolboxType.Venv or ToolboxType.Chroot => new ToolboxSpec(type, Required("path"), null, null, null),
            ToolboxType.Container => new ToolboxSpec(type, null, Required("image"), get.TryGetValue("engine", out var e) ? Engine(e) : null, null),
            ToolboxType.Prefix => new ToolboxSpec(type, null, null, null, Prefix(get["prefix"])),
            _ => new ToolboxSpec(type, null, null, null, null),
        };

        foreach (var text in spec.Texts())
        {
            if (Placeholders.FirstUnknown(text) is { } unknown)
            {
                throw field.Error($"unknown placeholder {unknown} (known: {Placeholders.Service}, {Placeholders.Version})");
            }
        }

        return spec;
    }

    private static string Engine(YamlField field) => field.Text() switch
    {
        "podman" => "podman",
        "docker" => "docker",
        var other => throw field.Error($"'{Printable.Clip(other)}' is not a container engine; known: podman, docker"),
    };

    private static List<string> Prefix(YamlField field)
    {
        var list = field.Sequence().Select(f => f.Text()).ToList();
        return list.Count > 0 ? list : throw field.Error("the prefix list is empty");
    }
}
