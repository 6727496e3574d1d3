namespace Leapfrog.Engine;

/// <summary>
/// One database as the controller found it: the option file (credentials) that reaches it, and where it came from.
/// Never holds a password: the option file does, on the controller.
/// </summary>
/// <param name="Number">The option file's number (<c>N.cnf</c> in the work directory).</param>
/// <param name="Database">Database name.</param>
/// <param name="Server">host:port or socket path.</param>
/// <param name="User">The database user.</param>
/// <param name="Origin">The catalog's schema name, <c>cell</c> or <c>catalog</c>.</param>
/// <param name="Present">It exists on the server (null: the server could not be asked).</param>
/// <param name="Bytes">Data and index size.</param>
/// <param name="Error">Why the server could not be asked.</param>
internal sealed record DatabaseTarget(int Number, string Database, string Server, string User, string Origin, bool? Present, long Bytes, string? Error)
{
    /// <summary>Reads one <c>db</c> or <c>unreachable</c> line of <see cref="BackupScripts.Resolve"/>; null for other lines.</summary>
    public static DatabaseTarget? Parse(string line)
    {
        var f = line.Split('\t');
        if (f is ["db", var n, var db, var where, var port, var user, var origin, var present, var bytes, ..])
        {
            return new DatabaseTarget(Int(n), db, Place(where, port), user, origin, present.Trim() != "0", long.TryParse(bytes.Trim(), out var b) ? b : 0, null);
        }

        if (f is ["unreachable", var n2, var db2, var where2, var port2, var user2, var origin2, .. var rest])
        {
            return new DatabaseTarget(Int(n2), db2, Place(where2, port2), user2, origin2, null, 0, string.Join(' ', rest).Trim());
        }

        return null;
    }

    private static string Place(string where, string port) => where.StartsWith('/') ? where : $"{where}:{port}";

    private static int Int(string text) => int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
