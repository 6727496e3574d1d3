using Leapfrog.Real.Tests.Support;
using Leapfrog.Real.Tests.Support.Deployments;

namespace Leapfrog.Real.Tests.Bench;

/// <summary>The inventory and variables every run of the bench shares (the same controller and connection settings).</summary>
public static class BenchFiles
{
    /// <summary>The services of the chain, in the catalog's order.</summary>
    public static IReadOnlyList<string> Services { get; } = ["keystone", "glance", "cinder", "nova"];

    /// <summary>The upgrade role's variables for victoria -> zed -> 2025.1 with the chroot toolboxes (the baseline ignores them).</summary>
    public static string Vars(string dir, string name, RealCloud cloud, Deployment[] services, IReadOnlyDictionary<string, Suite> toolboxes)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, $"""
            leapfrog_from_release: "victoria"
            leapfrog_to_release: "2025.1"
            leapfrog_via: ["zed"]
            leapfrog_allow_unsupported: true
            leapfrog_services: [{string.Join(", ", services.Select(d => d.Service))}]
            leapfrog_known_hosts_file: {cloud.Ssh.KnownHostsPath}
            leapfrog_host_key_checking: strict
            leapfrog_step_timeout: 1800
            leapfrog_config_files:
            {string.Join("\n", services.Select(d => $"  {d.Service}: {d.ConfigFile}"))}
            leapfrog_toolboxes:
            {string.Join("\n", toolboxes.Select(t => $"  \"{t.Key}\": {{type: chroot, path: {t.Value.Path}}}"))}
            """);
        return path;
    }
}
