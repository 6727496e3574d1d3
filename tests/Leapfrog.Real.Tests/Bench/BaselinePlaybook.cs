using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
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

    /// <summary>The commands, hop by hop, as argv run on the controller: chroot TOOLBOX tool args...</summary>
    /// <param name="plan">The plan module's result.</param>
    /// <param name="toolboxes">The chroot of each hop's target release.</param>
    /// <param name="configFiles">Each service's config file.</param>
    public static IReadOnlyList<(string Hop, string Service, string Step, string[] Argv)> Commands(
        JsonObject plan, IReadOnlyDictionary<string, Suite> toolboxes, IReadOnlyDictionary<string, string> configFiles)
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
                foreach (var step in hop["steps"]![service]!.AsArray().Select(s => s!.AsObject()))
                {
                    var kind = step["kind"]!.GetValue<string>();
                    var argv = step["argv"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
                    if (kind is not ("schema" or "data") || argv.Contains("{cell_config}"))
                    {
                        continue;
                    }

                    if (kind == "data")
                    {
                        var bound = argv.IndexOf("{batch}");
                        Assert.True(bound > 0, $"{service} {step["name"]}: a data step without a {{batch}} bound: {string.Join(' ', argv)}");
                        argv.RemoveRange(bound - 1, 2);
                    }

                    var filled = argv.Select(a => a == "{config_file}" ? configFiles[service] : a).ToList();
                    Assert.DoesNotContain(filled, a => a.StartsWith('{') && a.EndsWith('}'));
                    commands.Add((label, service, step["name"]!.GetValue<string>(), ["chroot", suite.Path, .. filled]));
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
