using Leapfrog.Core.Releases;

namespace Leapfrog.Core.Catalog;

/// <content>Data leftovers: what rows a finished online data migration leaves behind mean, per release.</content>
public sealed partial class ServiceCatalog
{
    /// <summary>The verdict on rows <paramref name="migration"/> leaves in <paramref name="release"/>; null when the catalog has none.</summary>
    public DataLeftover? LeftoverFor(ServiceDefinition service, Release release, string migration) =>
        service.DataLeftovers.FirstOrDefault(l => l.Migration == migration
            && (l.Since is null || Releases.Find(l.Since, $"{service.Name}.data_leftovers.since").Order <= release.Order)
            && (l.Until is null || release.Order <= Releases.Find(l.Until, $"{service.Name}.data_leftovers.until").Order));
}
