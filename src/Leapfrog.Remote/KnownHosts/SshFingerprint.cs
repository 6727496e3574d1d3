using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Leapfrog.Remote.KnownHosts;

/// <summary>Key blob helpers: OpenSSH SHA256 fingerprints and the key type embedded in a blob.</summary>
internal static class SshFingerprint
{
    /// <summary>"SHA256:" + unpadded base64 of the SHA-256 of the key blob, as ssh-keygen -l prints it.</summary>
    public static string Of(byte[] blob) => "SHA256:" + Convert.ToBase64String(SHA256.HashData(blob)).TrimEnd('=');

    /// <summary>The key type string at the start of a public key blob, or null when the blob is too short.</summary>
    public static string? TypeOf(byte[] blob)
    {
        if (blob.Length < 4)
        {
            return null;
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(blob);
        if (length == 0 || length > 64 || length > blob.Length - 4)
        {
            return null;
        }

        return Encoding.ASCII.GetString(blob, 4, (int)length);
    }
}
