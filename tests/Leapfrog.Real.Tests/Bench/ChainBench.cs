using System.Globalization;
using System.Text.Json.Nodes;
using Leapfrog.Real.Tests.Support;
using Leapfrog.Real.Tests.Support.Deployments;

namespace Leapfrog.Real.Tests.Bench;

/// <summary>
/// scripts/bench --real: the chain victoria -> zed -> 2025.1 of keystone, glance, cinder and nova on the real tier,
/// run side by side in one run: the bare commands, then ansible/playbooks/leapfrog.yml serial, parallel (and its
/// rerun) and with the role's defaults (preflight and backups on). Each run starts from databases victoria's own
/// tools made, and after it the releases' own checks (2025.1's) say whether every database reached 2025.1. The
/// figures go to the file LEAPFROG_BENCH_OUT names; scripts/bench prints them against the targets.
/// </summary>
[Trait("tier", "real")]
public sealed class ChainBench(ITestOutputHelper log)
{
    private static readonly Dictionary<string, Suite> Toolboxes = new() { ["victoria"] = Suite.Bullseye, ["zed"] = Suite.Bookworm, ["2025.1"] = Suite.Trixie };

    /// <summary>Names the one run this process makes (baseline, serial, parallel, rehearsal or defaults); unset: all five.</summary>
    public const string RunVariable = "LEAPFROG_BENCH_RUN";

    [BenchFact]
    public void The_chain_victoria_zed_2025_1_measured_against_the_bare_commands()
    {
        var cloud = RealCloud.Shared;
        var outFile = Environment.GetEnvironmentVariable(BenchFactAttribute.OutVariable)!;
        // One run per process lets scripts/bench-real take the real tier's lock per timed run: the runs before it are
        // in the figures file already, and the tool starts are measured with the first.
        var only = Environment.GetEnvironmentVariable(RunVariable) is { Length: > 0 } o ? o : null;
        var dir = Path.Combine(cloud.Root, "bench");
        Directory.CreateDirectory(dir);
        var inventory = AnsiblePlaybook.Inventory(dir, cloud);
        var figures = File.Exists(outFile) && new FileInfo(outFile).Length > 0
            ? JsonNode.Parse(File.ReadAllText(outFile))!.AsObject()
            : new JsonObject { ["tool_starts"] = ToolStarts(), ["runs"] = new JsonArray() };
        var runs = figures["runs"]!.AsArray();
        var made = new List<JsonObject>();
        void Add(string name, Func<JsonObject> run)
        {
            if (only is null || only == name)
            {
                made.Add(run());
                runs.Add(made[^1]);
                File.WriteAllText(outFile, figures.ToJsonString());
            }
        }

        Add("baseline", () => Baseline(cloud, dir, inventory));
        Add("serial", () => Leapfrog(cloud, dir, inventory, "serial", "bs_", rerun: false, "-e", "leapfrog_parallel=false", "-e", "leapfrog_preflight=false", "-e", "leapfrog_backup=false"));
        Add("parallel", () => Leapfrog(cloud, dir, inventory, "parallel", "bp_", rerun: true, "-e", "leapfrog_parallel=true", "-e", "leapfrog_preflight=false", "-e", "leapfrog_backup=false"));
        Add("rehearsal", () => Rehearse(cloud, dir, inventory));
        // Victoria's own nova-status upgrade check fails on this tier (no placement credentials: docs/real-releases.md),
        // so the defaults run leaves the start release's upgrade checks off; everything else is the role's default.
        Add("defaults", () => Leapfrog(cloud, dir, inventory, "defaults", "bd_", rerun: false, "-e", "leapfrog_preflight_upgrade_check=false"));

        Assert.NotEmpty(made);
        Assert.All(made, r => Assert.True(r["reached"]!.GetValue<bool>(), $"{r["name"]}: {r["problem"]}"));
    }

    /// <summary>Each path release's manage tools started once (--version): what one tool start costs in its chroot.</summary>
    private JsonArray ToolStarts()
    {
        var starts = new JsonArray();
        foreach (var (release, suite) in Toolboxes)
        {
            foreach (var service in BenchFiles.Services)
            {
                var run = ReleaseTools.Run(suite, $"{service}-manage", "--version");
                log.WriteLine($"tool start: {run}");
                starts.Add(new JsonObject { ["release"] = release, ["tool"] = $"{service}-manage", ["seconds"] = run.Seconds, ["rc"] = run.ExitCode });
            }
        }

        return starts;
    }

