using System.Text.Json.Nodes;
using Leapfrog.Real.Tests.Support;
using Leapfrog.Real.Tests.Support.Deployments;

namespace Leapfrog.Real.Tests;

/// <summary>
/// The operator's way: ansible-playbook ansible/playbooks/leapfrog.yml (the upgrade role) with chroot toolboxes,
/// reached over the test sshd, on keystone, glance, cinder and nova databases made by victoria's own tools.
/// </summary>
[Trait("tier", "real")]
public sealed class UpgradeRoleRealTests(ITestOutputHelper log)
{
    [Fact]
    public void The_upgrade_playbook_moves_four_services_from_victoria_via_zed_to_2025_1_then_cinder_and_nova_to_2026_1()
    {
        var cloud = RealCloud.Shared;
        Deployment[] all =
        [
            new KeystoneDeployment(cloud, log, "e2e_"), new GlanceDeployment(cloud, log, "e2e_"),
            new CinderDeployment(cloud, log, "e2e_"), new NovaDeployment(cloud, log, "e2e_"),
        ];
        foreach (var d in all)
        {
            d.Create();
            d.Chain().AssertCurrent(Suite.Bullseye, "after victoria created it");
        }

        var before = all.ToDictionary(d => d.Service, d => d.Rows());
        var dir = Path.Combine(cloud.Root, "e2e");
        Directory.CreateDirectory(dir);
        var inventory = AnsiblePlaybook.Inventory(dir, cloud);

        var first = Vars(dir, "first.yml", cloud, all, "victoria", "2025.1", ["zed"], new() { ["victoria"] = Suite.Bullseye, ["zed"] = Suite.Bookworm, ["2025.1"] = Suite.Trixie });
        // Preflight alone first, with victoria's toolbox too: the source release's own upgrade checks run, each the
        // catalog's status command. nova has none by default (its schema verdict is its green light): a catalog file
        // adds nova-status's, as docs/verified.md says an operator may.
        var novaCheck = Path.Combine(dir, "nova-status.yml");
        File.WriteAllText(novaCheck, """
            services:
              nova:
                steps:
                  - name: upgrade_check
                    kind: verify
                    since: stein
                    argv: [nova-status, --config-file, "{config_file}", upgrade, check]
                    exit_codes: { "0": ok, "1": warning, "2": error, "255": error }
            """);
        var pre = AnsiblePlaybook.Run(dir, inventory, first, "preflight.yml", "-e", "leapfrog_catalog_file=" + novaCheck);
        log.WriteLine($"ansible-playbook preflight.yml (victoria's upgrade checks on): exit {pre.ExitCode}, {pre.Seconds:0}s");
        foreach (var line in PreflightNotes(pre.Output).Concat(Problems(pre.Output)))
        {
            log.WriteLine($"  {line}");
        }

        // What victoria's real status tools said here (see docs/real-releases.md): nova's check fails (no placement
        // credentials in the test's nova.conf: a problem, the playbook stops); glance's crashes with rc 255, which
        // oslo.upgradecheck and the catalog call an error: a problem too, with the tool's own error line.
        Assert.NotEqual(0, pre.ExitCode);
        var problems = Problems(pre.Output);
        Assert.Contains(problems, p => p.StartsWith("nova-status upgrade check at victoria failed: Placement API: ", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("glance-status upgrade check at victoria failed: exited 255 (error): ", StringComparison.Ordinal)
                                       && p.Contains("TypeError", StringComparison.Ordinal));
        Assert.Equal(2, problems.Length);
        Assert.Contains("keystone-status upgrade check at victoria: success", PreflightNotes(pre.Output));

        // Preflight on in the upgrade (as an operator runs it), the source release's upgrade checks off:
        // it runs each path release's real tools for their versions in the chroots.
        var zedMarks = all.ToDictionary(d => d.Service, d => Witness.Runs(Suite.Bookworm, d.ConfigFile).Count);
        var epoxyMarks = all.ToDictionary(d => d.Service, d => Witness.Runs(Suite.Trixie, d.ConfigFile).Count);
        var reportDir = Path.Combine(dir, "report");
        var up = AnsiblePlaybook.Run(dir, inventory, first, "leapfrog.yml", "-e", "leapfrog_preflight_upgrade_check=false",
            "-e", "leapfrog_report_dir=" + reportDir);
        log.WriteLine($"ansible-playbook leapfrog.yml victoria -> zed -> 2025.1 (4 services, preflight on): exit {up.ExitCode}, changed={up.Changed}, failed={up.Failed}, {up.Seconds:0}s");
        Assert.True(up.ExitCode == 0 && up.Failed == 0, Tail(up.Output));
        // The playbook's report names every hop and service with the verdict each hop recorded (the releases' own tools
        // confirm the databases below).
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(reportDir, "report.json")))!;
        Assert.True(File.Exists(Path.Combine(reportDir, "report.html")));
        var reported = report["hops"]!.AsArray().Where(h => h!["from"]!.GetValue<string>() != h["to"]!.GetValue<string>())
            .SelectMany(h => h!["services"]!.AsArray().Select(x => $"{h["from"]} -> {h["to"]} {x!["service"]} verified={x["verified"]}"))
            .ToList();
        log.WriteLine("report: " + string.Join("; ", reported));
        foreach (var d in all)
        {
            Assert.Contains(reported, r => r.StartsWith("victoria -> zed ", StringComparison.Ordinal) && r.EndsWith($" {d.Service} verified=true", StringComparison.Ordinal));
            Assert.Contains(reported, r => r.StartsWith("zed -> ", StringComparison.Ordinal) && r.EndsWith($" {d.Service} verified=true", StringComparison.Ordinal));
        }

