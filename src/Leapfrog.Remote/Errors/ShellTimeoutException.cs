using Leapfrog.Core;

namespace Leapfrog.Remote;

/// <summary>
/// A script ran longer than its timeout and was cancelled. Derives from <see cref="LeapfrogException"/>
/// (its <see cref="Exception.InnerException"/> is a <see cref="TimeoutException"/>).
/// </summary>
public sealed class ShellTimeoutException : LeapfrogException
{
    /// <summary>Creates the exception.</summary>
    public ShellTimeoutException(string target, TimeSpan timeout)
        : base($"command on {target} did not finish within {timeout.TotalSeconds:0.###} s and was cancelled", new TimeoutException())
    {
        Target = target;
        Timeout = timeout;
    }

    /// <summary>The target.</summary>
    public string Target { get; }

    /// <summary>The timeout that was exceeded.</summary>
    public TimeSpan Timeout { get; }
}
