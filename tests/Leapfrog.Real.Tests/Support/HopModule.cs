using System.Diagnostics;
using System.Text.Json.Nodes;
using Leapfrog.Testing;

namespace Leapfrog.Real.Tests.Support;

/// <summary>
/// Runs the published hop module (plugins/modules/hop, or the binary LEAPFROG_HOP_MODULE names) as Ansible
/// does: a process given an args JSON file.
/// </summary>
public static class HopModule
{
    private static string Binary => Environment.GetEnvironmentVariable("LEAPFROG_HOP_MODULE") is { Length: > 0 } b ? b : Repo.Module("hop");

    /// <summary>Runs one hop of <paramref name="service"/> with <paramref name="suite"/>'s chroot as the toolbox, over the test sshd;
    /// the args file is named <paramref name="argsName"/> (default: the service), a number and .json.</summary>
    /// <returns>The module's JSON result and its wall time.</returns>
    public static (JsonObject Result, double Seconds) Run(RealCloud cloud, ITestOutputHelper log, string service, string from, string to,
        Suite suite, string configFile, string stateDir, bool allowUnsupported = false, bool checkMode = false, string? argsName = null,
        JsonObject? extra = null)
    {
        var args = new JsonObject
        {
            ["service"] = service,
            ["from_release"] = from,
            ["to_release"] = to,
            ["allow_unsupported"] = allowUnsupported,
            ["host"] = cloud.Ssh.Host,
            ["port"] = cloud.Ssh.Port,
            ["user"] = cloud.Ssh.User,
            ["private_key_file"] = cloud.Ssh.ClientKeyPath,
            ["known_hosts_file"] = cloud.Ssh.KnownHostsPath,
            ["toolbox"] = new JsonObject { ["type"] = "chroot", ["path"] = suite.Path },
            ["config_file"] = configFile,
            ["state_dir"] = stateDir,
            ["step_timeout"] = 1800,
            ["data_migration_batch"] = 1000,
            ["_ansible_check_mode"] = checkMode,
        };
        foreach (var (key, value) in extra ?? [])
        {
            args[key] = value?.DeepClone();
        }

        var argsFile = Path.Combine(cloud.Root, "args", $"{argsName ?? service}-{cloud.Next()}.json");
        Directory.CreateDirectory(Path.GetDirectoryName(argsFile)!);
        File.WriteAllText(argsFile, args.ToJsonString());

        var clock = Stopwatch.StartNew();
        var run = Proc.Run(Binary, [argsFile], timeout: TimeSpan.FromMinutes(45));
        var seconds = clock.Elapsed.TotalSeconds;
        Assert.DoesNotContain(RealCloud.DbSecret, run.Stdout + run.Stderr);
        var result = JsonNode.Parse(run.Stdout) as JsonObject
            ?? throw new InvalidOperationException($"hop module printed no JSON object (rc {run.ExitCode}): {run.Stdout} {run.Stderr}");

        log.WriteLine($"hop {service} {from} -> {to} with {suite}: {seconds:0.0}s, rc {run.ExitCode}, changed {result["changed"]}, " +
                      $"failed {result["failed"]}, verified {result["verified"]}, already_done {result["already_done"]}");
        if (result["msg"] is { } msg)
        {
            log.WriteLine($"  msg: {msg}");
        }

        foreach (var step in result["steps"]?.AsArray() ?? [])
        {
            log.WriteLine($"  step {step!["kind"]}:{step["name"]} rc {step["rc"]} ({step["meaning"]}) {step["outcome"]} {step["duration_s"]}s attempts {step["attempts"]}");
        }

        foreach (var cell in result["cells"]?.AsArray() ?? [])
        {
            log.WriteLine($"  cell {cell!["name"]} ({cell["uuid"]}): {cell["outcome"]}{(cell["msg"] is { } m ? $" - {m}" : "")}");
            foreach (var step in cell["steps"]?.AsArray() ?? [])
            {
                log.WriteLine($"    step {step!["kind"]}:{step["name"]} rc {step["rc"]} ({step["meaning"]}) {step["outcome"]} {step["duration_s"]}s attempts {step["attempts"]}");
            }
        }

        foreach (var warning in result["warnings"]?.AsArray() ?? [])
        {
            log.WriteLine($"  warning: {warning}");
        }

        return (result, seconds);
    }
}
