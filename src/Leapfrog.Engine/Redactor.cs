using System.Text.RegularExpressions;

namespace Leapfrog.Engine;

/// <summary>Removes secrets from text before it leaves the module: known secret values and URL passwords.</summary>
public sealed partial class Redactor
{
    /// <summary>
    /// A sed -E script that masks URL passwords as <see cref="Clean"/> does (same pattern, POSIX classes for <c>\s</c>).
    /// The step wrapper pipes a tool's output through it before anything reaches a file on the controller.
    /// </summary>
    internal const string UrlPasswordSed = "s#://([^:/@[:space:]]+):[^@[:space:]]+@#://\\1:********@#g";

    private readonly Lock _gate = new();
    private volatile string[] _secrets;

    /// <summary>Creates a redactor for <paramref name="secrets"/> (empty and very short values are ignored).</summary>
    public Redactor(IEnumerable<string> secrets) => _secrets = Prepare(secrets);

    /// <summary>Adds a secret learnt while running (e.g. a cell's database password); safe from several threads.</summary>
    public void Add(string secret)
    {
        lock (_gate)
        {
            _secrets = Prepare(_secrets.Append(secret));
        }
    }

    /// <summary>The text with every secret replaced by <c>********</c>.</summary>
    public string Clean(string text)
    {
        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, "********", StringComparison.Ordinal);
        }

        return UrlPassword().Replace(text, "://${user}:********@");
    }

    private static string[] Prepare(IEnumerable<string> secrets) =>
        secrets.Where(s => s.Length >= 4)
            .SelectMany(s => s.Split('\n').Select(l => l.Trim()).Where(l => l.Length >= 8).Append(s))
            .Distinct()
            .OrderByDescending(s => s.Length)
            .ToArray();

    [GeneratedRegex(@"://(?<user>[^:/@\s]+):[^@\s]+@")]
    private static partial Regex UrlPassword();
}
