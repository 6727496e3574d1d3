using Leapfrog.Core.Releases;

namespace Leapfrog.Core.Catalog;

/// <content>
/// Verdicts on what a release's tools print: rows a finished online data migration leaves behind, and status checks
/// that do not judge the database.
/// </content>
public sealed partial class ServiceCatalog
{
    /// <summary>The verdict on rows <paramref name="migration"/> leaves in <paramref name="release"/>; null when the catalog has none.</summary>
    public DataLeftover? LeftoverFor(ServiceDefinition service, Release release, string migration) =>
        service.DataLeftovers.FirstOrDefault(l => l.Migration == migration && Holds(l.Since, l.Until, release, $"{service.Name}.data_leftovers"));

    /// <summary>The rule for the status check <paramref name="check"/> in <paramref name="release"/>; null when the catalog has none.</summary>
    public UpgradeCheckRule? UpgradeCheckFor(ServiceDefinition service, Release release, string check) =>
        service.UpgradeChecks.FirstOrDefault(c => c.Check == check && Holds(c.Since, c.Until, release, $"{service.Name}.upgrade_checks"));

    private bool Holds(string? since, string? until, Release release, string what) =>
        (since is null || Releases.Find(since, $"{what}.since").Order <= release.Order)
        && (until is null || release.Order <= Releases.Find(until, $"{what}.until").Order);
}
