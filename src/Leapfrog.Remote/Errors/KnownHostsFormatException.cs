using Leapfrog.Core;

namespace Leapfrog.Remote;

/// <summary>A known_hosts line cannot be parsed. Names the file and the 1-based line number.</summary>
public sealed class KnownHostsFormatException : LeapfrogException
{
    /// <summary>Creates the exception.</summary>
    public KnownHostsFormatException(string file, int line, string problem)
        : base($"known_hosts {file} line {line}: {problem}")
    {
        File = file;
        Line = line;
    }

    /// <summary>The known_hosts file.</summary>
    public string File { get; }

    /// <summary>1-based line number.</summary>
    public int Line { get; }
}
