using Leapfrog.Core.Toolboxes;
using System.Text.Json.Nodes;
using Leapfrog.Testing;

namespace Leapfrog.Engine.Tests;

/// <summary>
/// OpenStack-Ansible's venvs as they are on a controller: <c>/openstack/venvs/keystone-23.10.0</c>, named after OSA's
/// point release; a toolbox path <c>.../keystone-23.*</c> is resolved there to the newest one installed.
/// </summary>
[Collection("controller")]
public sealed class InstalledToolboxTests(ControllerFixture fx)
{
    /// <summary>
    /// A controller's venv directory: wallaby's real (fake-tool) keystone venv installed as OSA 23.10.0; the other point
    /// releases are empty directories, so a hop that picked one would fail its toolbox check.
    /// </summary>
    private static string Venvs(Cloud cloud, params string[] empty)
    {
        var venvs = Path.Combine(cloud.Dir, "openstack", "venvs");
        Directory.CreateDirectory(venvs);
        File.CreateSymbolicLink(Path.Combine(venvs, "keystone-23.10.0"), cloud.Toolbox("wallaby").VenvPath);
        foreach (var name in empty)
        {
            Directory.CreateDirectory(Path.Combine(venvs, name));
        }

        File.WriteAllText(Path.Combine(venvs, "keystone-23.99.0"), "a file, not a venv");
        return venvs;
    }

    private static Func<HopRequest, HopRequest> Pattern(string path, bool check = false) =>
        r => r with { Toolbox = new Toolbox(ToolboxType.Venv, path, null, null, []), CheckMode = check };

    [Fact]
    public async Task The_hop_runs_the_newest_installed_point_release_by_version_not_by_text()
    {
        var cloud = new Cloud(fx, "keystone", "victoria");
        var venvs = Venvs(cloud, "keystone-23.9.1", "keystone-23.2.0", "keystone-23.10.0.0rc1", "keystone-22.4.4", "keystone-31.0.0");

        var outcome = await cloud.HopAsync("victoria", "wallaby", Pattern($"{venvs}/keystone-23.*"));

        Assert.False(outcome.Failed, outcome.Message);
        Assert.Equal($"{venvs}/keystone-23.10.0", outcome.Toolbox!.Path);
        Assert.Equal("wallaby", cloud.State()!.Release);
        Assert.Equal(1, cloud.Executions("--expand"));
    }

    [Fact]
    public async Task A_finished_hop_run_again_does_not_need_its_venv_any_more()
    {
        var cloud = new Cloud(fx, "keystone", "victoria");
        var venvs = Venvs(cloud);
        var first = await cloud.HopAsync("victoria", "wallaby", Pattern($"{venvs}/keystone-23.*"));
        Directory.Delete(venvs, recursive: true); // the operator cleaned up the old release's venvs

        var again = await cloud.HopAsync("victoria", "wallaby", Pattern($"{venvs}/keystone-23.*"));

        Assert.False(first.Failed, first.Message);
        Assert.False(again.Failed, again.Message);
        Assert.True(again.AlreadyDone);
        Assert.Equal($"{venvs}/keystone-23.*", again.Toolbox!.Path);
        Assert.Equal(1, cloud.Executions("--expand"));
    }

    [Fact]
    public async Task Check_mode_resolves_the_pattern_too_and_changes_nothing()
    {
        var cloud = new Cloud(fx, "keystone", "victoria");
        var venvs = Venvs(cloud, "keystone-23.9.1");

        var outcome = await cloud.HopAsync("victoria", "wallaby", Pattern($"{venvs}/keystone-23.*", check: true));

        Assert.False(outcome.Failed, outcome.Message);
        Assert.Equal($"{venvs}/keystone-23.10.0", outcome.Toolbox!.Path);
        Assert.Equal(0, cloud.Executions("--expand"));
        Assert.False(Directory.Exists(cloud.StateDir));
    }

    [Fact]
    public async Task No_installed_point_release_of_the_series_is_refused_naming_the_pattern_the_release_and_what_is_there()
    {
        var cloud = new Cloud(fx, "keystone", "victoria");
        var venvs = Venvs(cloud, "keystone-22.4.4", "keystone-31.0.0", "glance-24.1.0");

        var error = await Assert.ThrowsAsync<ControllerException>(() => cloud.HopAsync("victoria", "wallaby", Pattern($"{venvs}/keystone-24.*")));

        Assert.Equal(
            $"no toolbox for keystone in wallaby on {fx.Ssh.User}@{fx.Ssh.Host}:{fx.Ssh.Port}: no directory matches {venvs}/keystone-24.*; " +
            "installed: keystone-22.4.4, keystone-23.10.0, keystone-31.0.0; install that release's tools or point the toolbox at them; nothing was run",
            error.Message);
        Assert.Equal(0, cloud.Executions());
        Assert.False(Directory.Exists(cloud.StateDir));
    }

    [Fact]
    public async Task A_missing_venv_directory_is_refused_before_anything_runs()
    {
        var cloud = new Cloud(fx, "keystone", "victoria");
        var missing = Path.Combine(cloud.Dir, "no-such-dir");

        var error = await Assert.ThrowsAsync<ControllerException>(() => cloud.HopAsync("victoria", "wallaby", Pattern($"{missing}/keystone-23.*")));

        Assert.EndsWith($"{missing}/keystone-23.* matches nothing, {missing} does not exist; install that release's tools or point the toolbox at them; nothing was run", error.Message);
        Assert.Equal(0, cloud.Executions());
    }

    [Fact]
    public void The_module_returns_the_resolved_venv_and_refuses_a_pattern_outside_the_last_part_before_connecting()
    {
        var cloud = new Cloud(fx, "keystone", "victoria");
        var venvs = Venvs(cloud, "keystone-23.9.1");

        var (rc, result) = Run(Args(cloud, $"{venvs}/keystone-23.*"));
        var (badRc, bad) = Run(Args(cloud, $"{cloud.Dir}/*/keystone-23.1.0"));

        Assert.True(rc == 0, result.ToJsonString());
        Assert.Equal(("venv", $"{venvs}/keystone-23.10.0"), (result["toolbox"]!["type"]!.GetValue<string>(), result["toolbox"]!["path"]!.GetValue<string>()));
        Assert.Equal(1, badRc);
        Assert.Equal(
            $"toolboxes.wallaby.path: '{cloud.Dir}/*/keystone-23.1.0': a path may hold one '*', in its last part (the version, e.g. /openstack/venvs/cinder-26.*)",
            bad["msg"]!.GetValue<string>());
    }

    private JsonObject Args(Cloud cloud, string path) => new()
    {
        ["service"] = "keystone",
        ["from_release"] = "victoria",
        ["to_release"] = "wallaby",
        ["host"] = fx.Ssh.Host,
        ["port"] = fx.Ssh.Port.ToString(),
        ["private_key_file"] = fx.Ssh.ClientKeyPath,
        ["known_hosts_file"] = fx.Ssh.KnownHostsPath,
        ["state_dir"] = cloud.StateDir,
        ["config_file"] = cloud.ConfigFile,
        ["toolboxes"] = new JsonObject { ["wallaby"] = new JsonObject { ["type"] = "venv", ["path"] = path } },
        ["_ansible_module_name"] = "leapfrog.openstack.hop",
    };

    private static (int Rc, JsonObject Result) Run(JsonObject args)
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, args.ToJsonString());
        var result = Proc.Run(Repo.Module("hop"), [file], timeout: TimeSpan.FromMinutes(3));
        File.Delete(file);
        return (result.ExitCode, JsonNode.Parse(result.Stdout.Trim())!.AsObject());
    }
}
