using System.Text.Json.Serialization;

namespace Leapfrog.Core.Outcomes;

/// <summary>Where one hop run of one service stands: the state file's <c>hops[].outcome</c>.</summary>
[JsonConverter(typeof(WireEnumConverter<HopStatus>))]
public enum HopStatus
{
    /// <summary><c>running</c>: under way, or its module run ended without recording an end (the rerun resumes it).</summary>
    Running,

    /// <summary><c>done</c>: every step passed; the database is at the hop's target release.</summary>
    Done,

    /// <summary><c>failed</c>: a step failed; its message says why; the rerun of the same hop resumes where it stopped.</summary>
    Failed,
}
