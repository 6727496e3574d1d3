using Leapfrog.Core.Catalog;

namespace Leapfrog.Engine;

/// <summary>
/// Supervision of the online data migrations: each batch's table (<see cref="DataMigrationTable"/>) is summed per
/// migration; batches that report more work but complete nothing fail the hop as stuck after
/// <see cref="HopRequest.StuckBatches"/> in a row; a final run (rc 0) that still lists rows needing work is a warning.
/// </summary>
public sealed partial class HopRunner
{
    private readonly List<MigrationProgress> _migrations = [];
    private int _idleBatches;
    private bool _tableWarned;
    private string? _dataVerdict;

    /// <summary>Reads one batch's table; returns <c>stuck</c> when the batch must end the step, else null.</summary>
    private string? WatchBatch(StepDefinition step, RunResult result, ExitMeaning meaning)
    {
        var table = DataMigrationTable.Parse(result.Stdout);
        if (table is null)
        {
            if (!_tableWarned && result.Rc is not null && !result.TimedOut)
            {
                _tableWarned = true;
                _warnings.Add($"{step.Name}: its output has no Migration / Total Needed / Completed table that could be read; " +
                              "progress is judged by exit codes alone (no stuck detection)");
            }

            return null;
        }

        foreach (var row in table)
        {
            var i = _migrations.FindIndex(m => m.Name == row.Name);
            var seen = i < 0 ? new MigrationProgress { Name = row.Name } : _migrations[i];
            var next = seen with
            {
                Needed = seen.Needed + row.Needed,
                Completed = seen.Completed + row.Completed,
                LastNeeded = row.Needed,
                LastCompleted = row.Completed,
                Batches = seen.Batches + 1,
            };
            if (i < 0)
            {
                _migrations.Add(next);
            }
            else
            {
                _migrations[i] = next;
            }
        }

        if (meaning == ExitMeaning.More)
        {
            _idleBatches = table.Sum(r => r.Completed) == 0 ? _idleBatches + 1 : 0;
            if (_idleBatches >= _request.StuckBatches)
            {
                var still = table.Where(r => r.Needed > 0).Select(r => $"{r.Name} ({r.Needed} needed, {r.Completed} completed)").ToList();
                _dataVerdict = $"is stuck: {_idleBatches} batches in a row reported more work (rc {result.Rc}) but completed nothing " +
                               $"(data_migration_stuck_batches {_request.StuckBatches}); did not move: " +
                               (still.Count > 0 ? string.Join(", ", still) : "no migration reports rows needing work") +
                               ". Look at the tool's log for why, fix it and rerun the hop";
                return "stuck";
            }
        }

        if (meaning == ExitMeaning.Ok)
        {
            // The tool says nothing more can be done (rc 0) although rows are left: nova 2025.1's populate_instance_compute_id
            // does that for instances no compute node hosts. Said loudly, in the result too (last_needed), not failed.
            var left = table.Where(r => r.Needed > r.Completed).Select(r => $"{r.Name} ({r.Needed} needed, {r.Completed} completed)").ToList();
            if (left.Count > 0)
            {
                _warnings.Add($"{step.Name} exited {result.Rc} (nothing more it can do) but its last run still reports rows needing migration: " +
                              $"{string.Join(", ", left)}; check them before the next hop, whose schema migrations may need them done");
            }
        }

        return null;
    }
}
