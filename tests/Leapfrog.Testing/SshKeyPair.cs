using System.Diagnostics;
using System.Security.Cryptography;

namespace Leapfrog.Testing;

/// <summary>An SSH key pair generated with ssh-keygen into a directory (private key file + .pub).</summary>
public sealed record SshKeyPair(string PrivateKeyPath, string KeyType, string PublicKeyBase64, string? Passphrase)
{
    /// <summary>The public key line as in authorized_keys / known_hosts: "type base64".</summary>
    public string PublicKeyLine => $"{KeyType} {PublicKeyBase64}";

    /// <summary>SHA256 fingerprint as OpenSSH prints it: "SHA256:" + unpadded base64.</summary>
    public string Fingerprint => FingerprintOf(PublicKeyBase64);

    /// <summary>The private key file's text.</summary>
    public string PrivateKeyText => File.ReadAllText(PrivateKeyPath);

    /// <summary>SHA256 fingerprint of a base64 public key blob, OpenSSH style.</summary>
    public static string FingerprintOf(string publicKeyBase64) =>
        "SHA256:" + Convert.ToBase64String(SHA256.HashData(Convert.FromBase64String(publicKeyBase64))).TrimEnd('=');

    /// <summary>Generates a key with ssh-keygen. <paramref name="type"/> is ed25519, rsa or ecdsa.</summary>
    public static SshKeyPair Generate(string directory, string fileName, string type, string? passphrase = null)
    {
        var path = Path.Combine(directory, fileName);
        var args = new List<string> { "-q", "-t", type, "-N", passphrase ?? "", "-C", "leapfrog-test", "-f", path };
        if (type == "rsa")
        {
            args.InsertRange(0, ["-b", "2048"]);
        }

        SshProcess.Run("/usr/bin/ssh-keygen", args);
        var pub = File.ReadAllText(path + ".pub").Trim().Split(' ');
        return new SshKeyPair(path, pub[0], pub[1], passphrase);
    }
}
