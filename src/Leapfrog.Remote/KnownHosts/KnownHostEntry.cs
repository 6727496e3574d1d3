using System.Security.Cryptography;
using System.Text;

namespace Leapfrog.Remote.KnownHosts;

/// <summary>One parsed known_hosts line.</summary>
internal sealed record KnownHostEntry(int Line, KnownHostMarker Marker, string HostField, string KeyType, byte[] KeyBlob)
{
    /// <summary>SHA256 fingerprint of the key, OpenSSH style.</summary>
    public string Fingerprint => SshFingerprint.Of(KeyBlob);

    /// <summary>True when the line's host field matches the lookup name (<c>host</c> or <c>[host]:port</c>).</summary>
    public bool Matches(string lookupName)
    {
        if (HostField.StartsWith("|1|", StringComparison.Ordinal))
        {
            var parts = HostField.Split('|');
            var salt = Convert.FromBase64String(parts[2]);
            var hash = Convert.FromBase64String(parts[3]);
#pragma warning disable CA5350 // OpenSSH's hashed known_hosts format is defined as HMAC-SHA1; not our choice.
            var actual = HMACSHA1.HashData(salt, Encoding.UTF8.GetBytes(lookupName));
#pragma warning restore CA5350
            return CryptographicOperations.FixedTimeEquals(actual, hash);
        }

        var matched = false;
        foreach (var raw in HostField.Split(','))
        {
            var negated = raw.StartsWith('!');
            var pattern = negated ? raw[1..] : raw;
            if (HostPattern.IsMatch(pattern, lookupName))
            {
                if (negated)
                {
                    return false;
                }

                matched = true;
            }
        }

        return matched;
    }
}
