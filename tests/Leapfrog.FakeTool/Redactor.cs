using System.Text.RegularExpressions;

namespace Leapfrog.FakeTool;

/// <summary>Replaces known passwords and the password part of any URL with <c>***</c>.</summary>
internal sealed partial class Redactor
{
    private readonly List<string> _secrets = [];

    /// <summary>Adds a secret to hide (ignored when empty).</summary>
    public void Add(string? secret)
    {
        if (!string.IsNullOrEmpty(secret) && !_secrets.Contains(secret))
        {
            _secrets.Add(secret);
            var escaped = Uri.EscapeDataString(secret);
            if (escaped != secret)
            {
                _secrets.Add(escaped);
            }
        }
    }

    /// <summary>The text with every secret and URL password replaced.</summary>
    public string Clean(string text)
    {
        var result = UrlPassword().Replace(text, "$1***@");
        foreach (var s in _secrets.OrderByDescending(s => s.Length))
        {
            result = result.Replace(s, "***", StringComparison.Ordinal);
        }

        return result;
    }

    [GeneratedRegex(@"(://[^:/@\s]*:)[^@\s]*@")]
    private static partial Regex UrlPassword();
}
