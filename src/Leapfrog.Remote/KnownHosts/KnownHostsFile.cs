namespace Leapfrog.Remote.KnownHosts;

/// <summary>An OpenSSH known_hosts file, parsed strictly: a malformed line is an error naming its line number.</summary>
internal sealed class KnownHostsFile
{
    private KnownHostsFile(string path, IReadOnlyList<KnownHostEntry> entries)
    {
        Path = path;
        Entries = entries;
    }

    /// <summary>The file path.</summary>
    public string Path { get; }

    /// <summary>Parsed lines (comments and blank lines left out).</summary>
    public IReadOnlyList<KnownHostEntry> Entries { get; }

    /// <summary>Reads and parses the file; a missing file is an empty one.</summary>
    /// <exception cref="KnownHostsFormatException">A line is malformed.</exception>
    /// <exception cref="Leapfrog.Core.InvalidRequestException">The file exists but cannot be read.</exception>
    public static KnownHostsFile Load(string path)
    {
        if (!File.Exists(path))
        {
            return new KnownHostsFile(path, []);
        }

        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new Leapfrog.Core.InvalidRequestException($"known_hosts {path} cannot be read: {e.Message}", e);
        }

        return Parse(path, lines);
    }

    /// <summary>Parses lines of a known_hosts file.</summary>
    /// <exception cref="KnownHostsFormatException">A line is malformed.</exception>
    public static KnownHostsFile Parse(string path, IReadOnlyList<string> lines)
    {
        var entries = new List<KnownHostEntry>();
        for (var i = 0; i < lines.Count; i++)
        {
            var entry = KnownHostsLineParser.Parse(path, i + 1, lines[i]);
            if (entry is not null)
            {
                entries.Add(entry);
            }
        }

        return new KnownHostsFile(path, entries);
    }

    /// <summary>The name OpenSSH looks up: <c>host</c> for port 22, else <c>[host]:port</c>; lower case.</summary>
    public static string LookupName(string host, int port)
    {
        var h = host.ToLowerInvariant();
        return port == 22 ? h : $"[{h}]:{port}";
    }

    /// <summary>Key types known (plain, not revoked or CA lines) for the host.</summary>
    public IReadOnlySet<string> KnownKeyTypes(string host, int port)
    {
        var name = LookupName(host, port);
        return Entries.Where(e => e.Marker == KnownHostMarker.None && e.Matches(name)).Select(e => e.KeyType).ToHashSet();
    }

    /// <summary>Judges a presented host key blob.</summary>
    public HostKeyVerdict Check(string host, int port, byte[] presented)
    {
        var name = LookupName(host, port);
        var type = SshFingerprint.TypeOf(presented) ?? "unknown";
        if (Entries.Any(e => e.Marker == KnownHostMarker.Revoked && e.KeyBlob.AsSpan().SequenceEqual(presented) && e.Matches(name)))
        {
            return new HostKeyVerdict(HostKeyVerdictKind.Revoked, []);
        }

        var known = Entries.Where(e => e.Marker == KnownHostMarker.None && e.Matches(name)).ToList();
        if (known.Any(e => e.KeyBlob.AsSpan().SequenceEqual(presented)))
        {
            return new HostKeyVerdict(HostKeyVerdictKind.Trusted, []);
        }

        if (known.Count == 0)
        {
            return new HostKeyVerdict(HostKeyVerdictKind.Unknown, []);
        }

        // Same type with another key, or only other types known: either way the host's identity changed.
        var sameType = known.Where(e => e.KeyType == type).ToList();
        var expected = (sameType.Count > 0 ? sameType : known)
            .Select(e => $"{e.KeyType} {e.Fingerprint} (line {e.Line})")
            .Distinct()
            .ToList();
        return new HostKeyVerdict(HostKeyVerdictKind.Mismatch, expected);
    }
}
