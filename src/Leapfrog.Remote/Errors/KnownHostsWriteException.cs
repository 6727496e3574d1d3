using Leapfrog.Core;

namespace Leapfrog.Remote;

/// <summary>accept_new could not add a new host key to known_hosts, so the connection was refused.</summary>
public sealed class KnownHostsWriteException : LeapfrogException
{
    /// <summary>Creates the exception.</summary>
    public KnownHostsWriteException(string file, string host, int port, Exception inner)
        : base($"cannot add the host key of {host}:{port} to known_hosts {file}: {inner?.Message}; refusing to connect", inner)
    {
        File = file;
    }

    /// <summary>The known_hosts file.</summary>
    public string File { get; }
}
