using Leapfrog.Core;

namespace Leapfrog.Remote;

/// <summary>Could not connect after all attempts (transient network errors).</summary>
public sealed class ShellConnectException : LeapfrogException
{
    /// <summary>Creates the exception.</summary>
    public ShellConnectException(string target, int attempts, Exception lastCause)
        : base($"cannot connect to {target} after {attempts} attempt{(attempts == 1 ? "" : "s")}: {Describe(lastCause)}", lastCause)
    {
        Target = target;
        Attempts = attempts;
    }

    /// <summary>The target, e.g. root@host:22.</summary>
    public string Target { get; }

    /// <summary>How many attempts were made.</summary>
    public int Attempts { get; }

    private static string Describe(Exception e) => e is System.Net.Sockets.SocketException se
        ? $"{se.SocketErrorCode} ({se.Message})"
        : e.Message;
}
