using System.Text.Json;
using Leapfrog.Testing;

namespace Leapfrog.EndToEnd.Tests;

/// <summary>
/// The leapfrog.openstack.toolbox role, venv type, on this machine: each release's tools and version command come from
/// the catalog (the plan module's query catalog), not from the builder. The packages are small wheels made here, with
/// console scripts that print what they are, so the records show which command answered.
/// </summary>
public sealed class ToolboxRoleTests
{
    [Fact]
    public void The_toolbox_role_checks_each_release_with_the_catalogs_version_command_and_skips_a_service_without_tools()
    {
        var dir = Directory.CreateTempSubdirectory("lf-toolbox-").FullName;
        try
        {
            var wheels = Path.Combine(dir, "wheels");
            // neutron's catalog version command reads neutron.version; its neutron-db-manage --version says another
            // version, so a record of 21.0.0 can only come from the catalog's command.
            MakeWheels(wheels, ("keystone", "14.0.0"), ("neutron", "13.0.0"), ("keystone", "22.0.0"), ("neutron", "21.0.0"), ("placement", "8.0.0"));
            var records = Path.Combine(dir, "records");
            var vars = Path.Combine(dir, "vars.yml");
            // No placement requirement for rocky: placement has no tools before stein, so the role must not ask for one.
            File.WriteAllText(vars, $$"""
                leapfrog_toolbox_type: venv
                leapfrog_run_from: controller
                leapfrog_toolbox_releases: [rocky, zed]
                leapfrog_toolbox_services: [keystone, neutron, placement]
                leapfrog_toolbox_record_dir: {{records}}
                leapfrog_toolbox_venv_root: {{dir}}/venvs
                leapfrog_toolbox_venv_wheel_dir: {{wheels}}
                leapfrog_toolbox_venv_extra_packages: []
                leapfrog_toolbox_venv_requirements:
                  rocky: {keystone: "keystone==14.0.0", neutron: "neutron==13.0.0"}
                  zed: {keystone: "keystone==22.0.0", neutron: "neutron==21.0.0", placement: "placement==8.0.0"}
                """);

            var first = Run(dir, vars);
            Assert.True(first.ExitCode == 0, first.Stdout + first.Stderr);
            Assert.Equal("21.0.0", Record(records, "zed", "neutron").GetProperty("version").GetString());
            Assert.Equal("13.0.0", Record(records, "rocky", "neutron").GetProperty("version").GetString());
            Assert.Equal("neutron-db-manage", Record(records, "zed", "neutron").GetProperty("tool").GetString());
            Assert.Equal("22.0.0", Record(records, "zed", "keystone").GetProperty("version").GetString());
            Assert.Equal("8.0.0", Record(records, "zed", "placement").GetProperty("version").GetString());
            Assert.Equal(Path.Combine(dir, "venvs", "keystone-14.0.0"),
                Record(records, "rocky", "keystone").GetProperty("toolbox").GetProperty("path").GetString());
            Assert.False(File.Exists(Path.Combine(records, "rocky", "placement.json")));
            Assert.Equal(["keystone-14.0.0", "keystone-22.0.0", "neutron-13.0.0", "neutron-21.0.0", "placement-8.0.0"],
                Directory.GetDirectories(Path.Combine(dir, "venvs")).Select(Path.GetFileName).Order());

            var again = Run(dir, vars);
            Assert.True(again.ExitCode == 0, again.Stdout + again.Stderr);
            Assert.Contains("changed=0", again.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static ProcResult Run(string dir, string vars)
    {
        var inventory = Path.Combine(dir, "inventory.yml");
        File.WriteAllText(inventory, "all:\n  hosts:\n    localhost:\n      ansible_connection: local\n      ansible_python_interpreter: /usr/bin/python3\n");
        var playbook = Path.Combine(dir, "toolbox.yml");
        File.WriteAllText(playbook, "- hosts: localhost\n  gather_facts: false\n  roles:\n    - role: leapfrog.openstack.toolbox\n");
        return Proc.Run("ansible-playbook", ["-i", inventory, "-e", "@" + vars, playbook], new Dictionary<string, string>
        {
            ["ANSIBLE_CONFIG"] = Repo.At("ansible", "ansible.cfg"),
            ["ANSIBLE_COLLECTIONS_PATH"] = Playbook.CollectionsPath,
            ["ANSIBLE_NOCOLOR"] = "1",
            ["ANSIBLE_LOCAL_TEMP"] = Path.Combine(dir, "ansible-local-tmp"),
        }, cwd: dir, timeout: TimeSpan.FromMinutes(10));
    }

    private static JsonElement Record(string records, string release, string service) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(records, release, service + ".json"))).RootElement;

    // Pure-python wheels: <service>.version.version_info.release_string() is the package's version (neutron's catalog
    // command reads that); neutron-db-manage --version answers "99.9.9", the other manage tools the package's version.
    private static void MakeWheels(string dir, params (string Name, string Version)[] wheels)
    {
        Directory.CreateDirectory(dir);
        foreach (var (name, version) in wheels)
        {
            var r = Proc.Run("python3", ["-c", """
                import base64, hashlib, sys, zipfile
                out, name, version = sys.argv[1:4]
                files = {
                    f"{name}/__init__.py": "",
                    f"{name}/version.py": f"class V:\n    def release_string(self):\n        return {version!r}\nversion_info = V()\n",
                    f"{name}/cli.py": "import sys\ndef main():\n    print('99.9.9' if '--version' in sys.argv else 'no')\n",
                    # keystone's and placement's version command is their manage tool's --version: it answers with the package's.
                    f"{name}/manage.py": f"import sys\ndef main():\n    print({version!r})\n",
                }
                info = f"{name}-{version}.dist-info"
                tool = f"{name}-db-manage = {name}.cli:main" if name == "neutron" else f"{name}-manage = {name}.manage:main"
                files[f"{info}/METADATA"] = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
                files[f"{info}/WHEEL"] = "Wheel-Version: 1.0\nGenerator: leapfrog-test\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
                files[f"{info}/entry_points.txt"] = f"[console_scripts]\n{tool}\n"
                record = []
                for path, text in files.items():
                    digest = base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=").decode()
                    record.append(f"{path},sha256={digest},{len(text.encode())}")
                record.append(f"{info}/RECORD,,")
                files[f"{info}/RECORD"] = "\n".join(record) + "\n"
                with zipfile.ZipFile(f"{out}/{name}-{version}-py3-none-any.whl", "w") as z:
                    for path, text in files.items():
                        z.writestr(path, text)
                """, dir, name, version]);
            Assert.True(r.ExitCode == 0, r.Stderr);
        }
    }
}