    private JsonObject Baseline(RealCloud cloud, string dir, string inventory)
    {
        var all = Create(cloud, "bb_");
        var plan = BaselinePlaybook.Plan(dir, "victoria", "2025.1", ["zed"], BenchFiles.Services);
        var commands = BaselinePlaybook.Commands(plan, Toolboxes, all.ToDictionary(d => d.Service, d => d.ConfigFile),
            all.OfType<NovaDeployment>().ToDictionary(n => n.Service, n => (IReadOnlyList<string>)[n.Cell2Config]));
        var playbook = BaselinePlaybook.Write(Path.Combine(dir, "baseline.yml"), commands);
        log.WriteLine($"baseline: {commands.Count} commands from the plan module's steps, written to {playbook}");
        var vars = BenchFiles.Vars(dir, "baseline-vars.yml", cloud, all, Toolboxes);
        var marks = WitnessMarks(all);
        var started = DateTimeOffset.UtcNow;
        var cpu = BusyCpuSeconds();
        var r = AnsiblePlaybook.Run(dir, inventory, vars, playbook);
        cpu = BusyCpuSeconds() - cpu;
        var run = Record("baseline", r, started, all, marks);
        run["cpu_s"] = Math.Round(cpu, 1);
        run["commands"] = commands.Count;
        return run;
    }

