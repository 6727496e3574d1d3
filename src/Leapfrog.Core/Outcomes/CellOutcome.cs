using System.Text.Json.Serialization;

namespace Leapfrog.Core.Outcomes;

/// <summary>
/// What happened to one cell (nova's cells v2) in one module run: the hop result's <c>cells[].outcome</c>. The state file
/// records only <see cref="Done"/> or <see cref="Failed"/>.
/// </summary>
[JsonConverter(typeof(WireEnumConverter<CellOutcome>))]
public enum CellOutcome
{
    /// <summary><c>done</c>: its steps ran and passed.</summary>
    Done,

    /// <summary><c>done_earlier</c>: the state file recorded it done in this hop; nothing ran.</summary>
    DoneEarlier,

    /// <summary><c>failed</c>: one of its steps failed.</summary>
    Failed,

    /// <summary><c>not_run</c>: an earlier cell failed first; the rerun runs it.</summary>
    NotRun,

    /// <summary><c>unfinished</c>: its schema steps ran, then another cell failed before the data migrations; the rerun finishes it.</summary>
    Unfinished,

    /// <summary><c>skipped</c>: cell0, or the service's own cell: the hop's own steps cover it.</summary>
    Skipped,

    /// <summary><c>would_run</c>: check mode: its steps would run.</summary>
    WouldRun,
}
