namespace Leapfrog.Remote;

/// <summary>How the SSH host key is checked against the known_hosts file.</summary>
public enum HostKeyChecking
{
    /// <summary>Unknown or changed key: refuse before authenticating (default).</summary>
    Strict,

    /// <summary>Unknown key: append it to known_hosts with a warning. Changed key: refuse.</summary>
    AcceptNew,

    /// <summary>Any key is accepted, with a warning.</summary>
    Off,
}
