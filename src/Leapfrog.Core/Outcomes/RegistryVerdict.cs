using System.Text.Json.Serialization;

namespace Leapfrog.Core.Outcomes;

/// <summary>
/// The target release's judgement of a service's registry (its <c>services</c> table) after the jump: the hop result's
/// <c>registry.verdict</c>, and of each row (<c>registry.rows[].status</c>, which may also be <see cref="Deleted"/>).
/// </summary>
[JsonConverter(typeof(WireEnumConverter<RegistryVerdict>))]
public enum RegistryVerdict
{
    /// <summary><c>accepted</c>: the target release's control services start with these rows.</summary>
    Accepted,

    /// <summary><c>too_old</c>: a row is older than the target accepts; its control services refuse to start until it is upgraded or removed.</summary>
    TooOld,

    /// <summary><c>pinned</c>: a row is at older RPC/object versions; services pin themselves to them until every one restarted.</summary>
    Pinned,

    /// <summary><c>deleted</c> (rows only): the row is soft-deleted and does not count.</summary>
    Deleted,

    /// <summary><c>could_not_check</c>: the rows or the release's answer could not be read; never a pass.</summary>
    CouldNotCheck,
}
