using Leapfrog.Core;
using Leapfrog.Core.Toolboxes;

namespace Leapfrog.Engine.Tests;

/// <summary>
/// Preflight runs the hop in check mode: for every toolbox type and setup, its verdict is the hop's own pre-run verdict,
/// and when it refuses it names the same cause. (Chroots are covered by the real-release tier, which has real ones.)
/// </summary>
[Collection("controller")]
public sealed class PreflightAgreementTests(ControllerFixture fx, StandInServer server) : IClassFixture<StandInServer>
{
    public static TheoryData<string, string, string?> Cases()
    {
        var data = new TheoryData<string, string, string?>();
        foreach (var type in new[] { "venv", "container", "prefix", "system" })
        {
            data.Add(type, "config on the host", null);
            data.Add(type, "config missing", "does not exist where the tools read it");
            data.Add(type, "config unreadable", "is a directory, not a file");
            data.Add(type, "a tool missing", "cannot run keystone's tools");
            data.Add(type, "a wrong release's tools", "is keystone 19.x");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Preflight_passes_exactly_when_the_hop_would_and_names_the_same_cause(string type, string setup, string? cause)
    {
        var cloud = new Cloud(fx, "keystone", "victoria");
        var tools = setup == "a wrong release's tools" ? cloud.Toolbox("victoria") : cloud.Toolbox("wallaby");
        var toolbox = Toolbox(type, cloud, tools.VenvPath);
        switch (setup)
        {
            case "config missing":
                File.Delete(cloud.ConfigFile);
                break;
            case "config unreadable":
                File.Delete(cloud.ConfigFile);
                Directory.CreateDirectory(cloud.ConfigFile);
                break;
            case "a tool missing":
                File.Delete(tools.BinPath("keystone-manage"));
                break;
        }

        var preflight = await Verdict(cloud, toolbox, checkMode: true);
        var hop = await Verdict(cloud, toolbox, checkMode: false);

        Assert.Equal(hop, preflight);
        if (cause is null)
        {
            Assert.True(hop.Passed, hop.Message);
            Assert.Equal("wallaby", cloud.State()!.Release);
        }
        else
        {
            Assert.False(hop.Passed, $"{type} / {setup}: the hop ran");
            Assert.Contains(cause, hop.Message, StringComparison.Ordinal);
            Assert.Contains("nothing was run", hop.Message, StringComparison.Ordinal);
            Assert.Null(cloud.State());
            Assert.Equal(0, cloud.Executions("--expand"));
        }
    }

    private async Task<(bool Passed, string Message)> Verdict(Cloud cloud, Toolbox toolbox, bool checkMode)
    {
        try
        {
            var outcome = await cloud.HopAsync("victoria", "wallaby", r => r with { Toolbox = toolbox, CheckMode = checkMode },
                ssh: cloud.Ssh with { Port = server.Ssh.Port, PrivateKeyFile = server.Ssh.ClientKeyPath, KnownHostsFile = server.Ssh.KnownHostsPath });
            return (!outcome.Failed, outcome.Failed ? outcome.Message : "passed");
        }
        catch (LeapfrogException e)
        {
            return (false, e.Message);
        }
    }

    /// <summary>The toolbox of <paramref name="type"/> whose tools are the venv's (stand-ins play the container engine and PATH).</summary>
    private Toolbox Toolbox(string type, Cloud cloud, string venv)
    {
        var run = $"PATH='{venv}/bin':$PATH; [ -e '{venv}/bin/'\"$tool\" ] || {{ echo \"$tool: not found\" >&2; exit 127; }}; exec '{venv}/bin'/\"$tool\" \"$@\"\n";
        var etc = Path.GetDirectoryName(cloud.ConfigFile)!;
        switch (type)
        {
            case "container":
                server.Script("podman", $"[ \"$1 $2 $3 $4 $5 $6\" = 'run --rm --network host -v {etc}:{etc}:ro' ] || exit 125\nshift 7; tool=$1; shift\n" + run);
                return new Toolbox(ToolboxType.Container, null, "localhost/keystone:wallaby", null, []);
            case "prefix":
                var enter = server.Script("enter-toolbox", "[ \"$1\" = -- ] || exit 125\nshift; tool=$1; shift\n" + run);
                return new Toolbox(ToolboxType.Prefix, null, null, null, [enter, "--"]);
            case "system":
                foreach (var tool in new[] { "keystone-manage", "keystone-status", "python3" })
                {
                    server.Script(tool, $"tool={tool}\n" + (tool == "python3" ? $"exec '{venv}/bin/python3' \"$@\"\n" : run));
                }

                return Core.Toolboxes.Toolbox.OnPath;
            default:
                return new Toolbox(ToolboxType.Venv, venv, null, null, []);
        }
    }
}
