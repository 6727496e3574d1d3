using Leapfrog.Core;

namespace Leapfrog.Inventory;

/// <summary>The inventory cannot be produced: missing or malformed input, unknown service, empty group.</summary>
internal sealed class InventoryException : LeapfrogException
{
    /// <summary>Creates the exception with a one-line operator-facing message.</summary>
    public InventoryException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
