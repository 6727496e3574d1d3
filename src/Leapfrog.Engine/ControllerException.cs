using Leapfrog.Core;

namespace Leapfrog.Engine;

/// <summary>Something on the controller went wrong: a state write, a lock, a launch.</summary>
public sealed class ControllerException : LeapfrogException
{
    /// <summary>Creates the exception.</summary>
    public ControllerException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
