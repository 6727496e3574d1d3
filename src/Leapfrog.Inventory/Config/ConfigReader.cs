using Leapfrog.Core.Toolboxes;
using Leapfrog.Core;
using Leapfrog.Core.Releases;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Leapfrog.Inventory.Config;

/// <summary>Reads the YAML configuration (parsed with YamlDotNet's representation model: no reflection).</summary>
internal static class ConfigReader
{
    private const int MaxNodes = 100_000;

    private static readonly string[] TopKeys = ["osa", "controllers", "services", "migration_hosts", "releases", "defaults", "toolboxes"];

    /// <summary>Reads and validates the configuration file at <paramref name="path"/>.</summary>
    /// <exception cref="InventoryException">Missing, unreadable or invalid file.</exception>
    public static InventoryConfig Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InventoryException($"{path}: cannot read the configuration ({Describe(e)})");
        }

        return Parse(text, path, Path.GetDirectoryName(Path.GetFullPath(path)) ?? "/");
    }

    /// <summary>Parses configuration text; relative paths are taken from <paramref name="baseDir"/>.</summary>
    /// <exception cref="InventoryException">Invalid configuration.</exception>
    public static InventoryConfig Parse(string text, string origin, string baseDir)
    {
        var root = Load(text, origin);
        var top = root.Mapping(TopKeys).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

        int port = InventoryConfig.DefaultPort;
        string user = InventoryConfig.DefaultUser;
        string? key = null;
        if (top.TryGetValue("defaults", out var defaults))
        {
            foreach (var (k, v) in defaults.Mapping("port", "user", "private_key_file"))
            {
                switch (k)
                {
                    case "port": port = v.Int(1, 65535); break;
                    case "user": user = v.Text(); break;
                    default: key = v.Text(); break;
                }
            }
        }

        var controllers = top.TryGetValue("controllers", out var c) ? ControllerReader.List(c) : [];
        OsaOptions? osa = top.TryGetValue("osa", out var o) ? OsaReader.Options(o, baseDir) : null;
        if (osa is not null && controllers.Count > 0)
        {
            throw top["controllers"].Error("give either osa or controllers, not both");
        }

        if (osa is null && controllers.Count == 0)
        {
            osa = OsaOptions.For(OsaOptions.DefaultFile);
        }

        var services = top.TryGetValue("services", out var s) ? ConfigNames.Services(s) : null;
        if (services is { Count: 0 })
        {
            throw s!.Error("the list of services is empty");
        }

        var chosen = new Dictionary<string, string>(StringComparer.Ordinal);
        if (top.TryGetValue("migration_hosts", out var m))
        {
            foreach (var (name, host) in m.Mapping())
            {
                chosen[ConfigNames.Service(name, host)] = host.Text();
            }
        }

        var releases = top.TryGetValue("releases", out var r) ? Releases(r) : null;
        var toolboxes = top.TryGetValue("toolboxes", out var t) ? YamlToolboxNode.Table(t) : ToolboxTable.Empty;
        return new InventoryConfig(origin, osa, controllers, services, chosen, releases, port, user, key, toolboxes);
    }

    private static YamlField Load(string text, string origin)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new InventoryException($"{origin} line {e.Start.Line}: not valid YAML ({Printable.Clip(FirstLine(e.Message), 120)})");
        }
        catch (ArgumentException e)
        {
            throw new InventoryException($"{origin}: not valid YAML ({Printable.Clip(FirstLine(e.Message), 120)})");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: "" or "~" or "null" })
        {
            throw new InventoryException($"{origin}: the configuration is empty");
        }

        if (stream.Documents.Count > 1)
        {
            throw new InventoryException($"{origin}: holds {stream.Documents.Count} YAML documents; give one");
        }

        var root = stream.Documents[0].RootNode;
        if (!WithinSize(root))
        {
            throw new InventoryException($"{origin}: the configuration expands to more than {MaxNodes} YAML nodes (aliases?)");
        }

        return new YamlField(origin, "", root);
    }

    // Aliases share nodes, so a small file can stand for a huge tree: count the nodes as they would be read.
    private static bool WithinSize(YamlNode root)
    {
        var stack = new Stack<YamlNode>();
        stack.Push(root);
        var count = 0;
        while (stack.Count > 0)
        {
            if (++count > MaxNodes)
            {
                return false;
            }

            switch (stack.Pop())
            {
                case YamlMappingNode map:
                    foreach (var (k, v) in map.Children)
                    {
                        stack.Push(k);
                        stack.Push(v);
                    }

                    break;
                case YamlSequenceNode seq:
                    foreach (var item in seq.Children)
                    {
                        stack.Push(item);
                    }

                    break;
            }
        }

        return true;
    }

    private static List<Release> Releases(YamlField field)
    {
        if (field.IsSequence)
        {
            var list = field.Sequence().Select(f => ConfigNames.Release(f.Text(), f)).Distinct().OrderBy(x => x.Order).ToList();
            return list.Count > 0 ? list : throw field.Error("the list of releases is empty");
        }

        var range = field.Mapping("from", "to").ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var all = ReleaseCatalog.Default.All;
        var from = range.TryGetValue("from", out var f) ? ConfigNames.Release(f.Text(), f) : all[0];
        var to = range.TryGetValue("to", out var t) ? ConfigNames.Release(t.Text(), t) : all[^1];
        if (from.Order > to.Order)
        {
            throw field.Error($"from {from.Id} comes after to {to.Id}");
        }

        return all.Where(x => x.Order >= from.Order && x.Order <= to.Order).ToList();
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();

    private static string Describe(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => "no such file",
        UnauthorizedAccessException => "permission denied",
        _ => Printable.Clip(FirstLine(e.Message), 120),
    };
}
