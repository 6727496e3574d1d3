namespace Leapfrog.Core;

/// <summary>
/// Base of every error this project raises on purpose. Its message is written for an operator:
/// one line, naming the problem, never holding a secret.
/// </summary>
public abstract class LeapfrogException : Exception
{
    /// <summary>Creates the exception with an operator-facing message.</summary>
    protected LeapfrogException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}

/// <summary>The request is wrong (bad argument, unknown release or service, unsupported hop). Nothing ran.</summary>
public sealed class InvalidRequestException : LeapfrogException
{
    /// <summary>Creates the exception.</summary>
    public InvalidRequestException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
