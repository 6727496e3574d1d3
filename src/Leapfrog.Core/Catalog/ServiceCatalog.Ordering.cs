namespace Leapfrog.Core.Catalog;

/// <content>Ordering: which services of one hop may run at the same time.</content>
public sealed partial class ServiceCatalog
{
    /// <summary>
    /// <paramref name="services"/> grouped into waves: a service's wave comes after the wave of every service its
    /// <see cref="ServiceDefinition.After"/> names among <paramref name="services"/> (a service named there but absent
    /// imposes nothing). Services of one wave may run at the same time; within a wave, catalog order.
    /// </summary>
    /// <exception cref="InvalidRequestException">The <c>after</c> lists form a cycle (only a catalog file can do that).</exception>
    public IReadOnlyList<IReadOnlyList<ServiceDefinition>> Waves(IEnumerable<ServiceDefinition> services)
    {
        var left = Services.Where(services.Contains).ToList();
        var waves = new List<IReadOnlyList<ServiceDefinition>>();
        var placed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (left.Count > 0)
        {
            var wave = left
                .Where(s => s.After.All(a => placed.Contains(a) || !left.Any(o => string.Equals(o.Name, a, StringComparison.OrdinalIgnoreCase))))
                .ToList();
            if (wave.Count == 0)
            {
                throw new InvalidRequestException(
                    $"the catalog's 'after' lists form a cycle among {string.Join(", ", left.Select(s => s.Name))}: " +
                    "each waits for another, so none can run; correct 'after' in the catalog file");
            }

            waves.Add(wave);
            placed.UnionWith(wave.Select(s => s.Name));
            left.RemoveAll(wave.Contains);
        }

        return waves;
    }
}
