namespace Leapfrog.Engine;

/// <summary>
/// The supervision of one database's online data migrations (the service's own, or one cell's): each batch's table
/// (<see cref="DataMigrationTable"/>) summed per migration, and batches that report more work but complete nothing
/// counted, so that <see cref="Batch"/> says stuck after <c>stuckBatches</c> in a row. One per database, so cells
/// run at the same time each keep their own count.
/// </summary>
internal sealed class DataWatch(int stuckBatches)
{
    private readonly List<MigrationProgress> _migrations = [];
    private int _idleBatches;

    /// <summary>Each migration over the batches seen so far.</summary>
    public IReadOnlyList<MigrationProgress> Migrations => _migrations.ToList();

    /// <summary>Why the step is stuck (set when <see cref="Batch"/> returned true).</summary>
    public string? Verdict { get; private set; }

    /// <summary>True once a batch printed no table that could be read (said once per database).</summary>
    public bool TableMissing { get; private set; }

    /// <summary>Notes the verdict on the rows <paramref name="name"/> left after the final run.</summary>
    public void Left(string name, string verdict, string? why)
    {
        var i = _migrations.FindIndex(m => m.Name == name);
        if (i >= 0)
        {
            _migrations[i] = _migrations[i] with { Left = verdict, LeftWhy = why };
        }
    }

    /// <summary>Adds one batch's table; returns true when the step must end as stuck.</summary>
    /// <param name="table">The batch's table; null when its output had none.</param>
    /// <param name="more">True when the batch's exit code says more work is left.</param>
    /// <param name="rc">The batch's exit code, for the verdict.</param>
    public bool Batch(IReadOnlyList<MigrationRow>? table, bool more, int? rc)
    {
        if (table is null)
        {
            TableMissing = true;
            return false;
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

        if (!more)
        {
            return false;
        }

        _idleBatches = table.Sum(r => r.Completed) == 0 ? _idleBatches + 1 : 0;
        if (_idleBatches < stuckBatches)
        {
            return false;
        }

        var still = table.Where(r => r.Needed > 0).Select(r => $"{r.Name} ({r.Needed} needed, {r.Completed} completed)").ToList();
        Verdict = $"is stuck: {_idleBatches} batches in a row reported more work (rc {rc}) but completed nothing " +
                  $"(data_migration_stuck_batches {stuckBatches}); did not move: " +
                  (still.Count > 0 ? string.Join(", ", still) : "no migration reports rows needing work") +
                  ". Look at the tool's log for why, fix it and rerun the hop";
        return true;
    }
}
