using Leapfrog.Core.Toolboxes;
using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Leapfrog.Inventory.Config;

namespace Leapfrog.Inventory.Output;

/// <summary>Writes the inventory as the JSON Ansible's script plugin reads (Utf8JsonWriter: no reflection).</summary>
internal static class InventoryWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    /// <summary>The <c>--list</c> answer: the parent group, one group per service, and <c>_meta.hostvars</c>.</summary>
    public static byte[] List(InventoryModel model)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteStartObject(InventoryModel.ParentGroup);
            w.WriteStartArray("children");
            foreach (var (service, _) in model.Groups)
            {
                w.WriteStringValue(InventoryModel.GroupPrefix + service);
            }

            w.WriteEndArray();
            w.WriteEndObject();
            foreach (var (service, host) in model.Groups)
            {
                w.WriteStartObject(InventoryModel.GroupPrefix + service);
                w.WriteStartArray("hosts");
                w.WriteStringValue(host);
                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteStartObject("_meta");
            w.WriteStartObject("hostvars");
            foreach (var host in model.Hosts)
            {
                w.WritePropertyName(host.Host.Name);
                HostVars(w, host);
            }

            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return WithNewline(buffer);
    }

    /// <summary>The <c>--host NAME</c> answer: the same vars as in <c>_meta.hostvars</c>, or null for an unknown host.</summary>
    public static byte[]? Host(InventoryModel model, string name)
    {
        var host = model.Hosts.FirstOrDefault(h => h.Host.Name == name);
        if (host is null)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            HostVars(w, host);
        }

        return WithNewline(buffer);
    }

    private static void HostVars(Utf8JsonWriter w, InventoryHost host)
    {
        var h = host.Host;
        w.WriteStartObject();
        w.WriteString("ansible_host", h.Address);
        w.WriteNumber("ansible_port", h.Port);
        w.WriteString("ansible_user", h.User);
        if (h.PrivateKeyFile is not null)
        {
            w.WriteString("ansible_ssh_private_key_file", h.PrivateKeyFile);
        }

        if (h.PhysicalHost is not null)
        {
            w.WriteString("physical_host", h.PhysicalHost);
        }

        w.WriteStartArray("leapfrog_services");
        foreach (var s in h.Services)
        {
            w.WriteStringValue(s);
        }

        w.WriteEndArray();
        w.WriteStartObject("leapfrog_toolboxes");
        foreach (var release in host.Toolboxes)
        {
            w.WriteStartObject(release.Release.Id);
            foreach (var (service, spec) in release.Services)
            {
                w.WritePropertyName(service);
                Toolbox(w, spec);
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Toolbox(Utf8JsonWriter w, Toolbox toolbox) => toolbox.ToJson().WriteTo(w);

    private static byte[] WithNewline(ArrayBufferWriter<byte> buffer)
    {
        var bytes = new byte[buffer.WrittenCount + 1];
        buffer.WrittenSpan.CopyTo(bytes);
        bytes[^1] = (byte)'\n';
        return bytes;
    }
}
