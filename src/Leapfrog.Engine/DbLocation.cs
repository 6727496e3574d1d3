namespace Leapfrog.Engine;

/// <summary>
/// Where a SQLAlchemy database URL points (<c>dialect+driver://user:password@host:port/database?unix_socket=...</c>):
/// two URLs that differ only in driver, user, password or other options name the same database.
/// </summary>
/// <param name="Host">Host, lower case (empty for a socket).</param>
/// <param name="Port">Port (3306 when not given).</param>
/// <param name="Database">Database name.</param>
/// <param name="Socket">unix_socket, when given.</param>
internal sealed record DbLocation(string Host, int Port, string Database, string? Socket)
{
    /// <summary>Parses <paramref name="url"/>; null when it is not a URL of that shape.</summary>
    /// <param name="url">The URL.</param>
    /// <param name="password">Its password (decoded), or null.</param>
    public static DbLocation? Parse(string url, out string? password)
    {
        password = null;
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
        {
            return null;
        }

        var rest = url[(scheme + 3)..];
        string? socket = null;
        var q = rest.IndexOf('?', StringComparison.Ordinal);
        if (q >= 0)
        {
            foreach (var pair in rest[(q + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                if (pair.StartsWith("unix_socket=", StringComparison.Ordinal))
                {
                    socket = Uri.UnescapeDataString(pair["unix_socket=".Length..]);
                }
            }

            rest = rest[..q];
        }

        var at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            var cred = rest[..at];
            var colon = cred.IndexOf(':', StringComparison.Ordinal);
            password = colon < 0 ? null : Uri.UnescapeDataString(cred[(colon + 1)..]);
            rest = rest[(at + 1)..];
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || slash == rest.Length - 1)
        {
            return null;
        }

        var hostPort = rest[..slash];
        var port = 3306;
        var pc = hostPort.LastIndexOf(':');
        if (pc >= 0 && !hostPort.EndsWith(']') && int.TryParse(hostPort[(pc + 1)..], out var p))
        {
            port = p;
            hostPort = hostPort[..pc];
        }

        return new DbLocation(hostPort.ToLowerInvariant(), port, rest[(slash + 1)..], socket);
    }

    /// <summary>The raw password text of <paramref name="url"/> (as written, possibly %-encoded), or null.</summary>
    public static string? RawPassword(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var at = url.LastIndexOf('@');
        if (scheme < 0 || at < scheme)
        {
            return null;
        }

        var cred = url[(scheme + 3)..at];
        var colon = cred.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : cred[(colon + 1)..];
    }
}
