using System.Text.Json.Serialization;
using Leapfrog.Core.Outcomes;

namespace Leapfrog.Core.Catalog;

/// <summary>The role of a catalog step within a hop.</summary>
[JsonConverter(typeof(WireEnumConverter<StepKind>))]
public enum StepKind
{
    /// <summary>Asks the release's tools what is pending; read-only.</summary>
    Probe,

    /// <summary>A schema (or other run-once) migration step.</summary>
    Schema,

    /// <summary>Online data migrations, run in batches until the tool says it is done.</summary>
    Data,

    /// <summary>The release's own green light, run after the hop; read-only.</summary>
    Verify,
}
