using System.Text.Json.Serialization;
using Leapfrog.Core.Outcomes;

namespace Leapfrog.Core.Catalog;

/// <summary>What one exit code of one command means in one release.</summary>
[JsonConverter(typeof(WireEnumConverter<ExitMeaning>))]
public enum ExitMeaning
{
    /// <summary>Finished; for a probe or a check: nothing pending.</summary>
    Ok,

    /// <summary>Progress made, more to do: run the same command again (online data migrations rc 1).</summary>
    More,

    /// <summary>A probe's answer: work is pending (e.g. keystone <c>db_sync --check</c> rc 2).</summary>
    Pending,

    /// <summary>Finished, but the tool reports warnings (e.g. <c>*-status upgrade check</c> rc 1).</summary>
    Warning,

    /// <summary>Failed. Every exit code the catalog does not list means this too.</summary>
    Error,
}
