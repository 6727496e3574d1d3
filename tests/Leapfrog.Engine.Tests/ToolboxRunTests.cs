using Leapfrog.Core.Toolboxes;
using System.Text;

namespace Leapfrog.Engine.Tests;

/// <summary>A hop through a container, prefix or system toolbox, over a real sshd and a real shell.</summary>
[Collection("controller")]
public sealed class ToolboxRunTests(ControllerFixture fx, StandInServer server) : IClassFixture<StandInServer>
{
    /// <summary>Records its argv (one line: each word base64-encoded), then runs the rest.</summary>
    private const string Record = """
        { for w in "$@"; do printf '%s ' "$(printf %s "$w" | base64 -w0)"; done; echo; } >> "$LOG"

        """;

    [Fact]
    public async Task I_can_hop_with_a_container_toolbox_and_each_tool_runs_in_its_own_container()
    {
        var cloud = new Cloud(fx, "keystone", "victoria");
        var log = Path.Combine(cloud.Dir, "engine.log");
        var venv = cloud.Toolbox("wallaby").VenvPath;
        // podman as far as the hop can tell: "run --rm --network host -v DIR:DIR:ro IMAGE TOOL ARGS..." runs TOOL from the image's venv.
        server.Script("podman", $"LOG='{log}'\n{Record}" + $$"""
            [ "$1 $2 $3 $4 $5 $6" = "run --rm --network host -v {{Path.GetDirectoryName(cloud.ConfigFile)}}:{{Path.GetDirectoryName(cloud.ConfigFile)}}:ro" ] || exit 125
            [ "$7" = "localhost/keystone:wallaby" ] || { echo "no such image: $7" >&2; exit 125; }
            shift 7; tool=$1; shift
            PATH='{{venv}}/bin':$PATH exec '{{venv}}/bin'/"$tool" "$@"

            """);
        var etc = Path.GetDirectoryName(cloud.ConfigFile)!;

        var outcome = await Hop(cloud, new Toolbox(ToolboxType.Container, null, "localhost/keystone:wallaby", null, []));

        Assert.False(outcome.Failed, outcome.Message);
        var run = $"run --rm --network host -v {etc}:{etc}:ro localhost/keystone:wallaby";
        // Every tool, the toolbox's python3 (the hop's read-only inspection) included, runs through the engine.
        Assert.All(Words(log), line => Assert.True(line.StartsWith(run + " keystone-manage ", StringComparison.Ordinal) || line.StartsWith(run + " python3 -c ", StringComparison.Ordinal), line));
        Assert.Contains(Words(log), line => line.StartsWith(run + " python3 -c ", StringComparison.Ordinal));
        Assert.Contains($"{run} keystone-manage --version", Words(log));
        Assert.Contains($"{run} keystone-manage --config-file {cloud.ConfigFile} db_sync --expand", Words(log));
        Assert.Equal((1, 1, 1), (cloud.Executions("--expand"), cloud.Executions("--migrate"), cloud.Executions("--contract")));
        Assert.Equal("wallaby", cloud.State()!.Release);
    }

    [Fact]
    public async Task I_can_hop_with_a_prefix_toolbox_and_its_argv_comes_first()
    {
        var cloud = new Cloud(fx, "keystone", "victoria");
        var log = Path.Combine(cloud.Dir, "prefix.log");
        var enter = server.Script("enter-toolbox", $"LOG='{log}'\n{Record}" + """
            [ "$1" = --venv ] && [ "$3" = -- ] || exit 125
            venv=$2; shift 3; tool=$1; shift
            PATH="$venv/bin:$PATH" exec "$venv/bin/$tool" "$@"

            """);
        var venv = cloud.Toolbox("wallaby").VenvPath;

        var outcome = await Hop(cloud, new Toolbox(ToolboxType.Prefix, null, null, null, [enter, "--venv", venv, "--"]));

        Assert.False(outcome.Failed, outcome.Message);
        Assert.All(Words(log), line => Assert.True(line.StartsWith($"--venv {venv} -- keystone-", StringComparison.Ordinal) || line.StartsWith($"--venv {venv} -- python3 -c ", StringComparison.Ordinal), line));
        Assert.Contains(Words(log), line => line.StartsWith($"--venv {venv} -- python3 -c ", StringComparison.Ordinal));
        Assert.Contains($"--venv {venv} -- keystone-manage --config-file {cloud.ConfigFile} db_sync --expand", Words(log));
        Assert.Equal((1, 1, 1), (cloud.Executions("--expand"), cloud.Executions("--migrate"), cloud.Executions("--contract")));
        Assert.Equal("wallaby", cloud.State()!.Release);
    }

    [Fact]
    public async Task I_can_hop_with_the_tools_on_the_controllers_path()
    {
        var cloud = new Cloud(fx, "keystone", "victoria");
        var log = Path.Combine(cloud.Dir, "path.log");
        // The toolbox's python3 too: the hop asks it which tools and migration scripts the toolbox has.
        foreach (var tool in new[] { "keystone-manage", "keystone-status", "python3" })
        {
            server.Script(tool, $"LOG='{log}'\n{Record}exec '{cloud.Toolbox("wallaby").BinPath(tool)}' \"$@\"\n");
        }

        var outcome = await Hop(cloud, Toolbox.OnPath);

        Assert.False(outcome.Failed, outcome.Message);
        Assert.Contains($"--config-file {cloud.ConfigFile} db_sync --expand", Words(log));
        Assert.Equal((1, 1, 1), (cloud.Executions("--expand"), cloud.Executions("--migrate"), cloud.Executions("--contract")));
        Assert.Equal("wallaby", cloud.State()!.Release);
    }

    private Task<HopOutcome> Hop(Cloud cloud, Toolbox toolbox) =>
        cloud.HopAsync("victoria", "wallaby", r => r with { Toolbox = toolbox },
            ssh: cloud.Ssh with { Port = server.Ssh.Port, PrivateKeyFile = server.Ssh.ClientKeyPath, KnownHostsFile = server.Ssh.KnownHostsPath });

    /// <summary>The argv lines a stand-in recorded, words joined by spaces.</summary>
    private static List<string> Words(string log) =>
        File.ReadAllLines(log).Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => Encoding.UTF8.GetString(Convert.FromBase64String(w))))).ToList();
}
