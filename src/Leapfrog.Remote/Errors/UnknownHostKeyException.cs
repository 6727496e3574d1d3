using Leapfrog.Core;

namespace Leapfrog.Remote;

/// <summary>The host is not in known_hosts and checking is strict. Refused before authentication.</summary>
public sealed class UnknownHostKeyException : LeapfrogException
{
    /// <summary>Creates the exception.</summary>
    public UnknownHostKeyException(string host, int port, string keyType, string fingerprint, string knownHostsFile)
        : base($"host {host}:{port} is not in known_hosts {knownHostsFile} (it presented {keyType} {fingerprint}); " +
               "add its key, or use host_key_checking accept_new")
    {
        Host = host;
        Port = port;
        KeyType = keyType;
        Fingerprint = fingerprint;
    }

    /// <summary>Host name as given.</summary>
    public string Host { get; }

    /// <summary>Port.</summary>
    public int Port { get; }

    /// <summary>Type of the presented key.</summary>
    public string KeyType { get; }

    /// <summary>SHA256 fingerprint of the presented key.</summary>
    public string Fingerprint { get; }
}
