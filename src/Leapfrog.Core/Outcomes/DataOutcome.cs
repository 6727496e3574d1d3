using System.Text.Json.Serialization;

namespace Leapfrog.Core.Outcomes;

/// <summary>How a hop's online data migrations ended: the hop result's <c>data_migrations.outcome</c>.</summary>
[JsonConverter(typeof(WireEnumConverter<DataOutcome>))]
public enum DataOutcome
{
    /// <summary><c>none</c>: the release has no data migrations.</summary>
    None,

    /// <summary><c>not_run</c>: the release has some, but none ran in this module run (check mode, phases, or an earlier failure).</summary>
    NotRun,

    /// <summary><c>done</c>: every data step passed (in this run or an earlier one).</summary>
    Done,

    /// <summary><c>failed</c>: a data step failed, timed out, gave up or was stuck.</summary>
    Failed,
}
