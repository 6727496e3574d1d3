using Leapfrog.Testing;

namespace Leapfrog.EndToEnd.Tests;

/// <summary>An inventory that names no migration host fails every playbook, instead of Ansible's warning and exit 0.</summary>
public sealed class NoHostTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lf-nohost-").FullName;

    public static TheoryData<string> Playbooks => new() { "leapfrog.yml", "preflight.yml", "hop.yml", "restore.yml" };

    [Theory]
    [MemberData(nameof(Playbooks))]
    public void A_playbook_fails_naming_the_group_when_no_host_matches(string playbook)
    {
        // A host outside the group: had the playbook reached it, it would be in the recap.
        var inventory = Path.Combine(_dir, "inventory.ini");
        File.WriteAllText(inventory, "[controllers]\ncontroller1 ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n");

        var r = Run(inventory, playbook, "-e", "service=keystone from_release=victoria to_release=wallaby leapfrog_preflight=false");

        Assert.True(r.ExitCode != 0, r.Stdout + r.Stderr);
        Assert.Contains("no host in the inventory matches 'leapfrog_migration_hosts'", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("-e leapfrog_hosts=PATTERN", r.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("controller1", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pattern_given_with_leapfrog_hosts_that_matches_nothing_is_named_in_the_failure()
    {
        var inventory = Path.Combine(_dir, "inventory.ini");
        File.WriteAllText(inventory, "[leapfrog_migration_hosts]\ncontroller1 ansible_connection=local\n");

        var r = Run(inventory, "preflight.yml", "-e", "leapfrog_hosts=controller9");

        Assert.True(r.ExitCode != 0, r.Stdout + r.Stderr);
        Assert.Contains("no host in the inventory matches 'controller9'", r.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("TASK [leapfrog.openstack.preflight", r.Stdout, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private ProcResult Run(string inventory, string playbook, params string[] extra) =>
        Proc.Run("ansible-playbook", ["-i", inventory, Repo.At("ansible", "playbooks", playbook), .. extra],
            new Dictionary<string, string>
            {
                ["ANSIBLE_CONFIG"] = Repo.At("ansible", "ansible.cfg"),
                ["ANSIBLE_COLLECTIONS_PATH"] = Playbook.CollectionsPath,
                ["ANSIBLE_NOCOLOR"] = "1",
                ["ANSIBLE_LOCAL_TEMP"] = Path.Combine(_dir, "tmp"),
            },
            cwd: _dir, timeout: TimeSpan.FromMinutes(5));
}
