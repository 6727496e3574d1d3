using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Leapfrog.Core.Catalog;
using Leapfrog.Core.Releases;
using Leapfrog.Real.Tests.Support;
using Leapfrog.Testing;

namespace Leapfrog.Real.Tests.Bench;

/// <summary>
/// The bare-commands baseline (what OpenStack-Ansible's leap-upgrades and similar playbooks do): one
/// ansible.builtin.command task per manage command the chain needs, in plan order, no verification, no state, no
/// data-migration loop. The commands are not a second copy of the catalog: they are the schema and data steps
/// the plan module (plugins/modules/plan) returns for each hop, with the config file filled in, the data
/// migrations run to completion in one command (no batch bound) and nova's per-cell repeats left out (its
/// `db sync` and `online_data_migrations` cover the cells as a bare playbook runs them).
/// </summary>
public static class BaselinePlaybook
{
    /// <summary>Runs the plan module for the chain and returns its result (failing when it does).</summary>
    public static JsonObject Plan(string workDir, string from, string to, IReadOnlyList<string> via, IReadOnlyList<string> services)
    {
        var args = new JsonObject
        {
            ["from_release"] = from,
            ["to_release"] = to,
            ["via"] = new JsonArray([.. via.Select(v => (JsonNode)v)]),
            ["allow_unsupported"] = true,
            ["services"] = new JsonArray([.. services.Select(s => (JsonNode)s)]),
        };
        var file = Path.Combine(workDir, "plan-args.json");
        File.WriteAllText(file, args.ToJsonString());
        var run = Proc.Run(Repo.Module("plan"), [file], timeout: TimeSpan.FromMinutes(1));
        var result = JsonNode.Parse(run.Stdout)!.AsObject();
        Assert.False(result["failed"]?.GetValue<bool>() ?? false, $"plan: {result["msg"]}");
        return result;
    }

    /// <summary>
    /// The commands, hop by hop, as argv run on the controller: chroot TOOLBOX tool args... A service's cell steps (nova's
    /// db sync --local_cell and online data migrations through a config naming a cell's database) run for each of its
    /// extra cells as nova's upgrade guide orders them: every cell's schema before the data migrations, the cells' data
    /// migrations after the service's own.
    /// </summary>
    /// <param name="plan">The plan module's result.</param>
    /// <param name="toolboxes">The chroot of each hop's target release.</param>
    /// <param name="configFiles">Each service's config file.</param>
    /// <param name="cellConfigs">Per service, the config of each extra cell (one naming its database); none for most.</param>
    public static IReadOnlyList<(string Hop, string Service, string Step, string[] Argv)> Commands(
        JsonObject plan, IReadOnlyDictionary<string, Suite> toolboxes, IReadOnlyDictionary<string, string> configFiles,
        IReadOnlyDictionary<string, IReadOnlyList<string>> cellConfigs)
    {
        var releases = ReleaseCatalog.Default;
        var commands = new List<(string, string, string, string[])>();
        foreach (var hop in plan["hops"]!.AsArray().Select(h => h!.AsObject()))
        {
            var to = releases.Find(hop["to"]!.GetValue<string>(), "hop").Id;
            var suite = toolboxes.Single(t => releases.Find(t.Key, "toolbox").Id == to).Value;
            var label = $"{hop["from"]} -> {hop["to"]}";
            foreach (var service in hop["services"]!.AsArray().Select(s => s!.GetValue<string>()))
            {
                // The plan lists the service's own steps; the cell steps (through {cell_config}) are the catalog's.
                var catalog = ServiceCatalog.Default;
                var cellSteps = catalog.CellStepsFor(catalog.Find(service), releases.Find(to, "hop"))
                    .Select(s => (Name: s.Name, Kind: s.Kind.ToString().ToLowerInvariant(), Argv: s.Argv.ToList()));
                var steps = hop["steps"]![service]!.AsArray().Select(s => s!.AsObject())
                    .Select(s => (Name: s["name"]!.GetValue<string>(), Kind: s["kind"]!.GetValue<string>(),
                                  Argv: s["argv"]!.AsArray().Select(a => a!.GetValue<string>()).ToList()))
                    .Concat(cellSteps)
                    .Where(s => s.Kind is "schema" or "data")
                    .ToList();
                var cells = cellConfigs.TryGetValue(service, out var c) ? c : [];
                IEnumerable<(string Name, string Kind, List<string> Argv, string? Cell)> Own(string kind) =>
                    steps.Where(s => s.Kind == kind && !s.Argv.Contains("{cell_config}")).Select(s => (s.Name, s.Kind, s.Argv, (string?)null));
                IEnumerable<(string Name, string Kind, List<string> Argv, string? Cell)> InCells(string kind) =>
                    cells.SelectMany(cell => steps.Where(s => s.Kind == kind && s.Argv.Contains("{cell_config}")).Select(s => (s.Name, s.Kind, s.Argv, (string?)cell)));
                foreach (var (name, kind, template, cell) in Own("schema").Concat(InCells("schema")).Concat(Own("data")).Concat(InCells("data")))
                {
                    var argv = template.ToList();
                    if (kind == "data")
                    {
                        var bound = argv.IndexOf("{batch}");
                        Assert.True(bound > 0, $"{service} {name}: a data step without a {{batch}} bound: {string.Join(' ', argv)}");
                        argv.RemoveRange(bound - 1, 2);
                    }

                    var filled = argv.Select(a => a switch { "{config_file}" => configFiles[service], "{cell_config}" => cell!, _ => a }).ToList();
                    Assert.DoesNotContain(filled, a => a.StartsWith('{') && a.EndsWith('}'));
                    commands.Add((label, service, cell is null ? name : $"{name} (cell {Path.GetFileNameWithoutExtension(cell)})", ["chroot", suite.Path, .. filled]));
                }
            }
        }

        return commands;
    }

    /// <summary>Writes the playbook: one command task per command, serial (one host, the tasks in order).</summary>
    public static string Write(string path, IReadOnlyList<(string Hop, string Service, string Step, string[] Argv)> commands)
    {
        var text = new StringBuilder("""
            ---
            # Written by scripts/bench --real (tests/Leapfrog.Real.Tests/Bench): the bare commands of the chain, one task each,
            # from the plan module's steps. No verification, no state, no data-migration loop.
            - name: Bare commands
              hosts: leapfrog_migration_hosts
              gather_facts: false
              tasks:

            """);
        foreach (var (hop, service, step, argv) in commands)
        {
            text.Append("    - name: ").AppendLine(JsonSerializer.Serialize($"{hop} {service} {step}"));
            text.AppendLine("      ansible.builtin.command:");
            text.Append("        argv: [").AppendJoin(", ", argv.Select(a => JsonSerializer.Serialize(a))).AppendLine("]");
        }

        File.WriteAllText(path, text.ToString());
        return path;
    }
}
