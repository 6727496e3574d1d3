using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Leapfrog.Testing;

namespace Leapfrog.Module.Tests;

/// <summary>A recording sshd and the odd files the hop corpus refers to by placeholder (<c>{client_key}</c>, ...).</summary>
public sealed class BadInputController : IDisposable
{
    private readonly Dictionary<string, string> _values;

    public BadInputController()
    {
        Ssh = new SshServer();
        var dir = Directory.CreateTempSubdirectory("lf-corpus-").FullName;
        Dir = dir;
        var wrong = SshKeyPair.Generate(dir, "wrong_key", "ed25519");
        var other = SshKeyPair.Generate(dir, "other_host_key", "ed25519");
        File.WriteAllText(Path.Combine(dir, "malformed_known_hosts"), $"{Ssh.KnownHostsName} {Ssh.HostKeys[0].PublicKeyLine}\nthis line is not a known_hosts entry\n");
        File.WriteAllText(Path.Combine(dir, "empty_known_hosts"), "");
        File.WriteAllText(Path.Combine(dir, "forged_known_hosts"), $"{Ssh.KnownHostsName} {other.PublicKeyLine}\n");
        File.WriteAllText(Path.Combine(dir, "writer_catalog.yml"),
            "blockers:\n  - id: site-cleanup\n    service: cinder\n    targets: {}\n    severity: blocking\n" +
            "    detect: { kind: sql, database: cinder, query: \"DELETE FROM services WHERE deleted = 1\" }\n" +
            "    message: m\n    fix: f\n    source: s\n");
        File.WriteAllText(Path.Combine(dir, "bad_catalog.yml"), "services:\n  keystone:\n    steps:\n      - name: expand\n        kind: teleport\n");
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closed = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        _values = new()
        {
            ["{ssh_host}"] = Ssh.Host,
            ["{ssh_port}"] = Ssh.Port.ToString(),
            ["{closed_port}"] = closed.ToString(),
            ["{client_key}"] = Ssh.ClientKeyPath,
            ["{encrypted_key}"] = Ssh.EncryptedClientKeyPath,
            ["{wrong_key}"] = wrong.PrivateKeyPath,
            ["{known_hosts}"] = Ssh.KnownHostsPath,
            ["{malformed_known_hosts}"] = Path.Combine(dir, "malformed_known_hosts"),
            ["{empty_known_hosts}"] = Path.Combine(dir, "empty_known_hosts"),
            ["{forged_known_hosts}"] = Path.Combine(dir, "forged_known_hosts"),
            ["{bad_catalog}"] = Path.Combine(dir, "bad_catalog.yml"),
            ["{writer_catalog}"] = Path.Combine(dir, "writer_catalog.yml"),
            ["{state_dir}"] = StateDir,
        };
    }

    public SshServer Ssh { get; }

    public string Dir { get; }

    /// <summary>The state directory every corpus case names: it must never be created.</summary>
    public string StateDir => Path.Combine(Dir, "state");

    /// <summary>The args JSON with placeholders replaced (values JSON-escaped).</summary>
    public string Fill(string json)
    {
        foreach (var (key, value) in _values)
        {
            json = json.Replace(key, JsonEncodedText.Encode(value).ToString(), StringComparison.Ordinal);
        }

        return json;
    }

    public void Dispose()
    {
        Ssh.Dispose();
        Directory.Delete(Dir, recursive: true);
    }
}
