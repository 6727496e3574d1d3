using Leapfrog.Core.Releases;

namespace Leapfrog.Core.Tests;

/// <summary>OpenStack-Ansible's major version per OpenStack release: what OSA's venv names carry.</summary>
public class OsaSeriesTests
{
    [Theory]
    [InlineData("zed", 26)]
    [InlineData("2023.1", 27)]
    [InlineData("2024.1-caracal", 29)]
    [InlineData("epoxy", 31)]
    [InlineData("victoria", 22)]
    [InlineData("2026.1", 33)]
    public void The_release_catalog_knows_each_releases_openstack_ansible_series(string release, int series)
    {
        // Read from openstack/openstack-ansible's tags (git describe of stable/<series>): 26.5.3 on unmaintained/zed, 31.3.0 on stable/2025.1.
        Assert.Equal(series, ReleaseCatalog.Default.Find(release, "test").OsaSeries);
    }

    [Fact]
    public void A_release_openstack_ansible_has_not_made_has_no_series()
    {
        Assert.Null(ReleaseCatalog.Default.Find("2026.2", "test").OsaSeries);
    }
}
