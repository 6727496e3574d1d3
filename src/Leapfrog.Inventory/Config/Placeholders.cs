using System.Text.RegularExpressions;

namespace Leapfrog.Inventory.Config;

/// <summary>The <c>{service}</c> and <c>{version}</c> placeholders of toolbox texts.</summary>
internal static partial class Placeholders
{
    /// <summary>Replaced by the service name.</summary>
    public const string Service = "{service}";

    /// <summary>Replaced by the service's project version in the release (from the catalog).</summary>
    public const string Version = "{version}";

    /// <summary>The first placeholder-looking word in <paramref name="text"/> that is not known, or null.</summary>
    public static string? FirstUnknown(string text)
    {
        foreach (Match m in Word().Matches(text))
        {
            if (m.Value is not Service and not Version)
            {
                return m.Value;
            }
        }

        return null;
    }

    /// <summary>Replaces the placeholders; a missing version leaves <c>{version}</c> (callers skip such releases first).</summary>
    public static string? Expand(string? text, string service, string? version)
    {
        if (text is null)
        {
            return null;
        }

        var s = text.Replace(Service, service, StringComparison.Ordinal);
        return version is null ? s : s.Replace(Version, version, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\{[A-Za-z_][A-Za-z0-9_]*\}")]
    private static partial Regex Word();
}
