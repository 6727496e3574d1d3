using System.Text.Json;
using System.Text.RegularExpressions;
using Leapfrog.Core.Releases;

namespace Leapfrog.Core.Catalog;

/// <summary>The known blockers (embedded <c>blockers.json</c>), validated against the service catalog.</summary>
public sealed partial class BlockerCatalog
{
    private static readonly Lazy<BlockerCatalog> LazyDefault = new(() => Load(ServiceCatalog.Default));
    private static readonly string[] Severities = ["blocking", "warning"];
    private static readonly string[] Kinds = ["config", "sql", "free_space"];

    private BlockerCatalog(IReadOnlyList<BlockerDefinition> all, ServiceCatalog services)
    {
        All = all;
        Services = services;
    }

    /// <summary>The embedded blockers.</summary>
    public static BlockerCatalog Default => LazyDefault.Value;

    /// <summary>Every blocker, in file order.</summary>
    public IReadOnlyList<BlockerDefinition> All { get; }

    /// <summary>The catalog the blockers' services, databases and releases refer to.</summary>
    public ServiceCatalog Services { get; }

    /// <summary>The blockers of <paramref name="service"/> that apply to a hop to <paramref name="target"/>.</summary>
    public IReadOnlyList<BlockerDefinition> For(string service, Release target) =>
        All.Where(b => string.Equals(b.Service, service, StringComparison.OrdinalIgnoreCase) && Applies(b.Targets, target)).ToList();

    /// <summary>Checks every entry; <paramref name="what"/> names the file in messages.</summary>
    /// <exception cref="InvalidRequestException">The first entry that is wrong, and why.</exception>
    public static BlockerCatalog Validate(IReadOnlyList<BlockerDefinition> blockers, ServiceCatalog services, string what)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < blockers.Count; i++)
        {
            var b = blockers[i];
            var at = $"{what}.blockers[{i}]";
            if (!IdPattern().IsMatch(b.Id))
            {
                throw new InvalidRequestException($"{at}.id: '{Printable.Clip(b.Id, 60)}' must be lower-case words joined by '-'");
            }

            at = $"{what}: blocker {b.Id}";
            if (!seen.Add(b.Id))
            {
                throw new InvalidRequestException($"{at}: the id is used twice");
            }

            var service = services.Find(b.Service, $"{at}.service");
            var since = b.Targets.Since is null ? 0 : services.Releases.Find(b.Targets.Since, $"{at}.targets.since").Order;
            var until = b.Targets.Until is null ? int.MaxValue : services.Releases.Find(b.Targets.Until, $"{at}.targets.until").Order;
            if (since > until)
            {
                throw new InvalidRequestException($"{at}.targets: since comes after until");
            }

            if (!Severities.Contains(b.Severity))
            {
                throw new InvalidRequestException($"{at}.severity: '{Printable.Clip(b.Severity, 40)}' is not one of: {string.Join(", ", Severities)}");
            }

            foreach (var (name, text) in new[] { ("message", b.Message), ("fix", b.Fix), ("source", b.Source) })
            {
                if (string.IsNullOrWhiteSpace(text))
                {
                    throw new InvalidRequestException($"{at}.{name}: must not be empty");
                }
            }

            ValidateDetect(b.Detect, service, $"{at}.detect");
        }

        return new BlockerCatalog(blockers, services);
    }

    private static void ValidateDetect(BlockerDetect d, ServiceDefinition service, string at)
    {
        if (!Kinds.Contains(d.Kind))
        {
            throw new InvalidRequestException($"{at}.kind: '{Printable.Clip(d.Kind, 40)}' is not one of: {string.Join(", ", Kinds)}");
        }

        if (d.Kind == "config")
        {
            if (d.Option is null || !OptionPattern().IsMatch(d.Option) || string.IsNullOrEmpty(d.Contains))
            {
                throw new InvalidRequestException($"{at}: a config check needs option (section.option) and contains");
            }

            if (d.Query is not null || d.Database is not null || d.Threshold is not null || d.Cells || d.Factor is not null)
            {
                throw new InvalidRequestException($"{at}: a config check has no query, database, threshold, factor or cells");
            }

            return;
        }

        if (d.Option is not null || d.Contains is not null)
        {
            throw new InvalidRequestException($"{at}: a {d.Kind} check has no option or contains");
        }

        var database = service.Schema.FirstOrDefault(s => s.Name == d.Database)
            ?? throw new InvalidRequestException(
                $"{at}.database: '{Printable.Clip(d.Database ?? "nothing", 40)}' is not one of {service.Name}'s databases: " +
                string.Join(", ", service.Schema.Select(s => s.Name)));
        if (d.Cells && service.Cells is null)
        {
            throw new InvalidRequestException($"{at}.cells: {service.Name} has no cells");
        }

        if (d.Cells && database.CellsFrom is null)
        {
            throw new InvalidRequestException($"{at}.cells: {database.Name} is not a database with one copy per cell");
        }

        if (d.Kind == "free_space")
        {
            if (d.Query is not null || d.Threshold is not null)
            {
                throw new InvalidRequestException($"{at}: a free_space check has no query or threshold (it asks the server itself)");
            }

            if (d.Factor is not { } factor || !double.IsFinite(factor) || factor <= 0)
            {
                throw new InvalidRequestException($"{at}.factor: a free_space check needs a factor above 0 (1: one copy of the largest table)");
            }

            return;
        }

        if (d.Factor is not null)
        {
            throw new InvalidRequestException($"{at}.factor: only a free_space check has a factor");
        }

        ReadOnlySql.Check(d.Query, $"{at}.query");
        var placeholder = d.Query!.Contains("{threshold}", StringComparison.Ordinal);
        if (placeholder != d.Threshold is not null)
        {
            throw new InvalidRequestException($"{at}: {{threshold}} in the query and a threshold go together");
        }

        if (d.Threshold is not null && string.IsNullOrWhiteSpace(d.Threshold.Python))
        {
            throw new InvalidRequestException($"{at}.threshold.python: must not be empty");
        }
    }

    private bool Applies(BlockerTargets targets, Release target)
    {
        var since = targets.Since is null ? 0 : Services.Releases.Find(targets.Since, "since").Order;
        var until = targets.Until is null ? int.MaxValue : Services.Releases.Find(targets.Until, "until").Order;
        return since <= target.Order && target.Order <= until;
    }

    private static BlockerCatalog Load(ServiceCatalog services)
    {
        using var stream = EmbeddedData.Open("blockers.json");
        var file = JsonSerializer.Deserialize(stream, CatalogJsonContext.Default.BlockerFile)
            ?? throw new InvalidOperationException("embedded blockers.json is empty");
        try
        {
            return Validate(file.Blockers, services, "blockers.json");
        }
        catch (InvalidRequestException e)
        {
            throw new InvalidOperationException($"embedded {e.Message}", e);
        }
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Za-z0-9_]+\\.[A-Za-z0-9_]+$")]
    private static partial Regex OptionPattern();
}
