namespace Leapfrog.Remote.KnownHosts;

/// <summary>OpenSSH host pattern matching: <c>*</c> and <c>?</c> wildcards, case-insensitive.</summary>
internal static class HostPattern
{
    /// <summary>True when <paramref name="name"/> matches <paramref name="pattern"/>.</summary>
    public static bool IsMatch(string pattern, string name) => Match(pattern.AsSpan(), name.AsSpan());

    private static bool Match(ReadOnlySpan<char> p, ReadOnlySpan<char> s)
    {
        while (true)
        {
            if (p.IsEmpty)
            {
                return s.IsEmpty;
            }

            if (p[0] == '*')
            {
                p = p[1..];
                for (var i = 0; i <= s.Length; i++)
                {
                    if (Match(p, s[i..]))
                    {
                        return true;
                    }
                }

                return false;
            }

            if (s.IsEmpty)
            {
                return false;
            }

            if (p[0] != '?' && char.ToLowerInvariant(p[0]) != char.ToLowerInvariant(s[0]))
            {
                return false;
            }

            p = p[1..];
            s = s[1..];
        }
    }
}
