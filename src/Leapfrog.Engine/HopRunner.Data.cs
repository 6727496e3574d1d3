using Leapfrog.Core.Catalog;
using Leapfrog.Core.Outcomes;

namespace Leapfrog.Engine;

/// <summary>
/// Supervision of the online data migrations: each batch's table is summed per migration by the database's own
/// <see cref="DataWatch"/> (the service's own, or each cell's, so cells run at the same time are each watched);
/// batches that report more work but complete nothing fail the step as stuck after <see cref="HopRequest.StuckBatches"/>
/// in a row; rows a final run (rc 0) leaves are judged by the catalog's <c>data_leftovers</c>.
/// </summary>
public sealed partial class HopRunner
{
    private DataWatch? _dataWatch;

    private DataWatch MainWatch => _dataWatch ??= new DataWatch(_request.StuckBatches);

    /// <summary>Reads one batch's table into <paramref name="watch"/>; returns <see cref="StepOutcome.Stuck"/> when the batch must end the step, else null.</summary>
    private StepOutcome? WatchBatch(StepDefinition step, RunResult result, ExitMeaning meaning, DataWatch watch, string where)
    {
        var table = DataMigrationTable.Parse(result.Stdout);
        var warned = watch.TableMissing;
        if (watch.Batch(table, meaning == ExitMeaning.More, result.Rc))
        {
            return StepOutcome.Stuck;
        }

        if (table is null)
        {
            if (!warned && result.Rc is not null && !result.TimedOut)
            {
                _warnings.Add($"{where}{step.Name}: its output has no Migration / Total Needed / Completed table that could be read; " +
                              "progress is judged by exit codes alone (no stuck detection)");
            }

            return null;
        }

        return meaning == ExitMeaning.Ok ? JudgeLeft(step, result, table, watch, where) : null;
    }

    /// <summary>
    /// The final run (rc 0: the tool can do no more) still lists rows needing work: a migration whose leftovers the
    /// catalog accepts (<c>data_leftovers</c>, with why and the upstream source) is noted in the result; one the catalog
    /// does not know is a warning naming it and its counts. Either way the exit code decides: the step is done.
    /// </summary>
    private StepOutcome? JudgeLeft(StepDefinition step, RunResult result, IReadOnlyList<MigrationRow> table, DataWatch watch, string where)
    {
        var unknown = new List<string>();
        foreach (var row in table.Where(r => r.Needed > r.Completed))
        {
            var rule = _request.Catalog.LeftoverFor(_request.Service, _request.To, row.Name);
            watch.Left(row.Name, rule?.Verdict ?? "unknown", rule is null ? null : $"{rule.Why} ({rule.Source})");
            if (rule is null)
            {
                unknown.Add($"{row.Name} ({row.Needed} needed, {row.Completed} completed)");
            }
        }

        if (unknown.Count > 0)
        {
            _warnings.Add($"{where}{step.Name} exited {result.Rc} (nothing more it can do) but its last run still reports rows needing migration: " +
                          $"{string.Join(", ", unknown)}; check them before the next hop, whose schema migrations may need them done");
        }

        return null;
    }
}
