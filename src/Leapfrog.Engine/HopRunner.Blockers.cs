using Leapfrog.Core.Catalog;
using Leapfrog.Core.Outcomes;

namespace Leapfrog.Engine;

/// <summary>
/// Known blockers (the catalog's <c>blockers.json</c>) checked read-only in the pre-check, before the lock and the
/// first step: a blocking one found refuses the hop with nothing run (check mode reports it as a failure, so preflight
/// refuses exactly what the hop would); a warning, or a check that could not run, is listed and warned about.
/// </summary>
public sealed partial class HopRunner
{
    private readonly List<BlockerReport> _blockers = [];

    private void JudgeBlockers(IReadOnlyList<BlockerFinding> findings)
    {
        foreach (var f in findings)
        {
            var b = _request.Blockers.FirstOrDefault(x => x.Id == f.Id);
            if (b is null)
            {
                continue;
            }

            _blockers.Add(new BlockerReport
            {
                Id = b.Id,
                Severity = b.Severity,
                Status = f.Error is null ? BlockerStatus.Found : BlockerStatus.CouldNotCheck,
                Cell = f.Cell,
                Details = f.Rows,
                Error = f.Error,
                Message = b.Message,
                Fix = b.Fix,
                Source = b.Source,
            });
        }

        foreach (var r in _blockers.Where(r => !Refuses(r)))
        {
            _warnings.Add(r.Describe());
        }

        var refusing = _blockers.Where(Refuses).ToList();
        if (refusing.Count > 0 && !_request.CheckMode)
        {
            throw new ControllerException(
                $"{Svc} {_request.Name} would fail on a known blocker: {string.Join(" | ", refusing.Select(r => r.Describe()))}; " +
                "nothing was run");
        }
    }

    private static bool Refuses(BlockerReport r) => r.Severity == "blocking" && r.Status == BlockerStatus.Found;

    /// <summary>Check mode: a blocking finding makes the check fail, as the hop would refuse.</summary>
    private HopOutcome WithBlockers(HopOutcome outcome)
    {
        var refusing = _blockers.Where(Refuses).ToList();
        return refusing.Count == 0 || !_request.CheckMode
            ? outcome with { Blockers = _blockers.ToList() }
            : outcome with
            {
                Blockers = _blockers.ToList(),
                Failed = true,
                Message = $"check mode: {Svc} {_request.Name} would be refused: {string.Join(" | ", refusing.Select(r => r.Describe()))}",
            };
    }

    /// <summary>The blockers the catalog lists for this hop's service and target release.</summary>
    /// <param name="catalog">The blocker catalog.</param>
    /// <param name="request">The hop.</param>
    /// <param name="warnings">Also the warning-severity ones (preflight, check mode); a real run checks the blocking ones.</param>
    public static IReadOnlyList<BlockerDefinition> BlockersFor(BlockerCatalog catalog, HopRequest request, bool warnings) =>
        request.FinishesData ? [] : catalog.For(request.Service.Name, request.To).Where(b => warnings || b.Severity == "blocking").ToList();
}
