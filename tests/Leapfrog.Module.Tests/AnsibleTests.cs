using System.Text.Json.Nodes;
using Leapfrog.Testing;

namespace Leapfrog.Module.Tests;

/// <summary>The collection as Debian's ansible-core sees it: built, installed, documented and run.</summary>
public sealed class AnsibleTests : IClassFixture<InstalledCollection>
{
    private readonly InstalledCollection _collection;

    public AnsibleTests(InstalledCollection collection) => _collection = collection;

    [Fact]
    public void The_plan_module_runs_ad_hoc_from_the_installed_collection()
    {
        var result = _collection.Ansible("ansible", "localhost", "-m", "leapfrog.openstack.plan", "-a", "from_release=victoria to_release=2025.1 policy=strict", "-o");

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Contains("SUCCESS", result.Stdout);
        Assert.Contains("victoria -> 2025.1-epoxy: 7 hops (strict)", result.Stdout);
    }

    [Fact]
    public void A_bad_request_fails_the_task_with_the_modules_message()
    {
        var result = _collection.Ansible("ansible", "localhost", "-m", "leapfrog.openstack.plan", "-a", "from_release=2025.1 to_release=victoria", "-o");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("FAILED", result.Stdout);
        Assert.Contains("goes backwards", result.Stdout);
        Assert.DoesNotContain("MODULE FAILURE", result.Stdout);
    }

    [Fact]
    public void Check_mode_is_honoured_by_the_plan_module()
    {
        var result = _collection.Ansible("ansible", "localhost", "-m", "leapfrog.openstack.plan", "-a", "from_release=zed to_release=2024.1", "--check", "-o");

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Contains("\"changed\": false", result.Stdout);
    }

    [Theory]
    [InlineData("leapfrog.openstack.plan", "Turns \"from release N to release M\" into the chain of hops")]
    [InlineData("leapfrog.openstack.hop", "known_hosts_file")]
    [InlineData("leapfrog.openstack.backup", "backup_dir")]
    public void The_sidecar_docs_render_with_ansible_doc(string module, string expected)
    {
        var result = _collection.Ansible("ansible-doc", module);

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Contains(expected, result.Stdout);
    }

    [Fact]
    public void The_built_collection_holds_the_binaries_and_no_sources()
    {
        var listing = Proc.Run("tar", ["-tzf", _collection.Tarball]);

        Assert.Contains("plugins/modules/plan", listing.Stdout);
        Assert.Contains("plugins/modules/plan.yml", listing.Stdout);
        Assert.Contains("meta/runtime.yml", listing.Stdout);
        Assert.DoesNotContain("src/", listing.Stdout);
        Assert.DoesNotContain("tests/", listing.Stdout);
        var installed = Path.Combine(_collection.Path, "ansible_collections", "leapfrog", "openstack", "plugins", "modules", "plan");
        Assert.True((File.GetUnixFileMode(installed) & UnixFileMode.UserExecute) != 0, "plan keeps its exec bit");
    }
}

/// <summary>The collection built with ansible-galaxy from this checkout and installed into a temporary path.</summary>
public sealed class InstalledCollection : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("lf-galaxy-");

    public InstalledCollection()
    {
        var build = Proc.Run("ansible-galaxy", ["collection", "build", Repo.Root, "--output-path", _dir.FullName, "--force"]);
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException("ansible-galaxy collection build failed: " + build.Stdout + build.Stderr);
        }

        Tarball = Directory.GetFiles(_dir.FullName, "leapfrog-openstack-*.tar.gz").Single();
        Path = System.IO.Path.Combine(_dir.FullName, "installed");
        File.WriteAllText(System.IO.Path.Combine(_dir.FullName, "ansible.cfg"), "[defaults]\n");
        var install = Proc.Run("ansible-galaxy", ["collection", "install", Tarball, "-p", Path, "--force"]);
        if (install.ExitCode != 0)
        {
            throw new InvalidOperationException("ansible-galaxy collection install failed: " + install.Stdout + install.Stderr);
        }
    }

    public string Tarball { get; }

    public string Path { get; }

    /// <summary>Runs an ansible command that sees only the installed collection.</summary>
    public ProcResult Ansible(string command, params string[] args) =>
        Proc.Run(command, args, new Dictionary<string, string>
        {
            ["ANSIBLE_COLLECTIONS_PATH"] = Path,
            ["ANSIBLE_CONFIG"] = System.IO.Path.Combine(_dir.FullName, "ansible.cfg"),
            ["ANSIBLE_LOCALHOST_WARNING"] = "false",
            ["ANSIBLE_INVENTORY_UNPARSED_WARNING"] = "false",
            ["ANSIBLE_NOCOLOR"] = "1",
        }, cwd: _dir.FullName);

    public void Dispose() => _dir.Delete(recursive: true);
}
