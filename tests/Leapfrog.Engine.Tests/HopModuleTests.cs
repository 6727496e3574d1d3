using System.Diagnostics;
using System.Text.Json.Nodes;
using Leapfrog.Testing;

namespace Leapfrog.Engine.Tests;

/// <summary>The published hop module run as Ansible runs it: a process with an args file.</summary>
[Collection("controller")]
public sealed class HopModuleTests(ControllerFixture fx)
{
    [Fact]
    public void The_module_hops_over_ssh_and_returns_each_step_with_rc_and_duration()
    {
        var cloud = new Cloud(fx, "glance", "victoria");

        var (rc, result) = Run(Args(cloud, "victoria", "wallaby"));

        Assert.True(rc == 0, result.ToJsonString());
        Assert.True(result["changed"]!.GetValue<bool>());
        Assert.True(result["verified"]!.GetValue<bool>());
        Assert.Equal("wallaby", result["to_release"]!.GetValue<string>());
        var steps = result["steps"]!.AsArray();
        Assert.Contains(steps, s => s!["name"]!.GetValue<string>() == "expand" && s["rc"]!.GetValue<int>() == 0 && s["duration_s"]!.GetValue<double>() > 0);
        Assert.DoesNotContain(ControllerFixture.DbSecret, result.ToJsonString());

        var (rc2, again) = Run(Args(cloud, "victoria", "wallaby"));
        Assert.Equal(0, rc2);
        Assert.False(again["changed"]!.GetValue<bool>());
        Assert.True(again["already_done"]!.GetValue<bool>());
        Assert.Empty(again["steps"]!.AsArray());
    }

    [Theory]
    [InlineData("KILL")]
    [InlineData("TERM")]
    public async Task A_module_killed_mid_step_is_resumed_by_the_rerun_without_running_the_step_again(string signal)
    {
        var cloud = new Cloud(fx, "keystone", "victoria");
        cloud.Configure(c => c with { SlowStep = "migrate", SlowSeconds = 4 });
        var argsFile = Write(Args(cloud, "victoria", "wallaby"));

        using (var first = Process.Start(new ProcessStartInfo(Repo.Module("hop"), [argsFile]) { RedirectStandardOutput = true })!)
        {
            await HopTests.WaitUntil(() => cloud.Executions("--migrate") == 1);
            Proc.Run("kill", [$"-{signal}", first.Id.ToString()]); // as Ansible's task timeout or an operator would
            await first.WaitForExitAsync();
        }

        Assert.True(Directory.Exists(Path.Combine(cloud.StateDir, "keystone.lock")), "the killed run leaves its lock");
        var (rc, result) = Run(argsFile);

        Assert.True(rc == 0, result.ToJsonString());
        Assert.Equal(1, cloud.Executions("--migrate"));
        Assert.Equal(1, cloud.Executions("--expand"));
        var warnings = result["warnings"]!.AsArray().Select(w => w!.GetValue<string>()).ToList();
        Assert.Contains(warnings, w => w.Contains("took over a stale lock") && w.Contains("that process is gone"));
        Assert.Contains(warnings, w => w.Contains("re-attached to schema:migrate run 1"));
        Assert.True(result["steps"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == "migrate")!["resumed"]!.GetValue<bool>());
        Assert.Equal("wallaby", cloud.State()!.Release);
    }

    [Fact]
    public void Check_mode_through_the_module_reports_and_writes_nothing()
    {
        var cloud = new Cloud(fx, "keystone", "victoria");
        var args = Args(cloud, "victoria", "wallaby");
        args["_ansible_check_mode"] = true;

        var (rc, result) = Run(args);

        Assert.Equal(0, rc);
        Assert.True(result["changed"]!.GetValue<bool>());
        Assert.StartsWith("check mode:", result["msg"]!.GetValue<string>());
        Assert.False(Directory.Exists(cloud.StateDir));
    }

    [Fact]
    public void A_failed_step_is_a_failed_task_with_the_tools_stderr()
    {
        var cloud = new Cloud(fx, "keystone", "victoria");
        cloud.Configure(c => c with { FailStep = "expand", FailRc = 3 });

        var (rc, result) = Run(Args(cloud, "victoria", "wallaby"));

        Assert.Equal(1, rc);
        Assert.True(result["failed"]!.GetValue<bool>());
        Assert.Contains("schema:expand exited 3", result["msg"]!.GetValue<string>());
        Assert.Contains("rerun the same hop", result["msg"]!.GetValue<string>());
        Assert.Contains("fake failure", result["steps"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == "expand")!["stderr"]!.GetValue<string>());
    }

    [Fact]
    public void No_secret_appears_in_any_artefact_of_a_run()
    {
        var cloud = new Cloud(fx, "nova", "victoria");
        cloud.Configure(c => c with { FailStep = "api_db sync", FailRc = 1 });
        var args = Args(cloud, "victoria", "wallaby");
        args.Remove("private_key_file");
        args["private_key"] = File.ReadAllText(fx.Ssh.EncryptedClientKeyPath);
        args["private_key_passphrase"] = fx.Ssh.Passphrase;
        args["_ansible_verbosity"] = 4;

        var (rc1, failed) = Run(args);
        cloud.Configure(c => c with { FailStep = null });
        var (rc2, done) = Run(args);

        Assert.Equal(1, rc1);
        Assert.Equal(0, rc2);
        var artefacts = new List<string> { failed.ToJsonString(), done.ToJsonString() };
        artefacts.AddRange(Directory.GetFiles(cloud.StateDir, "*", SearchOption.AllDirectories).Select(File.ReadAllText));
        var keyLines = File.ReadAllLines(fx.Ssh.EncryptedClientKeyPath).Where(l => l.Length > 20 && !l.StartsWith("-----", StringComparison.Ordinal));
        foreach (var secret in keyLines.Append(fx.Ssh.Passphrase).Append(ControllerFixture.DbSecret))
        {
            Assert.All(artefacts, a => Assert.DoesNotContain(secret, a));
        }

        Assert.True(artefacts.Count > 10, $"{artefacts.Count} artefacts searched");
    }

    private JsonObject Args(Cloud cloud, string from, string to) => new()
    {
        ["service"] = cloud.Service.Name,
        ["from_release"] = from,
        ["to_release"] = to,
        ["host"] = fx.Ssh.Host,
        ["port"] = fx.Ssh.Port.ToString(),
        ["private_key_file"] = fx.Ssh.ClientKeyPath,
        ["known_hosts_file"] = fx.Ssh.KnownHostsPath,
        ["state_dir"] = cloud.StateDir,
        ["config_file"] = cloud.ConfigFile,
        ["toolboxes"] = new JsonObject
        {
            [to] = new JsonObject { ["type"] = "venv", ["path"] = cloud.Toolbox(to).VenvPath },
        },
        ["_ansible_verbosity"] = 0,
        ["_ansible_module_name"] = "leapfrog.openstack.hop",
    };

    private static string Write(JsonObject args)
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, args.ToJsonString());
        return file;
    }

    private static (int Rc, JsonObject Result) Run(JsonObject args) => Run(Write(args));

    private static (int Rc, JsonObject Result) Run(string argsFile)
    {
        var result = Proc.Run(Repo.Module("hop"), [argsFile], timeout: TimeSpan.FromMinutes(3));
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, result.Stdout + result.Stderr);
        return (result.ExitCode, JsonNode.Parse(lines[0])!.AsObject());
    }
}
