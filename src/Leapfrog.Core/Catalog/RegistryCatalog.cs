using System.Text.Json;
using System.Text.RegularExpressions;
using Leapfrog.Core.Releases;

namespace Leapfrog.Core.Catalog;

/// <summary>The services tables the final hop reports on (embedded <c>registry.json</c>), validated against the service catalog.</summary>
public static partial class RegistryCatalog
{
    private static readonly Lazy<IReadOnlyList<RegistryDefinition>> LazyAll = new(Load);
    private static readonly string[] Kinds = ["oldest_version", "current_versions"];

    /// <summary>Every registry, in file order.</summary>
    public static IReadOnlyList<RegistryDefinition> All => LazyAll.Value;

    /// <summary>The registry of <paramref name="service"/>, or null when it has none.</summary>
    public static RegistryDefinition? For(string service) =>
        All.FirstOrDefault(r => string.Equals(r.Service, service, StringComparison.OrdinalIgnoreCase));

    /// <summary>True when the target release's code can judge the rows (<see cref="RegistryAccept.Since"/>).</summary>
    public static bool CanJudge(RegistryDefinition registry, ReleaseCatalog releases, Release target) =>
        releases.Find(registry.Accept.Since, "since").Order <= target.Order;

    /// <summary>Checks every entry against <paramref name="services"/>.</summary>
    /// <exception cref="InvalidOperationException">The first entry that is wrong.</exception>
    public static void Validate(IReadOnlyList<RegistryDefinition> all, ServiceCatalog services)
    {
        foreach (var r in all)
        {
            var at = $"registry.json: {r.Service}";
            var service = services.Services.FirstOrDefault(s => s.Name == r.Service)
                ?? throw new InvalidOperationException($"{at}: not a service of the catalog");
            var db = service.Schema.FirstOrDefault(s => s.Name == r.Database)
                ?? throw new InvalidOperationException($"{at}.database: not one of {r.Service}'s databases");
            if (r.Cells != (db.CellsFrom is not null))
            {
                throw new InvalidOperationException($"{at}.cells: must say whether {db.Name} has one copy per cell");
            }

            if (!Name().IsMatch(r.Table) || r.Versions.Count == 0 || !r.Versions.All(Name().IsMatch))
            {
                throw new InvalidOperationException($"{at}: table and versions must be plain column names");
            }

            _ = services.Releases.Find(r.Accept.Since, $"{at}.accept.since");
            if (!Kinds.Contains(r.Accept.Kind) || (r.Accept.Kind == "oldest_version" && (r.Accept.Binary is null || r.Accept.Column is null)))
            {
                throw new InvalidOperationException($"{at}.accept: kind is one of {string.Join(", ", Kinds)}; oldest_version needs binary and column");
            }

            if (r.Remove.Statements.Count == 0 || !r.Remove.Statements[0].Contains(":age", StringComparison.Ordinal)
                || !r.Remove.Statements[0].StartsWith($"UPDATE {r.Table} ", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{at}.remove: the first statement updates the {r.Table} row only while it is dead (:age)");
            }
        }
    }

    private static IReadOnlyList<RegistryDefinition> Load()
    {
        using var stream = EmbeddedData.Open("registry.json");
        var file = JsonSerializer.Deserialize(stream, RegistryJsonContext.Default.RegistryFile)
            ?? throw new InvalidOperationException("embedded registry.json is empty");
        Validate(file.Registries, ServiceCatalog.Default);
        return file.Registries;
    }

    [GeneratedRegex("^[a-z_]+$")]
    private static partial Regex Name();
}
