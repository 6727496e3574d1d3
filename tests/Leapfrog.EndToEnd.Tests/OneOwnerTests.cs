using System.Text.Json;
using Leapfrog.Core.Catalog;
using Leapfrog.Testing;

namespace Leapfrog.EndToEnd.Tests;

/// <summary>
/// Each fact in one place: the catalog's tool names are not copied into the toolbox role or the scripts that build
/// toolboxes and sandboxes, and the variables leapfrog.openstack.common owns are neither re-defaulted nor re-documented
/// by the roles that depend on it.
/// </summary>
public sealed class OneOwnerTests
{
    // Files that used to keep their own service-to-tool tables; the catalog (through the plan module) answers instead.
    private static readonly string[] NoCatalogCopies =
    [
        "roles/toolbox/tasks", "roles/toolbox/defaults", "roles/toolbox/meta", "plugins/modules/toolbox_build.py",
        "scripts/sandbox", "scripts/demo", "scripts/real-toolboxes",
    ];

    [Fact]
    public void No_tool_the_catalog_names_is_spelled_out_in_the_toolbox_role_or_the_toolbox_and_sandbox_scripts()
    {
        var catalog = ServiceCatalog.Default;
        var tools = catalog.Services
            .SelectMany(s => catalog.Releases.All.Where(r => catalog.Exists(s, r))
                .SelectMany(r => catalog.StepsFor(s, r).Concat(catalog.CellStepsFor(s, r)).Select(step => step.Argv[0])
                    .Concat(catalog.ToolsFor(s, r).VersionArgv.Take(1))))
            .Where(t => t.Contains('-', StringComparison.Ordinal))
            .ToHashSet();
        Assert.Contains("neutron-db-manage", tools);
        Assert.Contains("cinder-status", tools);

        var copies = NoCatalogCopies
            .SelectMany(p => Directory.Exists(Repo.At(p)) ? Directory.EnumerateFiles(Repo.At(p), "*", SearchOption.AllDirectories) : [Repo.At(p)])
            .SelectMany(f => tools.Where(t => File.ReadAllText(f).Contains(t, StringComparison.Ordinal))
                .Select(t => $"{Path.GetRelativePath(Repo.Root, f)}: {t}"))
            .ToList();

        Assert.True(copies.Count == 0, "catalog tool names copied: " + string.Join("; ", copies));
    }

    [Fact]
    public void A_role_that_depends_on_common_neither_re_defaults_nor_re_documents_its_variables()
    {
        // PyYAML, as ansible-core has it: each role's dependencies, defaults and documented options.
        var r = Proc.Run("python3", ["-c", """
            import glob, json, os, yaml
            def load(path):
                try:
                    with open(path, encoding="utf-8") as f:
                        return yaml.safe_load(f) or {}
                except FileNotFoundError:
                    return {}
            roles = {}
            for meta in sorted(glob.glob("roles/*/meta/main.yml")):
                role = meta.split("/")[1]
                deps = [d["role"] if isinstance(d, dict) else d for d in load(meta).get("dependencies") or []]
                specs = load(f"roles/{role}/meta/argument_specs.yml").get("argument_specs", {})
                roles[role] = {"deps": deps, "defaults": sorted(load(f"roles/{role}/defaults/main.yml")),
                               "documented": {e: sorted((v.get("options") or {})) for e, v in specs.items()}}
            print(json.dumps(roles))
            """], cwd: Repo.Root);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var roles = JsonDocument.Parse(r.Stdout).RootElement;
        var common = roles.GetProperty("common");
        var owned = common.GetProperty("defaults").EnumerateArray().Select(e => e.GetString()!).ToHashSet();
        Assert.Contains("leapfrog_ssh_host", owned);
        Assert.Equal(owned.Where(o => !o.StartsWith('_')).Order(),
            common.GetProperty("documented").GetProperty("main").EnumerateArray().Select(e => e.GetString()!).Order());

        var dependents = roles.EnumerateObject()
            .Where(p => p.Value.GetProperty("deps").EnumerateArray().Any(d => d.GetString() == "leapfrog.openstack.common"))
            .ToList();
        Assert.Contains(dependents, p => p.Name == "backup");
        Assert.Contains(dependents, p => p.Name == "toolbox");
        Assert.Contains(dependents, p => p.Name == "preflight");
        Assert.Contains(dependents, p => p.Name == "upgrade");
        var copies = new List<string>();
        foreach (var role in dependents)
        {
            copies.AddRange(role.Value.GetProperty("defaults").EnumerateArray().Select(e => e.GetString()!)
                .Where(owned.Contains).Select(v => $"roles/{role.Name}/defaults/main.yml: {v}"));
            foreach (var entry in role.Value.GetProperty("documented").EnumerateObject())
            {
                copies.AddRange(entry.Value.EnumerateArray().Select(e => e.GetString()!).Where(owned.Contains)
                    .Select(v => $"roles/{role.Name}/meta/argument_specs.yml {entry.Name}: {v}"));
            }
        }

        Assert.True(copies.Count == 0, "variables of leapfrog.openstack.common owned twice: " + string.Join("; ", copies));
    }
}
