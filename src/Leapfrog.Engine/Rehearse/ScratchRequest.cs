using Leapfrog.Core.Catalog;

namespace Leapfrog.Engine;

/// <summary>A validated start or stop of a rehearsal's scratch copy on the controller.</summary>
public sealed record ScratchRequest
{
    /// <summary>True: start the scratch server and copy; false: stop it and remove everything the rehearsal wrote.</summary>
    public required bool Start { get; init; }

    /// <summary>The rehearsal directory on the controller (datadir, dumps, overlays, state); removed at the end.</summary>
    public required string Directory { get; init; }

    /// <summary>The services whose databases are copied (their databases and config files come from the catalog).</summary>
    public IReadOnlyList<ServiceDefinition> Services { get; init; } = [];

    /// <summary>Per service, the production config file (the catalog's when absent).</summary>
    public IReadOnlyDictionary<string, string> ConfigFiles { get; init; } = new Dictionary<string, string>();

    /// <summary>The production state directory: its state files are copied (read only), and the rehearsal may not lie in it.</summary>
    public string ProductionStateDir { get; init; } = "/var/lib/leapfrog";

    /// <summary>The scratch server's port on 127.0.0.1 (0: the first free one from 43306).</summary>
    public int Port { get; init; }

    /// <summary>Bytes the copy must leave free on the rehearsal directory's filesystem (0: none kept back).</summary>
    public long FreeReserve { get; init; }

    /// <summary>Roots of chroot toolboxes under which the overlays are written too (same path inside).</summary>
    public IReadOnlyList<string> OverlayRoots { get; init; } = [];

    /// <summary>Longest a dump or load may run.</summary>
    public TimeSpan StepTimeout { get; init; } = TimeSpan.FromHours(2);

    /// <summary>Known secret values (SSH password, key) masked in everything returned.</summary>
    public IReadOnlyList<string> Secrets { get; init; } = [];

    /// <summary>An existing MariaDB the operator named to load the copy into, instead of a throwaway server; null: throwaway.</summary>
    public ScratchServer? Server { get; init; }

    /// <summary>With <see cref="Server"/>: a database of a name the copy needs that an earlier rehearsal created there (its marker table lists it) is dropped, not refused.</summary>
    public bool DropLeftovers { get; init; }

    /// <summary>The directory where the rehearsal's state files (and locks) go.</summary>
    public string StateDir => $"{Directory}/state";
}

/// <summary>An existing MariaDB server the operator names for the copy. <see cref="Password"/> is a secret: never returned or logged.</summary>
/// <param name="Host">Its host name or address, as the controller reaches it.</param>
/// <param name="Port">Its TCP port.</param>
/// <param name="User">A user that may create and drop databases there.</param>
/// <param name="Password">The user's password (may be empty).</param>
public sealed record ScratchServer(string Host, int Port, string User, string Password)
{
    /// <summary>host:port (an IPv6 address in brackets), as a database URL writes it.</summary>
    public string Endpoint => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
