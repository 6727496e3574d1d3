using Leapfrog.Real.Tests.Support;
using Leapfrog.Real.Tests.Support.Deployments;
using Leapfrog.Testing;

namespace Leapfrog.Real.Tests;

/// <summary>
/// Preflight checks the config file where the chroot's tools read it: a keystone whose config lies only inside the
/// chroots, and one whose config directory is bound into zed's chroot from the host, both pass preflight and hop
/// victoria -> zed -> 2025.1 with the upgrade playbook (the chroots are those releases'; no chroot carries the releases
/// between victoria and zed, so the plan goes through zed as the upgrade role's real test does).
/// </summary>
[Trait("tier", "real")]
public sealed class PreflightChrootRealTests(ITestOutputHelper log)
{
    [Fact]
    public void Preflight_passes_with_the_config_only_inside_the_chroots_and_with_it_bound_from_the_host_and_the_hop_runs()
    {
        var cloud = RealCloud.Shared;
        var inside = new KeystoneDeployment(cloud, log, "pfin_");
        inside.Create();
        File.Delete(inside.ConfigFile); // only the chroots' copies are left
        Assert.True(File.Exists(Suite.Bookworm.Path + inside.ConfigFile));
        Upgrade(cloud, inside, "inside");

        var bound = new KeystoneDeployment(cloud, log, "pfbind_");
        bound.Create();
        var dir = Path.GetDirectoryName(bound.ConfigFile)!;
        var target = Suite.Bookworm.Path + dir;
        File.Delete(Suite.Bookworm.Path + bound.ConfigFile); // zed's chroot sees the host's file only through the bind
        var mounted = Proc.Bash("mount --bind \"$S\" \"$D\" && mount -o remount,bind,ro \"$D\"", new Dictionary<string, string> { ["S"] = dir, ["D"] = target });
        Assert.True(mounted.ExitCode == 0, mounted.ToString());
        try
        {
            Upgrade(cloud, bound, "bound");
        }
        finally
        {
            Proc.Bash("while mountpoint -q \"$D\"; do umount \"$D\" || break; done", new Dictionary<string, string> { ["D"] = target });
        }
    }

    private void Upgrade(RealCloud cloud, KeystoneDeployment d, string name)
    {
        var dir = Path.Combine(cloud.Root, "pf-" + name);
        Directory.CreateDirectory(dir);
        var inventory = AnsiblePlaybook.Inventory(dir, cloud);
        var vars = Path.Combine(dir, "vars.yml");
        File.WriteAllText(vars, $"""
            leapfrog_from_release: victoria
            leapfrog_to_release: "2025.1"
            leapfrog_via: [zed]
            leapfrog_allow_unsupported: true
            leapfrog_services: [keystone]
            leapfrog_known_hosts_file: {cloud.Ssh.KnownHostsPath}
            leapfrog_host_key_checking: strict
            leapfrog_state_dir: {Path.Combine(dir, "state")}
            leapfrog_step_timeout: 1800
            leapfrog_backup: false
            leapfrog_preflight_upgrade_check: false
            leapfrog_config_files:
              keystone: {d.ConfigFile}
            leapfrog_toolboxes:
              victoria:
                type: chroot
                path: {Suite.Bullseye.Path}
              zed:
                type: chroot
                path: {Suite.Bookworm.Path}
              "2025.1":
                type: chroot
                path: {Suite.Trixie.Path}
            """);

        var pre = AnsiblePlaybook.Run(dir, inventory, vars, "preflight.yml");
        log.WriteLine($"preflight.yml, config {name}: exit {pre.ExitCode}, {pre.Seconds:0}s");
        Assert.True(pre.ExitCode == 0, Tail(pre.Output));
        Assert.Contains("zed keystone: toolbox reports 22.", pre.Output, StringComparison.Ordinal);

        var marks = Witness.Runs(Suite.Bookworm, d.ConfigFile).Count;
        var epoxyMarks = Witness.Runs(Suite.Trixie, d.ConfigFile).Count;
        var up = AnsiblePlaybook.Run(dir, inventory, vars, "leapfrog.yml");
        log.WriteLine($"leapfrog.yml victoria -> zed -> 2025.1, config {name}: exit {up.ExitCode}, changed={up.Changed}, {up.Seconds:0}s");
        Assert.True(up.ExitCode == 0 && up.Failed == 0, Tail(up.Output));
        d.Chain().AssertCurrent(Suite.Trixie, $"after the playbook, config {name}");
        d.Chain().AssertRanOnce(Suite.Bookworm, marks, $"victoria -> zed, config {name}");
        d.Chain().AssertRanOnce(Suite.Trixie, epoxyMarks, $"zed -> 2025.1, config {name}");
    }

    private static string Tail(string s) => s.Length <= 8000 ? s : s[^8000..];
}
