using System.Globalization;
using System.Text;
using Leapfrog.Core;

namespace Leapfrog.Remote;

/// <summary>Quoting for a POSIX shell (sh, dash, bash): the one place where arguments become shell words.</summary>
public static class ShellQuote
{
    /// <summary>
    /// Quotes one argument so that a POSIX shell reads it back as exactly one word with the same bytes.
    /// Plain words ([A-Za-z0-9_@%+=:,./-]) are returned as they are; everything else is single-quoted.
    /// </summary>
    /// <exception cref="InvalidRequestException">The argument contains NUL, which no shell argument can hold.</exception>
    public static string Quote(string arg)
    {
        ArgumentNullException.ThrowIfNull(arg);
        if (arg.Contains('\0', StringComparison.Ordinal))
        {
            throw new InvalidRequestException("a shell argument contains a NUL character");
        }

        if (arg.Length > 0 && arg.All(IsPlain))
        {
            return arg;
        }

        var sb = new StringBuilder(arg.Length + 2).Append('\'');
        foreach (var c in arg)
        {
            // Inside single quotes nothing is special except the closing quote: end, add an escaped quote, reopen.
            sb.Append(c == '\'' ? "'\\''" : c.ToString());
        }

        return sb.Append('\'').ToString();
    }

    /// <summary>Quotes every argument and joins them with spaces: a command line for a POSIX shell.</summary>
    public static string Join(IEnumerable<string> argv)
    {
        ArgumentNullException.ThrowIfNull(argv);
        return string.Join(' ', argv.Select(Quote));
    }

    /// <summary>
    /// Rejects names and paths that contain control characters (newline, tab, NUL, escape, DEL, C1 controls).
    /// </summary>
    /// <param name="value">The value to check.</param>
    /// <param name="what">What the value is, for the message (e.g. "state_dir").</param>
    /// <exception cref="InvalidRequestException">The value contains a control character.</exception>
    public static void EnsurePlain(string value, string what)
    {
        ArgumentNullException.ThrowIfNull(value);
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsControl(value[i]))
            {
                throw new InvalidRequestException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{what} contains a control character (U+{(int)value[i]:X4} at position {i + 1}); names and paths must be plain text"));
            }
        }
    }

    private static bool IsPlain(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
            or '_' or '@' or '%' or '+' or '=' or ':' or ',' or '.' or '/' or '-';
}
