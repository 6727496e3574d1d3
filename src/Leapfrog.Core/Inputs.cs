namespace Leapfrog.Core;

/// <summary>
/// Checks for names and paths that reach a shell on the controller. Quoting makes every value safe,
/// but a name or path holding shell metacharacters is almost always a mistake or an attack: refuse it.
/// </summary>
public static class Inputs
{
    private const string Forbidden = ";&|$`<>()[]*?!~\"'\\#";

    /// <summary>An absolute path without shell metacharacters, whitespace, control characters or <c>..</c>; <c>{service}</c>-style placeholders are allowed.</summary>
    /// <exception cref="InvalidRequestException">Anything else.</exception>
    public static string Path(string value, string what)
    {
        Plain(value, what);
        if (!value.StartsWith('/'))
        {
            throw new InvalidRequestException($"{what}: '{Printable.Clip(value)}' must be an absolute path");
        }

        if (value.Split('/').Contains(".."))
        {
            throw new InvalidRequestException($"{what}: '{Printable.Clip(value)}' must not contain '..'");
        }

        return value;
    }

    /// <summary>A host name, user name, image reference or similar word: no shell metacharacters, whitespace or control characters.</summary>
    /// <exception cref="InvalidRequestException">Anything else.</exception>
    public static string Word(string value, string what)
    {
        Plain(value, what);
        if (value.Length == 0 || value.Length > 253 || value.StartsWith('-'))
        {
            throw new InvalidRequestException($"{what}: '{Printable.Clip(value)}' is not a valid name");
        }

        return value;
    }

    private static void Plain(string value, string what)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                throw new InvalidRequestException($"{what}: contains a control character (U+{(int)c:X4}); expected a plain name or path");
            }

            if (char.IsWhiteSpace(c) || Forbidden.Contains(c, StringComparison.Ordinal))
            {
                throw new InvalidRequestException($"{what}: '{Printable.Clip(value)}' contains the shell metacharacter or space '{c}'; expected a plain name or path");
            }
        }
    }
}