    private JsonObject Leapfrog(RealCloud cloud, string dir, string inventory, string name, string prefix, bool rerun, params string[] extra)
    {
        var all = Create(cloud, prefix);
        var vars = BenchFiles.Vars(dir, $"{name}-vars.yml", cloud, all, Toolboxes);
        var stateDir = Path.Combine(dir, $"state-{name}");
        var marks = WitnessMarks(all);
        var started = DateTimeOffset.UtcNow;
        var cpu = BusyCpuSeconds();
        var r = AnsiblePlaybook.Run(dir, inventory, vars, "leapfrog.yml", [.. extra, "-e", $"leapfrog_state_dir={stateDir}", "-e", $"leapfrog_backup_dir={Path.Combine(dir, $"backups-{name}")}"]);
        var ended = DateTimeOffset.UtcNow;
        cpu = BusyCpuSeconds() - cpu;
        var run = Record(name, r, started, all, marks);
        run["cpu_s"] = Math.Round(cpu, 1);
        run["hops"] = StateHops.Windows(stateDir, BenchFiles.Services, started, ended);
        if (rerun)
        {
            marks = WitnessMarks(all);
            var again = AnsiblePlaybook.Run(dir, inventory, vars, "leapfrog.yml", [.. extra, "-e", $"leapfrog_state_dir={stateDir}"]);
            log.WriteLine($"{name} rerun: exit {again.ExitCode}, changed={again.Changed}, {again.Seconds:0.0}s");
            run["rerun"] = new JsonObject
            {
                ["seconds"] = again.Seconds, ["exit"] = again.ExitCode, ["changed"] = again.Changed,
                ["load"] = string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)),
                ["tool_runs"] = ToolRuns(all, marks),
            };
        }

        return run;
    }

    /// <summary>
    /// rehearse.yml on fresh victoria-made databases, then the upgrade (parallel, preflight and backups off) with the
    /// same variables: the rehearsal's predicted window and the upgrade's actual one (first hop's start to last hop's end).
    /// </summary>
    private JsonObject Rehearse(RealCloud cloud, string dir, string inventory)
    {
        var all = Create(cloud, "bh_");
        var vars = BenchFiles.Vars(dir, "rehearsal-vars.yml", cloud, all, Toolboxes);
        var stateDir = Path.Combine(dir, "state-rehearsal");
        string[] extra = ["-e", "leapfrog_parallel=true", "-e", "leapfrog_preflight=false", "-e", "leapfrog_backup=false", "-e", $"leapfrog_state_dir={stateDir}"];
        var record = Path.Combine(dir, "rehearsal-record.json");
        var rehearsal = Rehearsal.Run(dir, inventory, vars, Path.Combine(dir, "scratch"), record, extra);
        log.WriteLine($"rehearsal: rehearse.yml exit {rehearsal.ExitCode}, {rehearsal.Seconds:0.0}s");
        var recorded = rehearsal.ExitCode == 0 && File.Exists(record) ? JsonNode.Parse(File.ReadAllText(record)) : null;
        var predicted = recorded?["predicted_window_s"]?.GetValue<double>();
        var marks = WitnessMarks(all);
        var started = DateTimeOffset.UtcNow;
        var r = AnsiblePlaybook.Run(dir, inventory, vars, "leapfrog.yml", extra);
        var run = Record("rehearsal", r, started, all, marks);
        if (predicted is null)
        {
            run["reached"] = false;
            run["problem"] = $"rehearse.yml exited {rehearsal.ExitCode} without a prediction: {Tail(rehearsal.Output)} | {run["problem"]}";
        }

        run["rehearsal_s"] = rehearsal.Seconds;
        run["predicted_window_s"] = predicted;
        run["actual_window_s"] = r.ExitCode == 0 ? Rehearsal.Window(stateDir, BenchFiles.Services) : null;
        if (recorded is not null && r.ExitCode == 0)
        {
            // Per hop: the record's parts, and the upgrade's own hop measured the same way (Rehearsal.Hops).
            var actual = Rehearsal.Hops(stateDir, BenchFiles.Services);
            run["hop_compare"] = new JsonArray([.. recorded["hop_windows"]!.AsArray().Select(h => (JsonNode)new JsonObject
            {
                ["from"] = h!["from"]!.DeepClone(), ["to"] = h["to"]!.DeepClone(), ["predicted_s"] = h["predicted_s"]!.DeepClone(), ["wall_s"] = h["wall_s"]?.DeepClone(),
                ["steps_s"] = h["steps_s"]!.DeepClone(), ["outside_steps_s"] = h["outside_steps_s"]?.DeepClone(), ["backup_s"] = h["backup_s"]!.DeepClone(),
                ["actual_s"] = actual.Where(a => a.From == h["from"]!.GetValue<string>() && a.To == h["to"]!.GetValue<string>()).Select(a => (double?)a.Seconds).FirstOrDefault(),
            })]);
            run["differences"] = recorded["window"]!["differences"]!.DeepClone();
        }
        return run;
    }

    private Deployment[] Create(RealCloud cloud, string prefix)
    {
        Deployment[] all =
        [
            new KeystoneDeployment(cloud, log, prefix), new GlanceDeployment(cloud, log, prefix),
            new CinderDeployment(cloud, log, prefix), new NovaDeployment(cloud, log, prefix),
        ];
        foreach (var d in all)
        {
            d.Create();
        }

        return all;
    }

    /// <summary>The run's figures, and the releases' own verdict: every database at 2025.1, or the run failed.</summary>
    private JsonObject Record(string name, (int ExitCode, string Output, double Seconds, int Changed, int Failed) r, DateTimeOffset started,
        Deployment[] all, Dictionary<(string, string), int> marks)
    {
        var verdicts = new JsonArray();
        var problems = new List<string>();
        if (r.ExitCode != 0)
        {
            problems.Add($"ansible-playbook exited {r.ExitCode}: {Tail(r.Output)}");
        }

        foreach (var d in all)
        {
            foreach (var v in d.Checks(Suite.Trixie))
            {
                log.WriteLine($"{name}: verdict of 2025.1's tools: {d.Service} {v.Check}: {(v.Ok ? "UP TO DATE" : "NOT UP TO DATE")} ({v.Detail})");
                verdicts.Add(new JsonObject { ["service"] = d.Service, ["check"] = v.Check, ["ok"] = v.Ok });
                if (!v.Ok)
                {
                    problems.Add($"{d.Service} {v.Check}: {v.Detail}");
                }
            }
        }

        log.WriteLine($"{name}: exit {r.ExitCode}, changed={r.Changed}, failed={r.Failed}, {r.Seconds:0.0}s");
        return new JsonObject
        {
            ["name"] = name,
            ["started"] = started.ToString("O", CultureInfo.InvariantCulture),
            ["seconds"] = r.Seconds,
            ["exit"] = r.ExitCode,
            ["load"] = string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)),
            ["reached"] = problems.Count == 0,
            ["problem"] = string.Join(" | ", problems),
            ["verdicts"] = verdicts,
            ["tool_runs"] = ToolRuns(all, marks),
        };
    }

    /// <summary>
    /// The machine's busy CPU time so far (every core, /proc/stat: all but idle and iowait), in seconds: the difference
    /// over a run is what the run cost the machine, tools, MariaDB, sshd and Ansible together (on a quiet machine).
    /// </summary>
    private static double BusyCpuSeconds()
    {
        var ticks = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
        return (ticks.Sum() - ticks[3] - ticks[4]) / 100.0; // USER_HZ is 100 on Linux
    }

    /// <summary>How many tool runs each chroot's witness has logged so far for these deployments' config files.</summary>
    private static Dictionary<(string, string), int> WitnessMarks(Deployment[] all) =>
        Toolboxes.Values.SelectMany(s => all.Select(d => (s, d))).ToDictionary(p => (p.s.Name, p.d.Service), p => Witness.Runs(p.s, p.d.ConfigFile).Count);

    /// <summary>The tool runs since <paramref name="marks"/>, per release and service, as the chroots' witness logged them.</summary>
    private static JsonObject ToolRuns(Deployment[] all, Dictionary<(string, string), int> marks)
    {
        var runs = new JsonObject();
        foreach (var (release, suite) in Toolboxes)
        {
            var per = new JsonObject();
            foreach (var d in all)
            {
                per[d.Service] = new JsonArray([.. Witness.Runs(suite, d.ConfigFile).Skip(marks[(suite.Name, d.Service)]).Select(w => (JsonNode)w)]);
            }

            runs[release] = per;
        }

        return runs;
    }

    private static string Tail(string s) => s.Length <= 3000 ? s : s[^3000..];
}
