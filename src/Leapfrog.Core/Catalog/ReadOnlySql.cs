using System.Text.RegularExpressions;

namespace Leapfrog.Core.Catalog;

/// <summary>
/// The first line of defence for a blocker query: one SELECT statement, no word that writes or locks. The check is
/// also run in a read-only transaction, which the server enforces; this refuses an overlay before anything runs.
/// </summary>
public static partial class ReadOnlySql
{
    /// <summary>Refuses anything but a single read-only SELECT.</summary>
    /// <exception cref="InvalidRequestException">Empty, several statements, not a SELECT, or a writing word.</exception>
    public static void Check(string? query, string what)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            throw new InvalidRequestException($"{what}: must not be empty");
        }

        // Comments and quoted text could hide a second statement or make a harmless word look like a keyword:
        // refuse comments, and look for keywords outside quotes only.
        if (query.Contains("--", StringComparison.Ordinal) || query.Contains("/*", StringComparison.Ordinal) || query.Contains('#'))
        {
            throw new InvalidRequestException($"{what}: comments are not allowed in a check query");
        }

        var bare = QuotedText().Replace(query, "''");
        if (bare.Contains(';', StringComparison.Ordinal))
        {
            throw new InvalidRequestException($"{what}: one statement only (no ';')");
        }

        if (!bare.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidRequestException($"{what}: a check query is a SELECT");
        }

        var word = WritingWord().Match(bare);
        if (word.Success)
        {
            throw new InvalidRequestException($"{what}: '{word.Value}' is not allowed: checks are read-only");
        }
    }

    [GeneratedRegex("'(?:[^'\\\\]|\\\\.|'')*'|\"(?:[^\"\\\\]|\\\\.)*\"|`[^`]*`")]
    private static partial Regex QuotedText();

    [GeneratedRegex("\\b(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER|TRUNCATE|RENAME|GRANT|REVOKE|LOCK|UNLOCK|SET|CALL|DO|HANDLER|LOAD|INTO|OUTFILE|DUMPFILE|FOR\\s+UPDATE|SLEEP|BENCHMARK|GET_LOCK|RELEASE_LOCK)\\b", RegexOptions.IgnoreCase)]
    private static partial Regex WritingWord();
}
