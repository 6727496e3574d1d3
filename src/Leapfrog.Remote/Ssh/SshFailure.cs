using System.Net.Sockets;
using Renci.SshNet.Common;

namespace Leapfrog.Remote.Ssh;

/// <summary>What counts as a lost connection, and clean-up that a lost connection must not turn into an error.</summary>
internal static class SshFailure
{
    /// <summary>True when <paramref name="e"/> says the connection (or its channel) is gone, not that the server refused something.</summary>
    public static bool IsConnectionLoss(Exception e) =>
        e is SshConnectionException or SocketException or IOException or ObjectDisposedException or SshOperationTimeoutException
        || (e is SshException && e is not SshAuthenticationException);

    /// <summary>
    /// Runs a clean-up step (closing a channel, disposing a client) on a connection that may be gone: closing a
    /// channel sends EOF, and on a reset socket that throws. The connection's loss is reported once, by the caller.
    /// </summary>
    public static void Quietly(Action cleanup)
    {
        try
        {
            cleanup();
        }
        catch (Exception e) when (IsConnectionLoss(e) || e is InvalidOperationException)
        {
            // The connection is gone already; nothing more to tell anyone.
        }
    }
}
