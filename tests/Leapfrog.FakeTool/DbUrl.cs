namespace Leapfrog.FakeTool;

/// <summary>A SQLAlchemy database URL: <c>mysql+pymysql://user:pass@host:port/db?unix_socket=/path</c>.</summary>
internal sealed record DbUrl(string User, string Password, string Host, int Port, string Database, string? Socket)
{
    /// <summary>Parses <paramref name="text"/>; <paramref name="where"/> names the option for the message.</summary>
    /// <exception cref="ToolExit">Not a mysql URL (rc 1); the message never repeats the URL.</exception>
    public static DbUrl Parse(string text, string where)
    {
        var bad = new ToolExit(1, $"ERROR: {where} is not a mysql+pymysql://user:password@host:port/database URL");
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0 || !text[..scheme].StartsWith("mysql", StringComparison.OrdinalIgnoreCase))
        {
            throw bad;
        }

        var rest = text[(scheme + 3)..];
        string? query = null;
        var q = rest.IndexOf('?', StringComparison.Ordinal);
        if (q >= 0)
        {
            query = rest[(q + 1)..];
            rest = rest[..q];
        }

        var at = rest.LastIndexOf('@');
        var slash = rest.IndexOf('/', at < 0 ? 0 : at);
        if (at <= 0 || slash < 0 || slash == rest.Length - 1)
        {
            throw bad;
        }

        var cred = rest[..at];
        var colon = cred.IndexOf(':', StringComparison.Ordinal);
        var user = Uri.UnescapeDataString(colon < 0 ? cred : cred[..colon]);
        var password = colon < 0 ? string.Empty : Uri.UnescapeDataString(cred[(colon + 1)..]);
        var hostPort = rest[(at + 1)..slash];
        var host = hostPort;
        var port = 3306;
        var pc = hostPort.LastIndexOf(':');
        if (pc >= 0)
        {
            host = hostPort[..pc];
            if (!int.TryParse(hostPort[(pc + 1)..], out port) || port is < 1 or > 65535)
            {
                throw bad;
            }
        }

        var database = rest[(slash + 1)..];
        if (database.Length == 0 || !database.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw bad;
        }

        string? socket = null;
        foreach (var pair in (query ?? string.Empty).Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            if (pair.StartsWith("unix_socket=", StringComparison.Ordinal))
            {
                socket = Uri.UnescapeDataString(pair["unix_socket=".Length..]);
            }
        }

        return new DbUrl(user, password, host.Length == 0 ? "localhost" : host, port, database, socket);
    }

    /// <inheritdoc />
    public override string ToString() => $"mysql://{User}:***@{Host}:{Port}/{Database}";
}
