namespace Leapfrog.Remote.KnownHosts;

/// <summary>Parses one known_hosts line: <c>[@marker] hosts keytype base64 [comment]</c>.</summary>
internal static class KnownHostsLineParser
{
    private static readonly char[] Blanks = [' ', '\t'];

    /// <summary>The entry, or null for a blank or comment line.</summary>
    /// <exception cref="KnownHostsFormatException">The line is malformed.</exception>
    public static KnownHostEntry? Parse(string file, int lineNumber, string line)
    {
        var text = line.Trim();
        if (text.Length == 0 || text[0] == '#')
        {
            return null;
        }

        var fields = text.Split(Blanks, StringSplitOptions.RemoveEmptyEntries);
        var marker = KnownHostMarker.None;
        var at = 0;
        if (fields[0].StartsWith('@'))
        {
            marker = fields[0] switch
            {
                "@revoked" => KnownHostMarker.Revoked,
                "@cert-authority" => KnownHostMarker.CertAuthority,
                _ => throw new KnownHostsFormatException(file, lineNumber, $"unknown marker '{fields[0]}' (expected @revoked or @cert-authority)"),
            };
            at = 1;
        }

        if (fields.Length - at < 3)
        {
            throw new KnownHostsFormatException(file, lineNumber, "expected 'hosts key-type base64-key [comment]'");
        }

        var hosts = fields[at];
        var keyType = fields[at + 1];
        CheckHosts(file, lineNumber, hosts);
        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(fields[at + 2]);
        }
        catch (FormatException)
        {
            throw new KnownHostsFormatException(file, lineNumber, $"the {keyType} key is not valid base64");
        }

        var embedded = SshFingerprint.TypeOf(blob);
        if (embedded != keyType)
        {
            throw new KnownHostsFormatException(file, lineNumber, $"key type '{keyType}' does not match the key data ({embedded ?? "unreadable"})");
        }

        return new KnownHostEntry(lineNumber, marker, hosts, keyType, blob);
    }

    private static void CheckHosts(string file, int lineNumber, string hosts)
    {
        if (!hosts.StartsWith('|'))
        {
            if (hosts.Split(',').Any(h => h.Length == 0 || h == "!"))
            {
                throw new KnownHostsFormatException(file, lineNumber, "empty host name in the host list");
            }

            return;
        }

        var parts = hosts.Split('|');
        if (parts.Length != 4 || parts[1] != "1")
        {
            throw new KnownHostsFormatException(file, lineNumber, "hashed host must look like |1|salt|hash");
        }

        try
        {
            if (Convert.FromBase64String(parts[2]).Length != 20 || Convert.FromBase64String(parts[3]).Length != 20)
            {
                throw new KnownHostsFormatException(file, lineNumber, "hashed host salt and hash must be 20 bytes each");
            }
        }
        catch (FormatException)
        {
            throw new KnownHostsFormatException(file, lineNumber, "hashed host salt or hash is not valid base64");
        }
    }
}
