using Leapfrog.Core;

namespace Leapfrog.Remote;

/// <summary>The host presented a key marked <c>@revoked</c> in known_hosts. Refused before authentication.</summary>
public sealed class HostKeyRevokedException : LeapfrogException
{
    /// <summary>Creates the exception.</summary>
    public HostKeyRevokedException(string host, int port, string keyType, string fingerprint, string knownHostsFile)
        : base($"host {host}:{port} presented {keyType} {fingerprint}, which is marked @revoked in {knownHostsFile}; refusing to connect")
    {
        Fingerprint = fingerprint;
    }

    /// <summary>SHA256 fingerprint of the presented key.</summary>
    public string Fingerprint { get; }
}
