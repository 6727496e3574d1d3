using System.Text.Json.Nodes;
using Leapfrog.Testing;

namespace Leapfrog.Engine.Tests;

/// <summary>
/// The published hop and backup modules in preflight's check-only calls, run as Ansible runs them: their ready-made
/// problems and notes for the release's upgrade check (judged by the catalog's exit codes), a held lock, and the room
/// for the backups.
/// </summary>
[Collection("controller")]
public sealed class PreflightModuleTests(ControllerFixture fx)
{
    /// <summary>keystone-status's codes in the catalog: 0 ok, 1 warning, 2 error, 255 error; 7 is one it does not list.</summary>
    [Theory]
    [InlineData(0, false, "keystone-status upgrade check at victoria: success")]
    [InlineData(1, false, "keystone-status upgrade check at victoria: warnings (")]
    [InlineData(2, true, "keystone-status upgrade check at victoria failed: exited 2 (error): ")]
    [InlineData(255, true, "keystone-status upgrade check at victoria failed: exited 255 (error): ")]
    [InlineData(7, true, "keystone-status upgrade check at victoria failed: exited 7 (error): ")]
    public void The_upgrade_check_means_what_the_catalog_says_its_exit_code_means(int rc, bool problem, string said)
    {
        var cloud = new Cloud(fx, "keystone", "victoria");
        if (rc != 0)
        {
            cloud.Configure(c => c with { FailStep = "upgrade check", FailRc = rc });
        }

        var (exit, result) = Run(UpgradeCheck(cloud, "victoria"));

        Assert.True(exit == 0, result.ToJsonString());
        var (problems, notes) = (Strings(result["problems"]), Strings(result["notes"]));
        var found = Assert.Single(problem ? problems : notes, s => s.StartsWith(said, StringComparison.Ordinal));
        Assert.DoesNotContain(problem ? notes : problems, s => s.Contains("keystone-status", StringComparison.Ordinal));
        if (problem)
        {
            // The tool's own error line, then the codes the catalog knows for it.
            Assert.Contains("fake failure", found, StringComparison.Ordinal);
            Assert.EndsWith("keystone-status upgrade check in victoria: 0 ok, 1 warning, 2 error, 255 error, any other code an error", found, StringComparison.Ordinal);
        }

        // The release's own tool ran once, in victoria's toolbox, with the catalog's argv and the config file.
        var ran = Assert.Single(Runs(cloud, "keystone-status"));
        Assert.Equal(["--config-file", cloud.ConfigFile, "upgrade", "check"], ran.Argv);
        Assert.Equal("victoria", ran.Release);
        Assert.DoesNotContain(ControllerFixture.DbSecret, result.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_service_without_a_status_tool_gets_a_note_and_nothing_runs()
    {
        var cloud = new Cloud(fx, "keystone", "victoria");
        var args = UpgradeCheck(cloud, "ocata"); // keystone-status came in stein
        args["from_release"] = "newton";
        args["toolboxes"] = new JsonObject(); // not even a toolbox: the catalog answers first

        var (exit, result) = Run(args);

        Assert.True(exit == 0, result.ToJsonString());
        Assert.Equal(["upgrade check of keystone at ocata skipped: the catalog names no status tool for it"], Strings(result["notes"]));
        Assert.Empty(Strings(result["problems"]));
        Assert.Empty(Runs(cloud, "keystone-status"));
    }

    [Fact]
    public void A_held_lock_in_the_real_state_directory_is_a_problem_naming_its_holder()
    {
        var cloud = new Cloud(fx, "keystone", "victoria");
        var real = Path.Combine(cloud.Dir, "real-state");
        var args = PathCheck(cloud, real);
        var (_, free) = Run(args);
        Assert.Empty(Strings(free["problems"]));
        Assert.Contains("wallaby keystone: toolbox reports 19.0.0", Strings(free["notes"]));

        Directory.CreateDirectory(Path.Combine(real, "keystone.lock"));
        File.WriteAllText(Path.Combine(real, "keystone.lock", "owner.json"),
            """{"run_id": "r3", "owner": "root@deploy", "host": "deploy", "pid": 4242, "started": "2026-01-01T00:02:00Z", "hop": "victoria -> wallaby"}""");
        var (exit, held) = Run(args);

        Assert.True(exit == 0, held.ToJsonString()); // a problem for preflight's list, not a failed check
        Assert.Equal(
            [$"lock {real}/keystone.lock is held by root@deploy (pid 4242 on deploy, since 2026-01-01T00:02:00Z, hop victoria -> wallaby): " +
             "another leapfrog run is migrating keystone; wait for it or remove a stale lock"],
            Strings(held["problems"]));
        Assert.True(Directory.Exists(Path.Combine(real, "keystone.lock")), "preflight leaves the lock alone");

        // A lock directory without an owner file is held too, by nobody known.
        File.Delete(Path.Combine(real, "keystone.lock", "owner.json"));
        var (_, unknown) = Run(args);
        Assert.Contains(Strings(unknown["problems"]), p => p.StartsWith($"lock {real}/keystone.lock is held by an unknown holder", StringComparison.Ordinal));
    }

    [Fact]
    public void A_hop_the_path_check_would_refuse_is_a_problem_with_the_hops_message()
    {
        var cloud = new Cloud(fx, "keystone", "victoria");
        File.Delete(cloud.Toolbox("wallaby").BinPath("keystone-manage"));

        var (exit, result) = Run(PathCheck(cloud, null));

        Assert.Equal(1, exit);
        var problem = Assert.Single(Strings(result["problems"]));
        Assert.Contains("keystone-manage", problem, StringComparison.Ordinal);
        Assert.Equal(result["msg"]!.GetValue<string>(), problem);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(100_000_000, true)] // about 95 TB: more than this machine has
    public void The_backup_probe_says_whether_the_backup_directory_holds_the_dumps_with_the_figures(int minFreeMb, bool short_)
    {
        var cloud = new Cloud(fx, "keystone", "victoria");
        var backupDir = Path.Combine(cloud.Dir, "backups", "not-yet");
        var args = Connection(new JsonObject
        {
            ["action"] = "probe",
            ["services"] = new JsonArray("keystone"),
            ["config_files"] = new JsonObject { ["keystone"] = cloud.ConfigFile },
            ["state_dir"] = cloud.StateDir,
            ["backup_dir"] = backupDir,
            ["min_free_mb"] = minFreeMb,
            ["_ansible_module_name"] = "leapfrog.openstack.backup",
        });

        var (exit, result) = Run(args, "backup");

        Assert.True(exit == 0, result.ToJsonString());
        var bytes = result["bytes"]!.GetValue<long>();
        Assert.True(bytes > 0, result.ToJsonString());
        Assert.Equal((minFreeMb * 1048576L) + (2 * bytes), result["need_bytes"]!.GetValue<long>());
        // The free space as this machine's own filesystem reports it (the controller is this machine), within 5%.
        var free = result["free_bytes"]!.GetValue<long>();
        var drive = new DriveInfo(cloud.Dir).AvailableFreeSpace;
        Assert.InRange(free, drive * 0.95, drive * 1.05);
        var figures = $"{free / 1048576} MB free on ";
        var said = Assert.Single(short_ ? Strings(result["problems"]) : Strings(result["notes"]));
        Assert.StartsWith($"{backupDir}: {(short_ ? "only " : "")}{figures}", said, StringComparison.Ordinal);
        Assert.Contains($"the backups need about {((minFreeMb * 1048576L) + (2 * bytes)) / 1048576} MB (min_free_mb {minFreeMb} + twice the {bytes / 1048576} MB of the databases)", said, StringComparison.Ordinal);
        Assert.Empty(short_ ? Strings(result["notes"]) : Strings(result["problems"]));
        Assert.False(Directory.Exists(Path.Combine(cloud.Dir, "backups")), "the probe creates nothing");
    }

    private JsonObject UpgradeCheck(Cloud cloud, string at)
    {
        var args = Connection(new JsonObject
        {
            ["service"] = cloud.Service.Name,
            ["from_release"] = "newton",
            ["to_release"] = at,
            ["allow_unsupported"] = true,
            ["state_dir"] = Path.Combine(cloud.Dir, "empty-state"),
            ["config_file"] = cloud.ConfigFile,
            ["toolboxes"] = new JsonObject { [at] = new JsonObject { ["type"] = "venv", ["path"] = cloud.Toolbox(at).VenvPath } },
            ["check_only"] = true,
            ["upgrade_check"] = true,
        });
        return args;
    }

    private JsonObject PathCheck(Cloud cloud, string? lockStateDir)
    {
        var args = Connection(new JsonObject
        {
            ["service"] = cloud.Service.Name,
            ["from_release"] = "victoria",
            ["to_release"] = "wallaby",
            ["state_dir"] = Path.Combine(cloud.Dir, "empty-state"),
            ["config_file"] = cloud.ConfigFile,
            ["toolboxes"] = new JsonObject { ["wallaby"] = new JsonObject { ["type"] = "venv", ["path"] = cloud.Toolbox("wallaby").VenvPath } },
            ["check_only"] = true,
        });
        if (lockStateDir is not null)
        {
            args["lock_state_dir"] = lockStateDir;
        }

        return args;
    }

    private JsonObject Connection(JsonObject args)
    {
        args["host"] = fx.Ssh.Host;
        args["port"] = fx.Ssh.Port.ToString();
        args["private_key_file"] = fx.Ssh.ClientKeyPath;
        args["known_hosts_file"] = fx.Ssh.KnownHostsPath;
        args["_ansible_verbosity"] = 0;
        args["_ansible_module_name"] ??= "leapfrog.openstack.hop";
        return args;
    }

    private static List<FakeToolboxLogEntry> Runs(Cloud cloud, string tool) =>
        FakeToolboxLogEntry.ReadAll(cloud.ExecLog).Where(e => e.Tool == tool).ToList();

    private static List<string> Strings(JsonNode? list) => list!.AsArray().Select(s => s!.GetValue<string>()).ToList();

    private static (int Rc, JsonObject Result) Run(JsonObject args, string module = "hop")
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, args.ToJsonString());
        var result = Proc.Run(Repo.Module(module), [file], timeout: TimeSpan.FromMinutes(3));
        File.Delete(file);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, result.Stdout + result.Stderr);
        return (result.ExitCode, JsonNode.Parse(lines[0])!.AsObject());
    }
}
