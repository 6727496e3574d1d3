using System.Text.RegularExpressions;
using Leapfrog.Testing;

namespace Leapfrog.EndToEnd.Tests;

/// <summary>The upgrade role driven by the dynamic inventory alone: no hand-written inventory, no toolboxes in the vars.</summary>
public sealed class InventoryPlaybookTests(ITestOutputHelper output)
{
    [Fact]
    public void The_upgrade_runs_through_the_dynamic_inventory_with_no_hand_written_inventory()
    {
        using var box = Sandbox.Up("victoria wallaby xena", "keystone glance nova");
        var port = Regex.Match(File.ReadAllText(box.Inventory), @"ansible_port: (\d+)").Groups[1].Value;
        var config = Path.Combine(box.Dir, "leapfrog-inventory.yml");
        File.WriteAllText(config, $"""
            controllers:
              - name: controller-a
                address: 127.0.0.1
                port: {port}
                user: root
                private_key_file: {box.Dir}/ssh/client_ed25519
                services: [keystone, glance, nova]
            releases: [victoria, wallaby, xena]
            toolboxes:
              all: {"{"}type: venv, path: '{box.Dir}/venvs/{"{service}-{version}"}'{"}"}
            """);
        // The sandbox's vars without what the inventory now supplies (toolboxes, services).
        var vars = Path.Combine(box.Dir, "vars-without-toolboxes.yml");
        File.WriteAllLines(vars, File.ReadAllLines(box.Vars)
            .Where(l => !l.StartsWith("leapfrog_services", StringComparison.Ordinal))
            .TakeWhile(l => !l.StartsWith("leapfrog_toolboxes", StringComparison.Ordinal))
            .Append("leapfrog_to_release: xena"));
        var env = new Dictionary<string, string>
        {
            ["LEAPFROG_INVENTORY_CONFIG"] = config,
            ["ANSIBLE_INVENTORY_UNPARSED_FAILED"] = "1",
            ["ANSIBLE_SSH_COMMON_ARGS"] = $"-o UserKnownHostsFile={box.Dir}/ssh/known_hosts -o StrictHostKeyChecking=yes",
        };

        var graph = Proc.Run("ansible-inventory", ["-i", Repo.Inventory, "--graph"], env);
        Assert.True(graph.ExitCode == 0, graph.Stdout + graph.Stderr);
        Assert.Contains("@leapfrog_nova:", graph.Stdout);
        Assert.Contains("controller-a", graph.Stdout);

        env["ANSIBLE_CONFIG"] = Repo.At("ansible", "ansible.cfg");
        env["ANSIBLE_COLLECTIONS_PATH"] = Playbook.CollectionsPath;
        env["ANSIBLE_NOCOLOR"] = "1";
        var started = DateTime.UtcNow;
        var result = Proc.Run("ansible-playbook", ["-i", Repo.Inventory, "-e", "@" + vars, Repo.At("ansible", "playbooks", "leapfrog.yml")],
            env, cwd: box.Dir, timeout: TimeSpan.FromMinutes(20));
        var run = new PlaybookRun(result.ExitCode, result.Stdout + result.Stderr, DateTime.UtcNow - started);
        output.WriteLine($"victoria -> xena through the dynamic inventory: {run.Elapsed.TotalSeconds:0.0} s");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("xena", box.ReleaseOf("keystone"));
        Assert.Equal("xena", box.ReleaseOf("glance"));
        Assert.Equal("xena", box.ReleaseOf("nova"));
        Assert.Null(box.ReleaseOf("cinder"));
    }
}
