namespace Leapfrog.Remote.KnownHosts;

/// <summary>The optional marker in front of a known_hosts line.</summary>
internal enum KnownHostMarker
{
    /// <summary>A plain host key line.</summary>
    None,

    /// <summary><c>@revoked</c>: the key must never be accepted.</summary>
    Revoked,

    /// <summary><c>@cert-authority</c>: a CA for host certificates (not used: such lines are skipped).</summary>
    CertAuthority,
}
