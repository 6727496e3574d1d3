namespace Leapfrog.Remote.KnownHosts;

/// <summary>What known_hosts says about a presented key.</summary>
internal enum HostKeyVerdictKind
{
    /// <summary>The key is listed for this host.</summary>
    Trusted,

    /// <summary>Nothing is listed for this host.</summary>
    Unknown,

    /// <summary>Other keys are listed for this host.</summary>
    Mismatch,

    /// <summary>The key is marked @revoked.</summary>
    Revoked,
}

/// <summary>A verdict and, for a mismatch, the expected keys ("type SHA256:... (line n)").</summary>
internal sealed record HostKeyVerdict(HostKeyVerdictKind Kind, IReadOnlyList<string> Expected);
