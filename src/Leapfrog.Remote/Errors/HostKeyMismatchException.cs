using Leapfrog.Core;

namespace Leapfrog.Remote;

/// <summary>The host presented a key that differs from the one in known_hosts. Refused before authentication.</summary>
public sealed class HostKeyMismatchException : LeapfrogException
{
    /// <summary>Creates the exception.</summary>
    public HostKeyMismatchException(string host, int port, string keyType, IReadOnlyList<string> expectedFingerprints, string presentedFingerprint, string knownHostsFile)
        : base($"host key for {host}:{port} has changed: known_hosts {knownHostsFile} expects {string.Join(" or ", expectedFingerprints)}, " +
               $"the host presented {keyType} {presentedFingerprint}; refusing to connect (possible man-in-the-middle, or the host was reinstalled)")
    {
        Host = host;
        Port = port;
        KeyType = keyType;
        ExpectedFingerprints = expectedFingerprints;
        PresentedFingerprint = presentedFingerprint;
    }

    /// <summary>Host name as given.</summary>
    public string Host { get; }

    /// <summary>Port.</summary>
    public int Port { get; }

    /// <summary>Type of the presented key, e.g. ssh-ed25519.</summary>
    public string KeyType { get; }

    /// <summary>Fingerprints known for this host ("type SHA256:...").</summary>
    public IReadOnlyList<string> ExpectedFingerprints { get; }

    /// <summary>SHA256 fingerprint of the presented key ("SHA256:...").</summary>
    public string PresentedFingerprint { get; }
}
