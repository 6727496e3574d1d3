using System.Text.Json;

namespace Leapfrog.Core.Outcomes;

/// <summary>
/// A JSON document holds a value that is not one of an enum's <see cref="Wire"/> names (e.g. a state file written by
/// another version, or edited by hand). Its message names the value and the known ones; <see cref="JsonException.Path"/>
/// says where it is.
/// </summary>
public sealed class WireValueException : JsonException
{
    /// <summary>Creates the exception.</summary>
    public WireValueException(string message)
        : base(message)
    {
    }
}
