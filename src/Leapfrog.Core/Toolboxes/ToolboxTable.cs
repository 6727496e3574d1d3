using Leapfrog.Core.Releases;

namespace Leapfrog.Core.Toolboxes;

/// <summary>
/// Toolboxes by release: <c>all</c> for every release, or a release name; each with per-service exceptions.
/// Lookup for a service in a release: that release's service entry, that release's own toolbox, <c>all</c>'s
/// service entry, <c>all</c>'s own toolbox.
/// </summary>
/// <param name="All">The entry for every release, or null.</param>
/// <param name="ByRelease">Entries keyed by <see cref="Release.Id"/>.</param>
public sealed record ToolboxTable(ToolboxEntry? All, IReadOnlyDictionary<string, ToolboxEntry> ByRelease)
{
    /// <summary>An empty table.</summary>
    public static ToolboxTable Empty { get; } = new(null, new Dictionary<string, ToolboxEntry>());

    /// <summary>The most specific toolbox this table gives (placeholders not filled), or null.</summary>
    public Toolbox? Find(string service, Release release)
    {
        if (ByRelease.TryGetValue(release.Id, out var entry) && (entry.Services.GetValueOrDefault(service) ?? entry.Own) is { } own)
        {
            return own;
        }

        return All is null ? null : All.Services.GetValueOrDefault(service) ?? All.Own;
    }
}
