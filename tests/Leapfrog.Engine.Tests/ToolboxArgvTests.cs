using Leapfrog.Core.Toolboxes;
using System.Text.Json.Nodes;

namespace Leapfrog.Engine.Tests;

/// <summary>The exact argv each toolbox type puts around a release's command.</summary>
public sealed class ToolboxArgvTests
{
    private const string Config = "/etc/keystone/keystone.conf";
    private static readonly string[] Expand = ["keystone-manage", "--config-file", Config, "db_sync", "--expand"];

    [Fact]
    public void A_container_toolbox_runs_the_tool_in_a_throwaway_podman_container_with_the_config_directory_mounted_read_only()
    {
        var box = Parse("""{"type": "container", "image": "registry.example/keystone:{version}"}""").Expand("keystone", "19.0.0", "wallaby");

        Assert.Equal(
            ["podman", "run", "--rm", "--network", "host", "-v", "/etc/keystone:/etc/keystone:ro", "registry.example/keystone:19.0.0",
             "keystone-manage", "--config-file", Config, "db_sync", "--expand"],
            box.Wrap(Expand, Config));
        Assert.Equal("podman image registry.example/keystone:19.0.0", box.Describe());
    }

    [Fact]
    public void A_container_toolbox_can_use_docker()
    {
        var box = Parse("""{"type": "container", "image": "kolla/keystone:{release}", "engine": "docker"}""").Expand("keystone", "19.0.0", "wallaby");

        Assert.Equal(
            ["docker", "run", "--rm", "--network", "host", "-v", "/etc/keystone:/etc/keystone:ro", "kolla/keystone:wallaby", "keystone-manage", "--version"],
            box.Wrap(["keystone-manage", "--version"], Config));
    }

    [Fact]
    public void A_prefix_toolbox_puts_its_argv_in_front_of_the_tool()
    {
        var box = Parse("""{"type": "prefix", "prefix": ["lxc-attach", "-n", "{service}_{release}", "--"]}""").Expand("keystone", "19.0.0", "wallaby");

        Assert.Equal(["lxc-attach", "-n", "keystone_wallaby", "--", "keystone-manage", "--config-file", Config, "db_sync", "--expand"], box.Wrap(Expand, Config));
        Assert.Equal("prefix lxc-attach -n keystone_wallaby --", box.Describe());
    }

    [Fact]
    public void A_system_toolbox_runs_the_tool_from_the_path()
    {
        var box = Parse("""{"type": "system"}""");

        Assert.Equal(Expand, box.Wrap(Expand, Config));
        Assert.Equal("system PATH", box.Describe());
    }

    [Fact]
    public void Venv_and_chroot_toolboxes_run_the_tool_from_their_directory()
    {
        Assert.Equal(["/openstack/venvs/keystone-19.0.0/bin/keystone-manage", "--version"],
            Parse("""{"type": "venv", "path": "/openstack/venvs/keystone-{version}/"}""").Expand("keystone", "19.0.0", "wallaby").Wrap(["keystone-manage", "--version"], Config));
        Assert.Equal(["chroot", "/srv/wallaby", "keystone-manage", "--version"],
            Parse("""{"type": "chroot", "path": "/srv/{release}"}""").Expand("keystone", "19.0.0", "wallaby").Wrap(["keystone-manage", "--version"], Config));
    }

    [Theory]
    [InlineData("""{"type": "container"}""", "t: a container toolbox needs an image")]
    [InlineData("""{"type": "container", "image": "k:1", "engine": "lxc"}""", "t.engine: 'lxc' is not a container engine; known: podman, docker")]
    [InlineData("""{"type": "prefix", "prefix": []}""", "t: a prefix toolbox needs a non-empty prefix argv")]
    [InlineData("""{"type": "prefix", "prefix": "sudo -u keystone"}""", "t.prefix: expected a list of strings (an argv)")]
    [InlineData("""{"type": "container", "image": "-v"}""", "t.image: '-v' is not a valid name")]
    public void A_bad_container_or_prefix_toolbox_is_refused_with_a_clear_message(string json, string message)
    {
        var error = Assert.Throws<Core.InvalidRequestException>(() => Parse(json));

        Assert.Equal(message, error.Message);
    }

    private static Toolbox Parse(string json) => ToolboxReader.Spec(new JsonToolboxNode("t", JsonNode.Parse(json)));
}
