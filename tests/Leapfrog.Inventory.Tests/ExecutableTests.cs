using System.Text.Json.Nodes;
using Leapfrog.Inventory.Tests.Support;
using Xunit.Abstractions;

namespace Leapfrog.Inventory.Tests;

/// <summary>The published Native AOT executable, run as Ansible runs it.</summary>
public class ExecutableTests(ITestOutputHelper output)
{
    private static RunResult Exe(IDictionary<string, string> env, params string[] args) =>
        Run.Process(InventoryExe.Path, args, env);

    private static Dictionary<string, string> Osa(string file) => new() { ["LEAPFROG_OSA_INVENTORY"] = file };

    private static Dictionary<string, string> Config(string file) => new() { ["LEAPFROG_INVENTORY_CONFIG"] = file };

    [Fact]
    public void It_publishes_without_warnings_and_stays_small()
    {
        if (InventoryExe.PublishLog is { } log)
        {
            Assert.DoesNotContain("warning", log, StringComparison.OrdinalIgnoreCase);
        }

        var size = new FileInfo(InventoryExe.Path).Length;
        output.WriteLine($"leapfrog-inventory: {size / 1024.0 / 1024.0:F1} MB");
        Assert.True(size <= 12L * 1024 * 1024, $"{size} bytes");
    }

    [Fact]
    public void List_prints_one_host_per_service_and_nothing_on_stderr()
    {
        var result = Exe(Osa(Paths.Osa(Paths.NewVintage)), "--list");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        var list = JsonNode.Parse(result.Stdout)!.AsObject();
        foreach (var service in new[] { "keystone", "glance", "cinder", "placement", "nova", "neutron" })
        {
            Assert.StartsWith($"infra1-{(service is "cinder" or "nova" ? service + "-api" : service is "neutron" ? "neutron-server" : service)}-container-", Inv.OnlyHost(list, service));
        }
    }

    [Fact]
    public void Two_runs_print_identical_bytes()
    {
        var first = Exe(Osa(Paths.Osa(Paths.OldVintage)), "--list");
        var second = Exe(Osa(Paths.Osa(Paths.OldVintage)), "--list");
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(first.Stdout, second.Stdout);
    }

    [Fact]
    public void Host_prints_the_vars_of_one_host()
    {
        var env = Config(Paths.Plain("two-controllers.yml"));
        var list = JsonNode.Parse(Exe(env, "--list").Stdout)!.AsObject();
        var host = Exe(env, "--host", "ctl2");

        Assert.Equal(0, host.ExitCode);
        Assert.True(JsonNode.DeepEquals(Inv.Vars(list, "ctl2"), JsonNode.Parse(host.Stdout)));
    }

    [Fact]
    public void A_config_beside_the_executable_is_found_without_variables()
    {
        using var dir = new TempDir();
        var exe = Path.Combine(dir.Path, "leapfrog");
        File.Copy(InventoryExe.Path, exe);
        File.Copy(Paths.Plain("two-controllers.yml"), Path.Combine(dir.Path, "leapfrog-inventory.cfg"));

        var result = Run.Process(exe, ["--list"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("ctl2", Inv.OnlyHost(JsonNode.Parse(result.Stdout)!.AsObject(), "nova"));
    }

    [Theory]
    [InlineData("missing-osa", 1, "LEAPFROG_OSA_INVENTORY=/nonexistent/openstack_inventory.json: no such file")]
    [InlineData("bad-json", 1, "bad.json: not valid JSON (line 3, byte 1)")]
    [InlineData("bad-yaml", 1, "bad.yml line 3: not valid YAML (While parsing a flow sequence")]
    [InlineData("unknown-service", 1, "unknown.yml line 1: controllers[0].services[1]: 'trove' is not a known service")]
    [InlineData("empty-group", 1, "service heat: OSA group heat_api / heat_all has no hosts")]
    [InlineData("unknown-host", 1, "--host: 'nobody' is not a host of this inventory; hosts: ctl1, ctl2")]
    [InlineData("usage", 2, "leapfrog-inventory: give --list or --host NAME")]
    public void Errors_print_one_line_on_stderr_nothing_on_stdout_and_exit_non_zero(string @case, int code, string expected)
    {
        using var dir = new TempDir();
        var bad = Malformed.Write(dir, @case);

        var result = Exe(bad.Env, bad.Args);

        Assert.Equal(code, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.StartsWith("leapfrog-inventory: ", result.Stderr);
        Assert.Contains(expected, result.Stderr);
        Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void List_of_large_OSA_inventories_names_one_migration_host_per_service()
    {
        // How fast: scripts/bench prints --list's median on these sizes against its target.
        using var dir = new TempDir();
        foreach (var (infra, computes) in new[] { (3, 97), (5, 1995) })
        {
            var file = OsaGenerator.Write(dir.Path, "new", infra, computes);
            var result = Exe(Osa(file), "--list");
            Assert.Equal(0, result.ExitCode);
            using var doc = System.Text.Json.JsonDocument.Parse(result.Stdout);
            var groups = doc.RootElement.EnumerateObject().Where(p => p.Name.StartsWith("leapfrog_", StringComparison.Ordinal) && p.Name != "leapfrog_migration_hosts" && p.Value.TryGetProperty("hosts", out _)).ToList();
            Assert.NotEmpty(groups);
            Assert.All(groups, g => Assert.Single(g.Value.GetProperty("hosts").EnumerateArray()));
            output.WriteLine($"--list on {infra + computes} physical hosts ({new FileInfo(file).Length / 1024} KiB): {groups.Count} service groups");
        }
    }
}
