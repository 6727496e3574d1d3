namespace Leapfrog.Remote;

/// <summary>
/// Runs POSIX sh scripts on a target: a host reached over SSH, or the local machine.
/// Implementations are <c>SshShell</c> (SSH.NET) and <c>LocalShell</c> (CliWrap); create them with <see cref="ShellFactory"/>.
/// </summary>
public interface IShell : IAsyncDisposable
{
    /// <summary>The target, e.g. <c>root@127.0.0.1:2222</c> or <c>local</c>. Never contains a secret.</summary>
    string Target { get; }

    /// <summary>Warnings collected so far (host key checking off, new host key accepted with its fingerprint, ...).</summary>
    IReadOnlyList<string> Warnings { get; }

    /// <summary>
    /// Connects (idempotent). Transient network errors are retried (<see cref="ShellOptions.ConnectAttempts"/>);
    /// authentication and host-key failures are not.
    /// </summary>
    /// <exception cref="HostKeyMismatchException">The host presented a key different from the known one.</exception>
    /// <exception cref="UnknownHostKeyException">The host is not in known_hosts and checking is strict.</exception>
    /// <exception cref="HostKeyRevokedException">The host presented a key marked @revoked.</exception>
    /// <exception cref="KnownHostsWriteException">accept_new could not record the new key.</exception>
    /// <exception cref="ShellAuthenticationException">The server refused the credentials, or the key could not be read.</exception>
    /// <exception cref="ShellConnectException">No connection after all attempts.</exception>
    /// <exception cref="KnownHostsFormatException">The known_hosts file has a malformed line.</exception>
    /// <exception cref="Leapfrog.Core.InvalidRequestException">The known_hosts file cannot be read.</exception>
    Task ConnectAsync(CancellationToken ct = default);

    /// <summary>
    /// Runs <paramref name="script"/> with <c>/bin/sh -c</c> (under <c>sudo -n</c> when <see cref="ShellOptions.Become"/>)
    /// and returns when it exits. Reconnects first if the connection was lost earlier.
    /// </summary>
    /// <exception cref="ShellConnectionLostException">The connection dropped while the script ran.</exception>
    /// <exception cref="ShellTimeoutException">The script ran longer than <paramref name="timeout"/>; it was killed with its children.</exception>
    /// <remarks>Every exception of <see cref="ConnectAsync"/> can also come from here. The script's stdin is empty.</remarks>
    /// <exception cref="Leapfrog.Core.InvalidRequestException">The script contains a NUL character.</exception>
    Task<ShellResult> RunAsync(string script, TimeSpan timeout, CancellationToken ct = default);
}
