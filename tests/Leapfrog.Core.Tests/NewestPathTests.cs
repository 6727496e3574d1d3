using Leapfrog.Core.Releases;

namespace Leapfrog.Core.Tests;

/// <summary>Toolbox paths with a '*' for OpenStack-Ansible's point release, and which installed one is the newest.</summary>
public class NewestPathTests
{
    [Fact]
    public void The_newest_is_chosen_by_version_not_by_text()
    {
        var pattern = NewestPath.Parse("/openstack/venvs/cinder-26.*", "path");

        var newest = pattern.Newest(["cinder-26.9.1", "cinder-26.10.0", "cinder-26.2.0", "cinder-31.0.0", "cinder-21.0.0", "keystone-26.11.0"]);

        Assert.Equal("cinder-26.10.0", newest);
        Assert.Equal("/openstack/venvs/cinder-26.10.0", pattern.PathOf(newest!));
    }

    [Theory]
    [InlineData("cinder-26.0.0", "cinder-26.0.0", "cinder-26.0.0.0rc1")]
    [InlineData("cinder-26.0.0.0rc2", "cinder-26.0.0.0rc1", "cinder-26.0.0.0rc2")]
    [InlineData("cinder-26.5.4.dev2", "cinder-26.5.3", "cinder-26.5.4.dev2")]
    [InlineData("cinder-26.5.4", "cinder-26.5.4.dev2", "cinder-26.5.4")]
    [InlineData("cinder-26.1.0", "cinder-26.1.0", "cinder-26.backup", "cinder-26.")]
    public void Pre_releases_and_builds_between_tags_sort_as_pep_440_says(string expected, params string[] names)
    {
        Assert.Equal(expected, NewestPath.Parse("/openstack/venvs/cinder-26.*", "path").Newest(names));
    }

    [Fact]
    public void Nothing_matching_gives_null_and_the_related_names_in_version_order()
    {
        var pattern = NewestPath.Parse("/openstack/venvs/cinder-26.*", "path");
        string[] names = ["keystone-26.1.0", "cinder-31.0.0", "cinder-9.0.0", "cinder-21.3.0"];

        Assert.Null(pattern.Newest(names));
        Assert.Equal(["cinder-9.0.0", "cinder-21.3.0", "cinder-31.0.0"], pattern.Related(names));
    }

    [Theory]
    [InlineData("/openstack/venvs/cinder-26.*", "/openstack/venvs", "cinder-26.", "")]
    [InlineData("/srv/roots/zed-*-amd64/", "/srv/roots", "zed-", "-amd64")]
    [InlineData("/*", "/", "", "")]
    public void A_pattern_is_a_directory_and_the_name_around_the_star(string path, string dir, string before, string after)
    {
        Assert.Equal(new NewestPath(dir, before, after), NewestPath.Parse(path, "toolbox.path"));
        Assert.Same(path, NewestPath.Check(path, "toolbox.path"));
    }

    [Theory]
    [InlineData("/openstack/*/cinder-26.1.0", "a path may hold one '*', in its last part")]
    [InlineData("/openstack/venvs/cinder-*.*", "a path may hold one '*', in its last part")]
    [InlineData("openstack/venvs/cinder-26.*", "must be an absolute path")]
    [InlineData("/openstack/venvs/cinder-26.*;reboot", "contains the shell metacharacter or space ';'")]
    [InlineData("/openstack/../cinder-26.*", "must not contain '..'")]
    [InlineData("/openstack/venvs/cinder-26.?", "contains the shell metacharacter or space '?'")]
    public void A_bad_pattern_is_refused_naming_the_parameter(string path, string reason)
    {
        var error = Assert.Throws<InvalidRequestException>(() => NewestPath.Check(path, "toolbox.path"));

        Assert.StartsWith("toolbox.path: ", error.Message);
        Assert.Contains(reason, error.Message);
    }
}
