using Leapfrog.Core.Releases;

namespace Leapfrog.Core.Catalog.Overlay;

/// <summary>
/// Lays overlay steps over base steps: an overlay step replaces the base step of the same kind and name
/// for the releases of its own range only (the base keeps the others); a new kind and name is appended.
/// </summary>
internal static class StepMerger
{
    public static List<StepDefinition> Merge(IReadOnlyList<StepDefinition> steps, IEnumerable<StepDefinition> overlay, ReleaseCatalog releases)
    {
        var result = steps.ToList();
        foreach (var step in overlay)
        {
            result = Apply(result, step, releases);
        }

        return result;
    }

    private static List<StepDefinition> Apply(List<StepDefinition> steps, StepDefinition top, ReleaseCatalog releases)
    {
        var (from, to) = Range(top, releases);
        var result = new List<StepDefinition>();
        var placed = false;
        foreach (var step in steps)
        {
            if (step.Kind != top.Kind || !string.Equals(step.Name, top.Name, StringComparison.OrdinalIgnoreCase))
            {
                result.Add(step);
                continue;
            }

            var (since, until) = Range(step, releases);
            if (since < from)
            {
                result.Add(step with { Until = releases.All[Math.Min(until, from - 1)].Name });
            }

            if (!placed)
            {
                result.Add(top);
                placed = true;
            }

            if (until > to)
            {
                result.Add(step with { Since = releases.All[Math.Max(since, to + 1)].Name });
            }
        }

        if (!placed)
        {
            result.Add(top);
        }

        return result;
    }

    private static (int Since, int Until) Range(StepDefinition step, ReleaseCatalog releases) =>
        (step.Since is null ? 0 : releases.Find(step.Since, "since").Order,
         step.Until is null ? releases.All.Count - 1 : releases.Find(step.Until, "until").Order);
}
