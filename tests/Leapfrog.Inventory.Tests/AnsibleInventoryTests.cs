using System.Diagnostics;
using System.Text.Json.Nodes;
using Leapfrog.Inventory.Tests.Support;
using Xunit.Abstractions;

namespace Leapfrog.Inventory.Tests;

/// <summary>Debian's ansible-core reading the executable as a script inventory.</summary>
public class AnsibleInventoryTests(ITestOutputHelper output)
{
    private static readonly string[] Services = ["keystone", "glance", "cinder", "placement", "nova", "neutron"];

    private static RunResult Ansible(string source, Dictionary<string, string> env, params string[] args)
    {
        Assert.True(File.Exists("/usr/bin/ansible-inventory"), "ansible-inventory is missing: apt-get install -y ansible-core");
        return Run.Process("/usr/bin/ansible-inventory", ["-i", source, .. args], env);
    }

    private static Dictionary<string, string> Osa(string file) => new() { ["LEAPFROG_OSA_INVENTORY"] = file, ["ANSIBLE_INVENTORY_UNPARSED_FAILED"] = "1" };

    [Fact]
    public void Ansible_lists_one_migration_host_per_service_with_ssh_target_and_toolboxes()
    {
        var result = Ansible(InventoryExe.Path, Osa(Paths.Osa(Paths.MidVintage)), "--list");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.DoesNotContain("WARNING", result.Stderr);
        var list = JsonNode.Parse(result.Stdout)!.AsObject();
        var osa = Fixture.Load(Paths.Osa(Paths.MidVintage));
        Assert.Contains("leapfrog_migration_hosts", list["all"]!["children"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(Services.Select(s => "leapfrog_" + s).Append("leapfrog_heat").Order(), list["leapfrog_migration_hosts"]!["children"]!.AsArray().Select(n => n!.GetValue<string>()).Order());
        foreach (var service in Services)
        {
            var host = Inv.OnlyHost(list, service);
            Assert.StartsWith("infra1_", host);
            var vars = Inv.Vars(list, host);
            Assert.Equal(osa.HostVar(host, "management_address"), vars["ansible_host"]!.GetValue<string>());
            Assert.Equal(22, vars["ansible_port"]!.GetValue<int>());
            Assert.Equal("root", vars["ansible_user"]!.GetValue<string>());
            Assert.Equal("infra1", vars["physical_host"]!.GetValue<string>());
            Assert.StartsWith($"/openstack/venvs/{service}-", vars["leapfrog_toolboxes"]!["2024.1-caracal"]![service]!["path"]!.GetValue<string>());
        }
    }

    [Fact]
    public void Ansible_gives_each_service_of_an_osa_generated_inventory_the_venv_pattern_osa_builds()
    {
        var result = Ansible(InventoryExe.Path, Osa(Paths.Generated), "--host", "infra1-cinder-api-container-f365ff47");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.DoesNotContain("WARNING", result.Stderr);
        var vars = JsonNode.Parse(result.Stdout)!.AsObject();
        Assert.Equal("172.29.236.121", vars["ansible_host"]!.GetValue<string>());
        Assert.Equal(["cinder"], vars["leapfrog_services"]!.AsArray().Select(n => n!.GetValue<string>()));
        var toolboxes = vars["leapfrog_toolboxes"]!;
        Assert.Equal("/openstack/venvs/cinder-26.*", toolboxes["zed"]!["cinder"]!["path"]!.GetValue<string>());
        Assert.Equal("/openstack/venvs/cinder-31.*", toolboxes["2025.1-epoxy"]!["cinder"]!["path"]!.GetValue<string>());
    }

    [Fact]
    public void Ansible_graph_shows_the_groups_under_the_parent()
    {
        var result = Ansible(InventoryExe.Path, Osa(Paths.Osa(Paths.Metal)), "--graph");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var lines = result.Stdout.Split('\n');
        var parent = Array.IndexOf(lines, "  |--@leapfrog_migration_hosts:");
        Assert.True(parent > 0, result.Stdout);
        foreach (var service in Services)
        {
            var group = Array.IndexOf(lines, $"  |  |--@leapfrog_{service}:");
            Assert.True(group > parent, result.Stdout);
            Assert.Equal("  |  |  |--infra1", lines[group + 1]);
        }

        Assert.DoesNotContain("leapfrog_heat", result.Stdout);
    }

    [Fact]
    public void Ansible_sees_the_same_inventory_on_every_run()
    {
        var first = Ansible(InventoryExe.Path, Osa(Paths.Osa(Paths.NewVintage)), "--list");
        var second = Ansible(InventoryExe.Path, Osa(Paths.Osa(Paths.NewVintage)), "--list");
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(first.Stdout, second.Stdout);
    }

    [Theory]
    [InlineData("missing-osa")]
    [InlineData("bad-json")]
    [InlineData("bad-yaml")]
    [InlineData("unknown-service")]
    [InlineData("empty-group")]
    public void With_unparsed_failed_a_bad_input_fails_ansible_with_our_message(string @case)
    {
        using var dir = new TempDir();
        var bad = Malformed.Write(dir, @case);

        var lenient = Ansible(InventoryExe.Path, bad.Env, "--list");
        bad.Env["ANSIBLE_INVENTORY_UNPARSED_FAILED"] = "1";
        var strict = Ansible(InventoryExe.Path, bad.Env, "--list");

        // Without the setting Ansible only warns and carries on (its ini plugin even reads junk hosts from the ELF file).
        Assert.Equal(0, lenient.ExitCode);
        Assert.Contains("Unable to parse", lenient.Stderr);
        Assert.DoesNotContain("leapfrog_", lenient.Stdout);
        Assert.NotEqual(0, strict.ExitCode);
        Assert.Equal("", strict.Stdout);
        var message = Malformed.Expected(@case);
        Assert.Contains("had an execution error: leapfrog-inventory: ", OneLine(strict.Stderr));
        Assert.Contains(message, OneLine(strict.Stderr));
    }

    private static string OneLine(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");

    [Fact]
    public void A_config_file_in_the_inventory_directory_is_not_read_as_an_inventory_source()
    {
        using var dir = new TempDir();
        var inventory = Directory.CreateDirectory(Path.Combine(dir.Path, "inventory")).FullName;
        File.Copy(InventoryExe.Path, Path.Combine(inventory, "leapfrog"));
        File.Copy(Paths.Plain("two-controllers.yml"), Path.Combine(inventory, "leapfrog-inventory.cfg"));
        var env = new Dictionary<string, string> { ["ANSIBLE_INVENTORY_UNPARSED_FAILED"] = "1" };

        var result = Ansible(inventory, env, "--list");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal("", result.Stderr);
        var list = JsonNode.Parse(result.Stdout)!.AsObject();
        Assert.Equal(["_meta", "all", "leapfrog_cinder", "leapfrog_glance", "leapfrog_keystone", "leapfrog_migration_hosts", "leapfrog_neutron", "leapfrog_nova", "leapfrog_placement"], list.Select(kv => kv.Key).Order(StringComparer.Ordinal));
        Assert.Equal(["ctl1", "ctl2"], list["_meta"]!["hostvars"]!.AsObject().Select(kv => kv.Key).Order(StringComparer.Ordinal));

        // The control: the same YAML under a name Ansible does read turns its keys into bogus groups.
        File.Copy(Paths.Plain("two-controllers.yml"), Path.Combine(inventory, "leapfrog.yml"));
        var mistaken = Ansible(inventory, env, "--graph");
        Assert.Contains("@toolboxes", mistaken.Stdout);
    }

    [Fact]
    public void Ansible_list_time_on_a_large_inventory()
    {
        using var dir = new TempDir();
        var file = OsaGenerator.Write(dir.Path, "new", 5, 1995);
        var times = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            var result = Ansible(InventoryExe.Path, Osa(file), "--list");
            times.Add(watch.Elapsed.TotalMilliseconds);
            Assert.True(result.ExitCode == 0, result.Stderr);
        }

        output.WriteLine($"ansible-inventory --list through the executable, 2000 physical hosts: median {times.Order().ElementAt(1):F0} ms of 3 runs");
    }
}
