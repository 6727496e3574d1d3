using System.Text.Json;
using Leapfrog.Core.Releases;

namespace Leapfrog.Core.Catalog;

/// <summary>Every known service's migration steps per release. Immutable; overlays make new instances.</summary>
public sealed partial class ServiceCatalog
{
    private static readonly Lazy<ServiceCatalog> LazyDefault = new(LoadEmbedded);

    internal ServiceCatalog(IReadOnlyList<ServiceDefinition> services, ReleaseCatalog releases)
    {
        Services = services;
        Releases = releases;
    }

    /// <summary>The embedded catalog.</summary>
    public static ServiceCatalog Default => LazyDefault.Value;

    /// <summary>Services in catalog order (the order hops run in, unless <see cref="ServiceDefinition.After"/> says more).</summary>
    public IReadOnlyList<ServiceDefinition> Services { get; }

    /// <summary>The releases the ranges refer to.</summary>
    public ReleaseCatalog Releases { get; }

    /// <summary>Finds a service by name (case-insensitive).</summary>
    /// <exception cref="InvalidRequestException">No such service.</exception>
    public ServiceDefinition Find(string? name, string what = "service")
    {
        var found = Services.FirstOrDefault(s => string.Equals(s.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (found is not null)
        {
            return found;
        }

        var shown = name is null ? "nothing" : $"'{Printable.Clip(name)}'";
        throw new InvalidRequestException(
            $"{what}: {shown} is not a known service; known: {string.Join(", ", Services.Select(s => s.Name))}");
    }

    /// <summary>True when the service has its own migration tools in <paramref name="release"/>.</summary>
    public bool Exists(ServiceDefinition service, Release release) =>
        Releases.Find(service.Since, $"{service.Name}.since").Order <= release.Order;

    /// <summary>The steps <paramref name="release"/>'s tools have, in run order, optionally of one kind.</summary>
    public IReadOnlyList<StepDefinition> StepsFor(ServiceDefinition service, Release release, StepKind? kind = null)
    {
        if (!Exists(service, release))
        {
            return [];
        }

        return service.Steps
            .Where(s => kind is null || s.Kind == kind)
            .Where(s => InRange(s, release))
            .ToList();
    }

    /// <summary>The project version the service has in <paramref name="release"/>, if the catalog knows it.</summary>
    public static string? VersionFor(ServiceDefinition service, Release release) =>
        service.Versions.TryGetValue(release.Name, out var v) ? v : null;

    private bool InRange(StepDefinition step, Release release)
    {
        var since = step.Since is null ? 0 : Releases.Find(step.Since, $"step {step.Name}.since").Order;
        var until = step.Until is null ? int.MaxValue : Releases.Find(step.Until, $"step {step.Name}.until").Order;
        return since <= release.Order && release.Order <= until;
    }

    private static ServiceCatalog LoadEmbedded()
    {
        ServiceIndex index;
        using (var stream = EmbeddedData.Open("services.json"))
        {
            index = JsonSerializer.Deserialize(stream, CatalogJsonContext.Default.ServiceIndex)
                ?? throw new InvalidOperationException("embedded services.json is empty");
        }

        var services = new List<ServiceDefinition>();
        foreach (var name in index.Order)
        {
            using var stream = EmbeddedData.Open($"services/{name}.json");
            services.Add(JsonSerializer.Deserialize(stream, CatalogJsonContext.Default.ServiceDefinition)
                ?? throw new InvalidOperationException($"embedded services/{name}.json is empty"));
        }

        return new ServiceCatalog(services, ReleaseCatalog.Default);
    }
}
