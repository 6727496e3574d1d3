using Leapfrog.Core;

namespace Leapfrog.Inventory;

/// <summary>The command line is wrong.</summary>
internal sealed class UsageException : LeapfrogException
{
    /// <summary>Creates the exception.</summary>
    public UsageException(string message)
        : base(message)
    {
    }
}
