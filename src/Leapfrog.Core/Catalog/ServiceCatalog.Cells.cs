using Leapfrog.Core.Releases;

namespace Leapfrog.Core.Catalog;

/// <content>Cells: a service's further databases, each run with the same release's cell steps.</content>
public sealed partial class ServiceCatalog
{
    /// <summary>True when <paramref name="service"/> has cells in <paramref name="release"/>.</summary>
    public bool HasCells(ServiceDefinition service, Release release) =>
        service.Cells is { } cells && Exists(service, release)
        && Releases.Find(cells.Since, $"{service.Name}.cells.since").Order <= release.Order;

    /// <summary>The cell steps <paramref name="release"/>'s tools have, in run order, optionally of one kind.</summary>
    public IReadOnlyList<StepDefinition> CellStepsFor(ServiceDefinition service, Release release, StepKind? kind = null) =>
        !HasCells(service, release)
            ? []
            : service.Cells!.Steps.Where(s => kind is null || s.Kind == kind).Where(s => InRange(s, release)).ToList();
}
