namespace Leapfrog.Testing;

/// <summary>A MariaDB test server or one of its client calls failed. The message never holds a password.</summary>
public sealed class MariaDbException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MariaDbException(string message)
        : base(message)
    {
    }
}
