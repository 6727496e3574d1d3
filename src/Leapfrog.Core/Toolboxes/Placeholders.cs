using System.Text.RegularExpressions;

namespace Leapfrog.Core.Toolboxes;

/// <summary>The placeholders a toolbox's path, image or prefix may hold.</summary>
public static partial class Placeholders
{
    /// <summary>Replaced by the service name, e.g. <c>keystone</c>.</summary>
    public const string Service = "{service}";

    /// <summary>Replaced by the service's project version in the release (from the catalog), e.g. <c>22.0.0</c>.</summary>
    public const string Version = "{version}";

    /// <summary>Replaced by the release's code name, e.g. <c>zed</c> or <c>epoxy</c>.</summary>
    public const string Release = "{release}";

    /// <summary>Every known placeholder, for messages.</summary>
    public static string Known => $"{Service}, {Version}, {Release}";

    /// <summary>The first placeholder-looking word in <paramref name="text"/> that is not known, or null.</summary>
    public static string? FirstUnknown(string text) =>
        Word().Matches(text).Select(m => m.Value).FirstOrDefault(w => w is not Service and not Version and not Release);

    /// <summary>Replaces every placeholder in <paramref name="text"/>.</summary>
    /// <exception cref="InvalidRequestException">The text uses <c>{version}</c> and <paramref name="version"/> is null.</exception>
    public static string Fill(string text, string service, string? version, string release)
    {
        if (version is null && text.Contains(Version, StringComparison.Ordinal))
        {
            throw new InvalidRequestException($"toolbox '{Printable.Clip(text, 60)}' uses {Version}, but the catalog has no {service} version for {release}");
        }

        return text.Replace(Service, service, StringComparison.Ordinal)
            .Replace(Version, version ?? "", StringComparison.Ordinal)
            .Replace(Release, release, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\{[A-Za-z_][A-Za-z0-9_]*\}")]
    private static partial Regex Word();
}
