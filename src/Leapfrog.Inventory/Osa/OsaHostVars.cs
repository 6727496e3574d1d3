using System.Globalization;
using System.Text.Json;

namespace Leapfrog.Inventory.Osa;

/// <summary>The vars OpenStack-Ansible keeps for one host or container.</summary>
/// <param name="Name">Inventory host name (the container name for a container).</param>
/// <param name="Vars">The JSON object.</param>
internal readonly record struct OsaHostVars(string Name, JsonElement Vars)
{
    /// <summary>The container's own address: management_address (OSA 27 on), container_address (before), else ansible_host.</summary>
    public string? ContainerAddress => Text("management_address") ?? Text("container_address") ?? Text("ansible_host");

    /// <summary>ansible_host as OSA wrote it.</summary>
    public string? AnsibleHost => Text("ansible_host");

    /// <summary>The physical host's inventory name.</summary>
    public string? PhysicalHost => Text("physical_host");

    /// <summary>The physical host's address when OSA records it on the container.</summary>
    public string? PhysicalHostAddress => Text("physical_host_addr");

    /// <summary>True for a service deployed on the host itself (<c>properties.is_metal</c>).</summary>
    public bool IsMetal =>
        Vars.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object
        && p.TryGetProperty("is_metal", out var m)
        && (m.ValueKind == JsonValueKind.True || (m.ValueKind == JsonValueKind.String && bool.TryParse(m.GetString(), out var b) && b));

    /// <summary>A text var; numbers are given as text; empty counts as missing.</summary>
    public string? Text(string name)
    {
        if (!Vars.TryGetProperty(name, out var v))
        {
            return null;
        }

        var s = v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(s) ? null : s.Trim();
    }

    /// <summary>An integer var (ansible_port), or null.</summary>
    public int? Int(string name) =>
        Text(name) is { } s && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}