        var found = PreflightNotes(up.Output);
        foreach (var note in found)
        {
            log.WriteLine($"  preflight: {note}");
        }

        Assert.All(all, d => Assert.Contains(found, n => n.Contains($" {d.Service}: ", StringComparison.Ordinal) && n.Contains("2025.1", StringComparison.Ordinal)));
        // victoria's own online data migrations ran to completion with victoria's chroot before the first hop, recorded first in
        // the state file of each service that has them (cinder and nova: keystone and glance have no online data migrations,
        // so the role starts nothing for them and their first record is the hop to zed).
        Assert.Contains("Finish the start release's online data migrations", up.Output, StringComparison.Ordinal);
        foreach (var d in all)
        {
            var state = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "state", $"{d.Service}.json")))!;
            var firstHop = state["hops"]![0]!;
            var opening = (firstHop["from"]!.GetValue<string>(), firstHop["to"]!.GetValue<string>(), firstHop["outcome"]!.GetValue<string>());
            if (d.Service is "cinder" or "nova")
            {
                Assert.Equal(("victoria", "victoria", "done"), opening);
                Assert.Equal("zed", state["hops"]![1]!["to"]!.GetValue<string>());
                log.WriteLine($"  {d.Service} before the first hop: {string.Join(", ", firstHop["steps"]!.AsArray().Select(st => $"{st!["name"]} {st["outcome"]} runs {st["runs"]}"))}");
            }
            else
            {
                Assert.Equal(("victoria", "zed", "done"), opening);
            }
        }

        foreach (var d in all)
        {
            d.Chain().AssertCurrent(Suite.Trixie, "after the playbook's victoria -> zed -> 2025.1");
            d.Chain().AssertRanOnce(Suite.Bookworm, zedMarks[d.Service], "victoria -> zed (playbook)");
            d.Chain().AssertRanOnce(Suite.Trixie, epoxyMarks[d.Service], "zed -> 2025.1 (playbook)");
        }

        Deployment[] forky = [.. all.Where(d => Suite.Forky.ReleaseOf(d.Service) is { } r && r.StartsWith("2026.1", StringComparison.Ordinal))];
        Assert.Contains(forky, d => d.Service == "nova");
        var second = Vars(dir, "second.yml", cloud, forky, "2025.1", "2026.1", [], new() { ["2026.1"] = Suite.Forky });
        var forkyMarks = forky.ToDictionary(d => d.Service, d => Witness.Runs(Suite.Forky, d.ConfigFile).Count);
        var on = AnsiblePlaybook.Run(dir, inventory, second, "leapfrog.yml", "-e", "leapfrog_preflight=false");
        log.WriteLine($"ansible-playbook leapfrog.yml 2025.1 -> 2026.1 ({string.Join(", ", forky.Select(d => d.Service))}): exit {on.ExitCode}, changed={on.Changed}, failed={on.Failed}, {on.Seconds:0}s");
        Assert.True(on.ExitCode == 0 && on.Failed == 0, Tail(on.Output));
        foreach (var d in forky)
        {
            d.Chain().AssertCurrent(Suite.Forky, "after the playbook's 2025.1 -> 2026.1");
            d.Chain().AssertRanOnce(Suite.Forky, forkyMarks[d.Service], "2025.1 -> 2026.1 (playbook)");
            forkyMarks[d.Service] = Witness.Runs(Suite.Forky, d.ConfigFile).Count;
        }

        var again = AnsiblePlaybook.Run(dir, inventory, second, "leapfrog.yml", "-e", "leapfrog_preflight=false");
        log.WriteLine($"ansible-playbook rerun: exit {again.ExitCode}, changed={again.Changed}, {again.Seconds:0}s");
        Assert.True(again.ExitCode == 0 && again.Changed == 0, Tail(again.Output));
        Assert.All(forky, d => Assert.Equal(forkyMarks[d.Service], Witness.Runs(Suite.Forky, d.ConfigFile).Count)); // the rerun ran no tool

        foreach (var d in all)
        {
            Assert.Equal(before[d.Service], d.Rows());
            log.WriteLine($"rows kept: {before[d.Service].Count} {d.Service} rows ({d.RowsWhat})");
        }
    }

    private static string Vars(string dir, string name, RealCloud cloud, Deployment[] services, string from, string to, string[] via,
        Dictionary<string, Suite> toolboxes)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, $"""
            leapfrog_from_release: "{from}"
            leapfrog_to_release: "{to}"
            leapfrog_via: [{string.Join(", ", via.Select(v => $"\"{v}\""))}]
            leapfrog_allow_unsupported: true
            leapfrog_services: [{string.Join(", ", services.Select(d => d.Service))}]
            leapfrog_known_hosts_file: {cloud.Ssh.KnownHostsPath}
            leapfrog_host_key_checking: strict
            leapfrog_state_dir: {Path.Combine(dir, "state")}
            leapfrog_step_timeout: 1800
            leapfrog_backup: false
            leapfrog_config_files:
            {string.Join("\n", services.Select(d => $"  {d.Service}: {d.ConfigFile}"))}
            leapfrog_toolboxes:
            {string.Join("\n", toolboxes.Select(t => $"  \"{t.Key}\": {{type: chroot, path: {t.Value.Path}}}"))}
            """);
        return path;
    }

    /// <summary>The notes the preflight role's "Show what was found" task printed (one per line of its msg list).</summary>
    private static List<string> PreflightNotes(string output)
    {
        var start = output.IndexOf("Show what was found", StringComparison.Ordinal);
        Assert.True(start >= 0, "the preflight role did not run:\n" + Tail(output));
        var end = output.IndexOf("TASK [", start + 1, StringComparison.Ordinal);
        var block = output[start..(end < 0 ? output.Length : end)];
        return [.. block.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith('"') && !l.EndsWith('[')).Select(l => l.Trim('"', ','))];
    }

    /// <summary>The problems the preflight role failed with, one per entry.</summary>
    private static string[] Problems(string output) =>
        output.Split("preflight found ") is [_, var rest, ..] ? rest[(rest.IndexOf(':') + 1)..].Split('\n')[0].TrimEnd('}', '"').Split(" | ").Select(p => p.Trim()).ToArray() : [];

    private static string Tail(string s) => s.Length <= 8000 ? s : s[^8000..];
}
