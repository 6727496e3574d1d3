using System.Text.Json;
using Leapfrog.Real.Tests.Support;
using Leapfrog.Testing;

namespace Leapfrog.Real.Tests;

/// <summary>The leapfrog.openstack.toolbox role on the real chroots: reuse, records, config binding, refusal.</summary>
[Trait("tier", "real")]
public sealed class ToolboxRoleRealTests(ITestOutputHelper log)
{
    [Fact]
    public void The_toolbox_role_reuses_the_chroots_records_what_the_tools_report_and_binds_the_config_read_only()
    {
        var cloud = RealCloud.Shared;
        var dir = Path.Combine(cloud.Root, "toolbox-role");
        var configDir = Path.Combine(dir, "etc-bound");
        Directory.CreateDirectory(configDir);
        File.WriteAllText(Path.Combine(configDir, "marker.conf"), "[DEFAULT]\n");
        var records = Path.Combine(dir, "records");
        var (inventory, playbook) = Files(dir);
        var vars = Path.Combine(dir, "vars.yml");
        File.WriteAllText(vars, $"""
            leapfrog_toolbox_releases: [victoria, zed, "2025.1", "2026.1"]
            leapfrog_run_from: controller
            leapfrog_toolbox_debian_root: {Suite.Cache}
            leapfrog_toolbox_record_dir: {records}
            leapfrog_toolbox_config_dirs: [{configDir}]
            """);
        try
        {
            var first = AnsiblePlaybook.Run(dir, inventory, vars, playbook);
            log.WriteLine($"toolbox role, first run: exit {first.ExitCode}, changed={first.Changed}, {first.Seconds:0}s");
            Assert.True(first.ExitCode == 0, first.Output);
            Assert.True(first.Changed > 0, "the first run records the toolboxes and binds the config");

            foreach (var suite in Suite.All)
            {
                var inside = suite.Path + configDir;
                Assert.True(File.Exists(Path.Combine(inside, "marker.conf")), $"{suite}: the config directory is visible at the same path");
                var write = Proc.Run("/usr/sbin/chroot", [suite.Path, "touch", Path.Combine(configDir, "written")]);
                Assert.NotEqual(0, write.ExitCode);
                Assert.Contains("Read-only", write.Stderr);
                foreach (var service in new[] { "keystone", "glance", "cinder", "nova" }.Where(s => suite.ReleaseOf(s) is not null))
                {
                    var release = Leapfrog.Core.Releases.ReleaseCatalog.Default.Find(suite.Release, "release");
                    var file = Path.Combine(records, suite.Release, $"{service}.json");
                    using var record = JsonDocument.Parse(File.ReadAllText(file));
                    var version = record.RootElement.GetProperty("version").GetString()!;
                    var expected = Leapfrog.Core.Catalog.ServiceCatalog.VersionFor(Leapfrog.Core.Catalog.ServiceCatalog.Default.Find(service),
                        Leapfrog.Core.Releases.ReleaseCatalog.Default.Find(suite.ReleaseOf(service), "release"))!;
                    Assert.Equal(expected.Split('.')[0], version.Split('.')[0]);
                    Assert.Equal(64, record.RootElement.GetProperty("checksum").GetString()!.Length);
                    Assert.Equal(suite.Path, record.RootElement.GetProperty("toolbox").GetProperty("path").GetString());
                    log.WriteLine($"record {release.Id} {service}: {version} in {suite.Path}{(suite.ReleaseOf(service) == release.Id ? "" : $" (really {suite.ReleaseOf(service)})")}");
                }
            }

            Assert.False(File.Exists(Path.Combine(records, "2026.1", "glance.json")), "forky carries no glance");

            var again = AnsiblePlaybook.Run(dir, inventory, vars, playbook);
            log.WriteLine($"toolbox role, second run: exit {again.ExitCode}, changed={again.Changed}, {again.Seconds:0}s");
            Assert.True(again.ExitCode == 0 && again.Changed == 0, again.Output);

            var refused = AnsiblePlaybook.Run(dir, inventory, vars, playbook, "-e", "{\"leapfrog_toolbox_releases\": [\"wallaby\"]}");
            Assert.NotEqual(0, refused.ExitCode);
            Assert.Contains("needs a suite in leapfrog_toolbox_debian_suites for each release (missing: wallaby)", refused.Output);
            Assert.False(Directory.Exists(Path.Combine(records, "wallaby")));
        }
        finally
        {
            foreach (var suite in Suite.All)
            {
                Proc.Bash("while mountpoint -q \"$D\"; do umount \"$D\" || break; done; rmdir \"$D\"",
                    new Dictionary<string, string> { ["D"] = suite.Path + configDir });
            }
        }
    }

    private static (string Inventory, string Playbook) Files(string dir)
    {
        var inventory = Path.Combine(dir, "inventory.yml");
        File.WriteAllText(inventory, "all:\n  hosts:\n    localhost:\n      ansible_connection: local\n      ansible_python_interpreter: /usr/bin/python3\n");
        var playbook = Path.Combine(dir, "toolbox.yml");
        File.WriteAllText(playbook, """
            - name: Build or reuse the toolboxes
              hosts: localhost
              gather_facts: false
              roles:
                - role: leapfrog.openstack.toolbox
            """);
        return (inventory, playbook);
    }
}
