using Leapfrog.Core.Toolboxes;
using Leapfrog.Core.Releases;
using Leapfrog.Inventory.Config;

namespace Leapfrog.Inventory.Output;

/// <summary>The toolboxes of one release for the services of one host, in catalog order.</summary>
/// <param name="Release">The release.</param>
/// <param name="Services">Service name and its expanded toolbox.</param>
internal sealed record HostToolboxes(Release Release, IReadOnlyList<KeyValuePair<string, Toolbox>> Services);
