using System.Diagnostics;
using System.Text.Json.Nodes;
using Leapfrog.Testing;

namespace Leapfrog.Engine.Tests;

/// <summary>The published hop module run as Ansible runs it (a process with an args file), for tests that kill it.</summary>
internal static class ModuleProcess
{
    /// <summary>The module arguments of a hop of <paramref name="cloud"/> over the fixture's sshd.</summary>
    public static JsonObject Args(ControllerFixture fx, Cloud cloud, string from, string to) => new()
    {
        ["service"] = cloud.Service.Name,
        ["from_release"] = from,
        ["to_release"] = to,
        ["host"] = fx.Ssh.Host,
        ["port"] = fx.Ssh.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["private_key_file"] = fx.Ssh.ClientKeyPath,
        ["known_hosts_file"] = fx.Ssh.KnownHostsPath,
        ["state_dir"] = cloud.StateDir,
        ["config_file"] = cloud.ConfigFile,
        ["toolboxes"] = new JsonObject { [to] = new JsonObject { ["type"] = "venv", ["path"] = cloud.Toolbox(to).VenvPath } },
        ["_ansible_verbosity"] = 0,
        ["_ansible_module_name"] = "leapfrog.openstack.hop",
    };

    /// <summary>Writes <paramref name="args"/> to an args file in <paramref name="cloud"/>'s directory.</summary>
    public static string Write(Cloud cloud, JsonObject args)
    {
        var file = Path.Combine(cloud.Dir, $"args-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, args.ToJsonString());
        return file;
    }

    /// <summary>Starts the module in the background (to kill it).</summary>
    public static Process Start(string argsFile) =>
        Process.Start(new ProcessStartInfo(Repo.Module("hop"), [argsFile]) { RedirectStandardOutput = true })!;

    /// <summary>Runs the module to its end: its exit code and its one JSON result.</summary>
    public static (int Rc, JsonObject Result) Run(string argsFile)
    {
        var result = Proc.Run(Repo.Module("hop"), [argsFile], timeout: TimeSpan.FromMinutes(3));
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, result.Stdout + result.Stderr);
        return (result.ExitCode, JsonNode.Parse(lines[0])!.AsObject());
    }

    /// <summary>The result's warnings.</summary>
    public static List<string> Warnings(JsonObject result) =>
        result["warnings"]?.AsArray().Select(w => w!.GetValue<string>()).ToList() ?? [];
}
