using Leapfrog.Core;

namespace Leapfrog.Remote;

/// <summary>Authentication failed or the credentials could not be used. The message never holds a secret.</summary>
public sealed class ShellAuthenticationException : LeapfrogException
{
    /// <summary>Creates the exception.</summary>
    public ShellAuthenticationException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
