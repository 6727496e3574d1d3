using Leapfrog.Core.Releases;
using Leapfrog.Core.Toolboxes;

namespace Leapfrog.Inventory.Osa;

/// <summary>
/// The toolbox OpenStack-Ansible builds: <c>/openstack/venvs/&lt;service&gt;-&lt;venv_tag&gt;</c>, where the tag is OSA's own
/// version (26.x.y for zed), not the service's. Which point release is installed only the controller knows, so the
/// path is a pattern (<c>/openstack/venvs/cinder-26.*</c>) the hop resolves there to the newest installed one.
/// </summary>
internal static class OsaVenv
{
    /// <summary>The venv pattern of <paramref name="release"/>, with <c>{service}</c> still in it; null where OSA made no release.</summary>
    public static Toolbox? For(Release release) =>
        release.OsaSeries is { } series
            ? new Toolbox(ToolboxType.Venv, $"/openstack/venvs/{Placeholders.Service}-{series}.*", null, null, [])
            : null;
}
