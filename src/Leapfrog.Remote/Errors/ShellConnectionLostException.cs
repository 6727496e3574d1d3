using Leapfrog.Core;

namespace Leapfrog.Remote;

/// <summary>The connection dropped while a script ran. The script may still be running (or have finished) on the target.</summary>
public sealed class ShellConnectionLostException : LeapfrogException
{
    /// <summary>Creates the exception.</summary>
    public ShellConnectionLostException(string target, Exception? inner = null)
        : base($"connection to {target} was lost while a command was running", inner)
    {
        Target = target;
    }

    /// <summary>The target.</summary>
    public string Target { get; }
}
