using Leapfrog.Testing;

namespace Leapfrog.EndToEnd.Tests;

public sealed class GalaxyTests(ITestOutputHelper output)
{
    [Fact]
    public void The_built_collection_installs_into_a_temporary_path_and_its_playbook_runs_a_hop()
    {
        var tmp = Path.Combine(Path.GetTempPath(), "lf-galaxy-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(tmp);
        try
        {
            var build = Proc.Run("ansible-galaxy", ["collection", "build", "--force", "--output-path", tmp], cwd: Repo.Root, timeout: TimeSpan.FromMinutes(5));
            Assert.True(build.ExitCode == 0, build.Stdout + build.Stderr);
            var tarball = Directory.GetFiles(tmp, "leapfrog-openstack-*.tar.gz").Single();
            output.WriteLine($"{Path.GetFileName(tarball)}: {new FileInfo(tarball).Length / 1048576.0:0.0} MB");

            var installed = Path.Combine(tmp, "collections");
            var install = Proc.Run("ansible-galaxy", ["collection", "install", "--offline", "-p", installed, tarball], cwd: tmp, timeout: TimeSpan.FromMinutes(5));
            Assert.True(install.ExitCode == 0, install.Stdout + install.Stderr);
            var root = Path.Combine(installed, "ansible_collections", "leapfrog", "openstack");
            Assert.True(File.Exists(Path.Combine(root, "plugins", "modules", "hop.yml")));
            Assert.False(Directory.Exists(Path.Combine(root, "src")));
            Assert.True((File.GetUnixFileMode(Path.Combine(root, "plugins", "modules", "hop")) & UnixFileMode.UserExecute) != 0);

            var config = Path.Combine(tmp, "ansible.cfg");
            File.WriteAllText(config, "[defaults]\nretry_files_enabled = False\ninterpreter_python = auto_silent\n");
            var doc = Proc.Run("ansible-doc", ["leapfrog.openstack.hop"], new Dictionary<string, string> { ["ANSIBLE_COLLECTIONS_PATH"] = installed, ["ANSIBLE_CONFIG"] = config });
            Assert.True(doc.ExitCode == 0, doc.Stderr);
            Assert.Contains("check_toolbox_version", doc.Stdout, StringComparison.Ordinal);
            // The one Python module (ansible-test's own ansible-doc sanity test needs a package index, see SanityTests).
            var builderDoc = Proc.Run("ansible-doc", ["leapfrog.openstack.toolbox_build"], new Dictionary<string, string> { ["ANSIBLE_COLLECTIONS_PATH"] = installed, ["ANSIBLE_CONFIG"] = config });
            Assert.True(builderDoc.ExitCode == 0, builderDoc.Stderr);
            Assert.Contains("config_dirs", builderDoc.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("WARNING", builderDoc.Stderr, StringComparison.Ordinal);

            using var box = Sandbox.Up("victoria wallaby", "placement");
            var run = Playbook.RunWith(Path.Combine(root, "ansible", "playbooks", "hop.yml"), installed, box,
                ["-e", "service=placement", "-e", "from_release=victoria", "-e", "to_release=wallaby"], config);
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains(Path.Combine(installed, "ansible_collections", "leapfrog", "openstack", "roles", "upgrade"), run.Output, StringComparison.Ordinal);
            Assert.Equal("wallaby", box.ReleaseOf("placement"));
        }
        finally
        {
            Directory.Delete(tmp, recursive: true);
        }
    }
}
