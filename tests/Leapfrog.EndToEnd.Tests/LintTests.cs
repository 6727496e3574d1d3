using Leapfrog.Testing;

namespace Leapfrog.EndToEnd.Tests;

public sealed class LintTests
{
    [Fact]
    public void Ansible_lint_passes_over_the_roles_and_playbooks()
    {
        var collections = Path.Combine(Path.GetTempPath(), "lf-lint-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(collections, "ansible_collections", "leapfrog"));
        File.CreateSymbolicLink(Path.Combine(collections, "ansible_collections", "leapfrog", "openstack"), Repo.Root);
        try
        {
            var version = Proc.Run("ansible-lint", ["--version"]);
            var profile = Proc.Run("ansible-lint", ["--help"]).Stdout.Contains("--profile", StringComparison.Ordinal) ? new[] { "--profile", "production" } : [];
            var r = Proc.Run("ansible-lint", [.. profile, "--offline", "-p", "roles", "ansible/playbooks"],
                new Dictionary<string, string> { ["ANSIBLE_COLLECTIONS_PATH"] = collections, ["ANSIBLE_CONFIG"] = Repo.At("ansible", "ansible.cfg") },
                cwd: Repo.Root, timeout: TimeSpan.FromMinutes(10));
            Assert.True(r.ExitCode == 0, $"{version.Stdout.Trim()} {string.Join(' ', profile)}:\n{r.Stdout}\n{r.Stderr}");
        }
        finally
        {
            Directory.Delete(collections, recursive: true);
        }
    }

    [Fact]
    public void Yamllint_passes_over_the_roles_and_the_ansible_directory()
    {
        var r = Proc.Run("yamllint", ["-s", "-c", "ansible/.yamllint.yml", "roles", "ansible", "plugins/modules"], cwd: Repo.Root);
        Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
    }
}
