using System.Text.Json.Nodes;
using Leapfrog.Real.Tests.Support;
using Leapfrog.Real.Tests.Support.Deployments;

namespace Leapfrog.Real.Tests;

/// <summary>
/// ansible/playbooks/rehearse.yml with the real releases' tools in their chroots: victoria -> zed -> 2025.1 for keystone,
/// glance, cinder and nova (three cells) on databases victoria's own tools made, on a scratch copy; production checked
/// untouched by the test (CHECKSUM TABLE, the chroots' own log of which config each tool read); then the real upgrade
/// with the same variables, and the predicted window printed beside the actual one (no timed assertion).
/// </summary>
[Trait("tier", "real")]
public sealed class RehearsalRealTests(ITestOutputHelper log)
{
    [Fact]
    public void A_rehearsal_of_victoria_to_2025_1_leaves_production_untouched_then_the_upgrade_runs_as_predicted()
    {
        var cloud = RealCloud.Shared;
        Deployment[] all =
        [
            new KeystoneDeployment(cloud, log, "rh_"), new GlanceDeployment(cloud, log, "rh_"),
            new CinderDeployment(cloud, log, "rh_"), new NovaDeployment(cloud, log, "rh_"),
        ];
        foreach (var d in all)
        {
            d.Create();
        }

        var dir = Path.Combine(cloud.Root, "rehearse");
        Directory.CreateDirectory(dir);
        var inventory = AnsiblePlaybook.Inventory(dir, cloud);
        var vars = Vars(dir, cloud, all);
        var scratch = Path.Combine(dir, "scratch");
        var record = Path.Combine(dir, "record.json");
        var suites = Rehearsal.Suites;
        var before = Checksums(cloud);
        var runs = all.ToDictionary(d => d.Service, d => suites.Sum(s => Witness.Runs(s, d.ConfigFile).Count));

        var rehearsal = Rehearsal.Run(dir, inventory, vars, scratch, record);
        log.WriteLine($"ansible-playbook rehearse.yml: exit {rehearsal.ExitCode}, {rehearsal.Seconds:0}s");
        Assert.True(rehearsal.ExitCode == 0, Tail(rehearsal.Output));
        var predicted = JsonNode.Parse(File.ReadAllText(record))!;
        Assert.Equal("passed", predicted["outcome"]!.GetValue<string>());
        Assert.True(predicted["copy"]!["cells_pointed"]!.GetValue<int>() >= 3, "nova's cell mappings in the copy were not all pointed at the copy");

        // Production: every table as it was, no state file, no tool given a production config; the copy's tools ran.
        Assert.Equal(before, Checksums(cloud));
        Assert.False(Directory.Exists(Path.Combine(dir, "state")) && Directory.EnumerateFiles(Path.Combine(dir, "state")).Any());
        Assert.All(all, d => Assert.Equal(runs[d.Service], suites.Sum(s => Witness.Runs(s, d.ConfigFile).Count)));
        Assert.All(all, d => Assert.NotEmpty(Witness.Runs(Suite.Trixie, $"{scratch}/overlays/{d.Service}.conf")));
        Assert.False(Directory.Exists(scratch));
        Assert.All(suites, s => Assert.False(Directory.Exists(s.Path + scratch)));
        foreach (var line in Summary(rehearsal.Output))
        {
            log.WriteLine($"  {line}");
        }

        // The real upgrade with the same variables, then predicted against actual.
        var up = AnsiblePlaybook.Run(dir, inventory, vars, "leapfrog.yml", "-e", "leapfrog_preflight=false");
        log.WriteLine($"ansible-playbook leapfrog.yml: exit {up.ExitCode}, {up.Seconds:0}s");
        Assert.True(up.ExitCode == 0, Tail(up.Output));
        foreach (var d in all)
        {
            d.Chain().AssertCurrent(Suite.Trixie, "after the upgrade that followed the rehearsal");
        }

        // Predicted against actual, per hop, as the record measures it (no timed assertion: scripts/bench prints the same figure).
        var actual = Rehearsal.Hops(Path.Combine(dir, "state"), all.Select(d => d.Service));
        foreach (var line in Rehearsal.Compare(predicted, actual))
        {
            log.WriteLine($"  {line}");
        }

        foreach (var d in predicted["window"]!["differences"]!.AsArray())
        {
            log.WriteLine($"  differs: {d}");
        }
    }

    private static string Checksums(RealCloud cloud)
    {
        var tables = cloud.Db.Query("SELECT CONCAT('`', table_schema, '`.`', table_name, '`') FROM information_schema.tables " +
                                    "WHERE table_schema LIKE 'rh\\_%' AND table_type = 'BASE TABLE' ORDER BY 1").Select(r => r[0]).ToList();
        Assert.NotEmpty(tables);
        return string.Join('\n', cloud.Db.Query($"CHECKSUM TABLE {string.Join(", ", tables)} EXTENDED").Select(r => string.Join('|', r)));
    }

    private static IEnumerable<string> Summary(string output)
    {
        var start = output.IndexOf("The prediction, for the change request", StringComparison.Ordinal);
        return start < 0 ? [] : output[start..].Split('\n').Skip(1).TakeWhile(l => !l.StartsWith("TASK", StringComparison.Ordinal)).Select(l => l.Trim().Trim('"', ','))
            .Where(l => l.Length > 3 && !l.EndsWith('[') && !l.StartsWith(']'));
    }

    private static string Vars(string dir, RealCloud cloud, Deployment[] services)
    {
        var path = Path.Combine(dir, "vars.yml");
        File.WriteAllText(path, $$"""
            leapfrog_from_release: "victoria"
            leapfrog_to_release: "2025.1"
            leapfrog_via: ["zed"]
            leapfrog_allow_unsupported: true
            leapfrog_services: [{{string.Join(", ", services.Select(d => d.Service))}}]
            leapfrog_known_hosts_file: {{cloud.Ssh.KnownHostsPath}}
            leapfrog_host_key_checking: strict
            leapfrog_state_dir: {{Path.Combine(dir, "state")}}
            leapfrog_step_timeout: 1800
            leapfrog_backup: false
            leapfrog_config_files:
            {{string.Join("\n", services.Select(d => $"  {d.Service}: {d.ConfigFile}"))}}
            leapfrog_toolboxes:
              "victoria": {type: chroot, path: {{Suite.Bullseye.Path}}}
              "zed": {type: chroot, path: {{Suite.Bookworm.Path}}}
              "2025.1": {type: chroot, path: {{Suite.Trixie.Path}}}
            """);
        return path;
    }

    private static string Tail(string s) => s.Length <= 8000 ? s : s[^8000..];
}
