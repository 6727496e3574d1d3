using Leapfrog.Core.Toolboxes;
using Leapfrog.Core;

namespace Leapfrog.Inventory.Config;

/// <summary>Reads <c>controllers:</c> of the plain description.</summary>
internal static class ControllerReader
{
    /// <summary>Reads the list; names must be unique and every controller must name services.</summary>
    public static IReadOnlyList<ControllerConfig> List(YamlField field)
    {
        var list = new List<ControllerConfig>();
        foreach (var item in field.Sequence())
        {
            var controller = One(item);
            if (list.Any(x => x.Name == controller.Name))
            {
                throw item.Error($"controller name '{Printable.Clip(controller.Name)}' is used twice");
            }

            list.Add(controller);
        }

        return list.Count > 0 ? list : throw field.Error("the list of controllers is empty");
    }

    private static ControllerConfig One(YamlField item)
    {
        var get = item.Mapping("name", "address", "port", "user", "private_key_file", "services", "toolboxes")
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var name = get.TryGetValue("name", out var n) ? n.Text() : throw item.Error("name is missing");
        if (name.Any(ch => char.IsWhiteSpace(ch) || char.IsControl(ch)))
        {
            throw n.Error($"'{Printable.Clip(name)}' is not usable as a host name (no spaces)");
        }

        var address = get.TryGetValue("address", out var a) ? a.Text() : throw item.Error("address is missing");
        var services = get.TryGetValue("services", out var s) ? ConfigNames.Services(s) : throw item.Error("services is missing");
        if (services.Count == 0)
        {
            throw s.Error("the list of services is empty");
        }

        return new ControllerConfig(
            name,
            address,
            get.TryGetValue("port", out var p) ? p.Int(1, 65535) : null,
            get.TryGetValue("user", out var u) ? u.Text() : null,
            get.TryGetValue("private_key_file", out var k) ? k.Text() : null,
            services,
            get.TryGetValue("toolboxes", out var t) ? YamlToolboxNode.Table(t) : ToolboxTable.Empty);
    }
}
