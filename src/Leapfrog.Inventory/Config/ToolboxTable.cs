using Leapfrog.Core.Releases;

namespace Leapfrog.Inventory.Config;

/// <summary>
/// Toolboxes by release: <c>all</c> for every release, or a release name; each with per-service exceptions.
/// Lookup order for a service in a release: that release's service entry, that release's entry,
/// <c>all</c>'s service entry, <c>all</c>'s entry.
/// </summary>
/// <param name="All">The entry for every release, or null.</param>
/// <param name="ByRelease">Entries keyed by <see cref="Release.Id"/>.</param>
internal sealed record ToolboxTable(ToolboxEntry? All, IReadOnlyDictionary<string, ToolboxEntry> ByRelease)
{
    /// <summary>An empty table.</summary>
    public static ToolboxTable Empty { get; } = new(null, new Dictionary<string, ToolboxEntry>());

    /// <summary>The most specific toolbox this table gives, or null.</summary>
    public ToolboxSpec? Find(string service, Release release)
    {
        if (ByRelease.TryGetValue(release.Id, out var entry))
        {
            if (entry.Services.TryGetValue(service, out var s))
            {
                return s;
            }

            if (entry.Spec is not null)
            {
                return entry.Spec;
            }
        }

        if (All is not null)
        {
            return All.Services.TryGetValue(service, out var s) ? s : All.Spec;
        }

        return null;
    }
}
