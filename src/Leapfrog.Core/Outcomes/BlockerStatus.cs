using System.Text.Json.Serialization;

namespace Leapfrog.Core.Outcomes;

/// <summary>What the pre-check says of one known blocker: the hop result's <c>blockers[].status</c>. A pass is not listed.</summary>
[JsonConverter(typeof(WireEnumConverter<BlockerStatus>))]
public enum BlockerStatus
{
    /// <summary><c>found</c>: the check saw the blocker; a blocking one refuses the hop.</summary>
    Found,

    /// <summary><c>could_not_check</c>: the check could not run (never a pass); its error says why.</summary>
    CouldNotCheck,
}
