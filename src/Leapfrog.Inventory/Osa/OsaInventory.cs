using System.Text.Json;
using Leapfrog.Core;

namespace Leapfrog.Inventory.Osa;

/// <summary>An OpenStack-Ansible <c>openstack_inventory.json</c>: groups (hosts and children) and <c>_meta.hostvars</c>.</summary>
internal sealed class OsaInventory : IDisposable
{
    private readonly JsonDocument _document;
    private readonly JsonElement _hostvars;

    private OsaInventory(string origin, JsonDocument document, JsonElement hostvars)
    {
        Origin = origin;
        _document = document;
        _hostvars = hostvars;
    }

    /// <summary>The file, for messages.</summary>
    public string Origin { get; }

    /// <summary>Reads and checks the file's shape.</summary>
    /// <exception cref="InventoryException">Missing, unreadable, not JSON, or not shaped like an OSA inventory.</exception>
    public static OsaInventory Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InventoryException($"{path}: no such OpenStack-Ansible inventory file");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InventoryException($"{path}: cannot read the OpenStack-Ansible inventory ({(e is UnauthorizedAccessException ? "permission denied" : Printable.Clip(e.Message))})");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new InventoryException($"{path}: not valid JSON (line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1})");
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("_meta", out var meta) || meta.ValueKind != JsonValueKind.Object
            || !meta.TryGetProperty("hostvars", out var hostvars) || hostvars.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new InventoryException($"{path}: not an OpenStack-Ansible inventory (no _meta.hostvars object)");
        }

        return new OsaInventory(path, document, hostvars);
    }

    /// <summary>True when the group exists.</summary>
    public bool HasGroup(string group) =>
        group != "_meta" && _document.RootElement.TryGetProperty(group, out var g) && g.ValueKind is JsonValueKind.Object or JsonValueKind.Array;

    /// <summary>Every host of the group and of its children (recursively), without repeats.</summary>
    public IReadOnlyCollection<string> Members(string group)
    {
        var hosts = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Collect(group, hosts, seen);
        return hosts;
    }

    /// <summary>The host's vars, or null when it has none.</summary>
    public OsaHostVars? HostVars(string host) =>
        _hostvars.TryGetProperty(host, out var vars) && vars.ValueKind == JsonValueKind.Object ? new OsaHostVars(host, vars) : null;

    /// <inheritdoc />
    public void Dispose() => _document.Dispose();

    private void Collect(string group, HashSet<string> hosts, HashSet<string> seen)
    {
        if (!seen.Add(group) || group == "_meta" || !_document.RootElement.TryGetProperty(group, out var g))
        {
            return;
        }

        if (g.ValueKind == JsonValueKind.Array)
        {
            AddNames(g, hosts);
            return;
        }

        if (g.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (g.TryGetProperty("hosts", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            AddNames(list, hosts);
        }

        if (g.TryGetProperty("children", out var children) && children.ValueKind == JsonValueKind.Array)
        {
            foreach (var child in children.EnumerateArray())
            {
                if (child.ValueKind == JsonValueKind.String)
                {
                    Collect(child.GetString()!, hosts, seen);
                }
            }
        }
    }

    private static void AddNames(JsonElement array, HashSet<string> hosts)
    {
        foreach (var h in array.EnumerateArray())
        {
            if (h.ValueKind == JsonValueKind.String && h.GetString() is { Length: > 0 } name)
            {
                hosts.Add(name);
            }
        }
    }
}
