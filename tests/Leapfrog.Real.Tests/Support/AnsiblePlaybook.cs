using System.Diagnostics;
using System.Text.RegularExpressions;
using Leapfrog.Testing;

namespace Leapfrog.Real.Tests.Support;

/// <summary>Runs Debian's ansible-playbook on a playbook of this checkout, with the checkout linked as leapfrog.openstack.</summary>
public static partial class AnsiblePlaybook
{
    /// <summary>
    /// ansible-playbook -i <paramref name="inventory"/> -e @<paramref name="vars"/> PLAYBOOK <paramref name="extra"/>; PLAYBOOK is
    /// ansible/playbooks/<paramref name="playbook"/>, or <paramref name="playbook"/> itself when it is an absolute path.
    /// </summary>
    /// <returns>Exit code, output, seconds, and the recap's changed and failed counts.</returns>
    public static (int ExitCode, string Output, double Seconds, int Changed, int Failed) Run(
        string workDir, string inventory, string vars, string playbook, params string[] extra)
    {
        var collections = Path.Combine(workDir, "collections");
        var ns = Path.Combine(collections, "ansible_collections", "leapfrog");
        Directory.CreateDirectory(ns);
        if (!Path.Exists(Path.Combine(ns, "openstack")))
        {
            File.CreateSymbolicLink(Path.Combine(ns, "openstack"), Repo.Root);
        }

        var env = new Dictionary<string, string>
        {
            ["ANSIBLE_CONFIG"] = Repo.At("ansible", "ansible.cfg"),
            ["ANSIBLE_COLLECTIONS_PATH"] = collections,
            ["ANSIBLE_NOCOLOR"] = "1",
            ["ANSIBLE_FORCE_COLOR"] = "0",
            ["ANSIBLE_LOCAL_TEMP"] = Path.Combine(workDir, "ansible-tmp"),
        };
        var clock = Stopwatch.StartNew();
        var r = Proc.Run("ansible-playbook", ["-i", inventory, "-e", "@" + vars, Path.IsPathRooted(playbook) ? playbook : Repo.At("ansible", "playbooks", playbook), .. extra],
            env, cwd: workDir, timeout: TimeSpan.FromMinutes(40));
        var output = r.Stdout + r.Stderr;
        // Every host's line of the PLAY RECAP, summed: localhost (the guard, the report) comes first and is not the controller.
        var recap = Recap().Matches(output);
        return (r.ExitCode, output, clock.Elapsed.TotalSeconds,
            recap.Count > 0 ? recap.Sum(m => int.Parse(m.Groups["changed"].Value)) : -1,
            recap.Count > 0 ? recap.Sum(m => int.Parse(m.Groups["failed"].Value)) : -1);
    }

    /// <summary>The inventory of one controller, the real tier's sshd, reached by Ansible's own ssh; written to <paramref name="dir"/>/inventory.yml.</summary>
    public static string Inventory(string dir, RealCloud cloud)
    {
        var path = Path.Combine(dir, "inventory.yml");
        File.WriteAllText(path, $"""
            leapfrog_migration_hosts:
              hosts:
                real-controller:
                  ansible_host: {cloud.Ssh.Host}
                  ansible_port: {cloud.Ssh.Port}
                  ansible_user: {cloud.Ssh.User}
                  ansible_ssh_private_key_file: {cloud.Ssh.ClientKeyPath}
                  ansible_ssh_common_args: -o UserKnownHostsFile={cloud.Ssh.KnownHostsPath} -o StrictHostKeyChecking=yes
                  ansible_python_interpreter: /usr/bin/python3
            """);
        return path;
    }

    [GeneratedRegex(@"changed=(?<changed>\d+)\s+unreachable=\d+\s+failed=(?<failed>\d+)")]
    private static partial Regex Recap();
}
