using Leapfrog.Core.Toolboxes;

namespace Leapfrog.Engine.Tests;

/// <summary>The toolbox version check: switched off, or facing a tool that prints no version.</summary>
[Collection("controller")]
public sealed class ToolboxVersionTests(ControllerFixture fx)
{
    [Fact]
    public async Task With_check_toolbox_version_off_no_version_is_asked_and_the_hop_says_so()
    {
        var cloud = new Cloud(fx, "keystone", "victoria");

        var outcome = await cloud.HopAsync("victoria", "wallaby", r => r with { CheckToolboxVersion = false });

        Assert.False(outcome.Failed, outcome.Message);
        Assert.Contains("toolbox version not checked for keystone in wallaby (check_toolbox_version is off)", outcome.Warnings);
        Assert.Equal(0, cloud.Executions("--version"));
        Assert.Equal(1, cloud.Executions("--expand"));
        Assert.Equal("wallaby", cloud.State()!.Release);
    }

    [Fact]
    public async Task A_tool_that_prints_no_version_is_refused_before_anything_runs()
    {
        var cloud = new Cloud(fx, "keystone", "victoria");
        var silent = Path.Combine(cloud.Dir, "silent");
        var asked = Path.Combine(cloud.Dir, "version-asked");
        Directory.CreateDirectory(Path.Combine(silent, "bin"));
        foreach (var tool in new[] { "keystone-manage", "keystone-status" })
        {
            var path = Path.Combine(silent, "bin", tool);
            File.WriteAllText(path,
                $"#!/bin/sh\n[ \"$1\" = --version ] && {{ echo \"$0\" >> '{asked}'; exit 0; }}\nexec '{cloud.Toolbox("wallaby").BinPath(tool)}' \"$@\"\n");
            File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        }

        var error = await Assert.ThrowsAsync<ControllerException>(() =>
            cloud.HopAsync("victoria", "wallaby", r => r with { Toolbox = new Toolbox(ToolboxType.Venv, silent, null, null, []) }));

        Assert.Equal(
            $"toolbox venv {silent} cannot run keystone's tools for wallaby: `{silent}/bin/keystone-manage --version` exited 0 without printing a version: (no output); nothing was run",
            error.Message);
        Assert.Equal([$"{silent}/bin/keystone-manage"], File.ReadAllLines(asked));
        Assert.Equal(0, cloud.Executions());
        Assert.False(Directory.Exists(cloud.StateDir));

        var rerun = await cloud.HopAsync("victoria", "wallaby");
        Assert.False(rerun.Failed, rerun.Message);
        // The toolbox given now is the fake's own: its version comes with the pre-check's answer, no --version is started.
        Assert.Equal((0, 1), (cloud.Executions("--version"), cloud.Executions("--expand")));
    }

    [Fact]
    public async Task Toolbox_only_runs_the_catalogs_version_command_and_touches_no_database_state_or_lock()
    {
        var cloud = new Cloud(fx, "keystone", "victoria");

        var outcome = await cloud.HopAsync("wallaby", "wallaby", r => r with { ToolboxOnly = true });

        Assert.False(outcome.Failed, outcome.Message);
        Assert.StartsWith("wallaby keystone: toolbox venv ", outcome.Message, StringComparison.Ordinal);
        Assert.Equal("19.0.0", outcome.ToolboxVersion);
        // The tool's own answer: its exec log shows one --version and nothing else.
        Assert.Equal((1, 1), (cloud.Executions("--version"), cloud.Executions()));
        Assert.False(Directory.Exists(cloud.StateDir));
        Assert.Empty(outcome.Warnings);
    }

    [Fact]
    public async Task Toolbox_only_warns_when_the_toolbox_holds_another_release()
    {
        var cloud = new Cloud(fx, "keystone", "victoria");

        // victoria's tools asked as wallaby's: reported, with the reason a hop would refuse them.
        var outcome = await cloud.HopAsync("wallaby", "wallaby", r => r with { ToolboxOnly = true, Toolbox = new Toolbox(ToolboxType.Venv, cloud.Toolbox("victoria").VenvPath, null, null, []) });

        Assert.False(outcome.Failed, outcome.Message);
        Assert.Equal("18.0.0", outcome.ToolboxVersion);
        Assert.Contains(outcome.Warnings, w => w.Contains("has keystone 18.0.0, but wallaby is keystone 19.x: a hop to wallaby with it will be refused", StringComparison.Ordinal));
        Assert.False(Directory.Exists(cloud.StateDir));
    }
}
