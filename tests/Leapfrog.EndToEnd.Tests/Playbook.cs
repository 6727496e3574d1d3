using System.Diagnostics;
using System.Text.RegularExpressions;
using Leapfrog.Testing;

namespace Leapfrog.EndToEnd.Tests;

/// <summary>Runs Debian's ansible-playbook with this checkout as the collection leapfrog.openstack.</summary>
public static partial class Playbook
{
    private static readonly Lazy<string> Collections = new(LinkCollection);

    /// <summary>The collections path in which this checkout is leapfrog.openstack.</summary>
    public static string CollectionsPath => Collections.Value;

    /// <summary>
    /// ansible-playbook -i INVENTORY -e @VARS PLAYBOOK (under ansible/playbooks/) plus <paramref name="extra"/>,
    /// with ANSIBLE_CONFIG=ansible/ansible.cfg and the checkout linked as leapfrog.openstack.
    /// </summary>
    public static PlaybookRun Run(Sandbox box, string playbook, params string[] extra) =>
        RunWith(Repo.At("ansible", "playbooks", playbook), Collections.Value, box, extra);

    /// <summary>Like <see cref="Run"/> with any playbook path and collections path.</summary>
    public static PlaybookRun RunWith(string playbookPath, string collectionsPath, Sandbox box, IEnumerable<string> extra, string? config = null)
    {
        var sw = Stopwatch.StartNew();
        var r = Proc.Run("ansible-playbook", Arguments(box, playbookPath, extra), PlayEnvironment(box, collectionsPath, config), cwd: box.Dir, timeout: TimeSpan.FromMinutes(20));
        return new PlaybookRun(r.ExitCode, r.Stdout + r.Stderr, sw.Elapsed);
    }

    /// <summary>
    /// Starts ansible-playbook like <see cref="Run"/> without waiting, as the leader of a process group of its own
    /// (as a terminal's foreground job is), so that <see cref="RunningPlaybook.Interrupt"/> is a Ctrl-C.
    /// </summary>
    public static RunningPlaybook Start(Sandbox box, string playbook, params string[] extra) =>
        new(["setsid", "ansible-playbook", .. Arguments(box, Repo.At("ansible", "playbooks", playbook), extra)],
            PlayEnvironment(box, Collections.Value, null), box.Dir);

    private static List<string> Arguments(Sandbox box, string playbookPath, IEnumerable<string> extra) =>
        ["-i", box.Inventory, "-e", "@" + box.Vars, playbookPath, .. extra];

    private static Dictionary<string, string> PlayEnvironment(Sandbox box, string collectionsPath, string? config) => new()
    {
        ["ANSIBLE_CONFIG"] = config ?? Repo.At("ansible", "ansible.cfg"),
        ["ANSIBLE_COLLECTIONS_PATH"] = collectionsPath,
        ["ANSIBLE_NOCOLOR"] = "1",
        ["ANSIBLE_FORCE_COLOR"] = "0",
        ["ANSIBLE_LOCAL_TEMP"] = Path.Combine(box.Dir, "ansible-local-tmp"),
    };

    /// <summary>A temporary ansible_collections/leapfrog/openstack symlinked to the repository root.</summary>
    private static string LinkCollection()
    {
        var root = Path.Combine(Path.GetTempPath(), "lf-e2e-collections-" + Environment.ProcessId);
        var ns = Path.Combine(root, "ansible_collections", "leapfrog");
        Directory.CreateDirectory(ns);
        var link = Path.Combine(ns, "openstack");
        if (!Path.Exists(link))
        {
            File.CreateSymbolicLink(link, Repo.Root);
        }

        return root;
    }
}

/// <summary>The outcome of one ansible-playbook run (default callback output).</summary>
public sealed partial class PlaybookRun(int exitCode, string output, TimeSpan elapsed)
{
    public int ExitCode { get; } = exitCode;

    public string Output { get; } = output;

    public TimeSpan Elapsed { get; } = elapsed;

    /// <summary>changed=N of the PLAY RECAP, summed over every host (localhost runs the guard and the report).</summary>
    public int RecapChanged => RecapRegex().Matches(Output).Sum(m => int.Parse(m.Groups["changed"].Value));

    /// <summary>failed=N of the PLAY RECAP, summed over every host.</summary>
    public int RecapFailed => RecapRegex().Matches(Output).Sum(m => int.Parse(m.Groups["failed"].Value));

    /// <summary>How the upgrade role names the task that finishes the start release's data migrations ("Hop nova at victoria: finish ...").</summary>
    public const string StartData = ": finish its data migrations";

    /// <summary>The start release's data-migration lines (not hops), one per service, that reported <paramref name="status"/>.</summary>
    public IReadOnlyList<string> StartDataTasks(string status) =>
        [.. TasksWith(status, "Hop ", startData: true).Where(t => t.EndsWith(StartData, StringComparison.Ordinal))];

    /// <summary>
    /// Per task name (after "role : "), the host result lines that start with <paramref name="status"/>; the tasks that
    /// finish the start release's data migrations are left out unless <paramref name="startData"/>.
    /// </summary>
    public IReadOnlyList<string> TasksWith(string status, string taskNameStart, bool startData = false)
    {
        var hits = new List<string>();
        string? task = null;
        foreach (var line in Output.Split('\n'))
        {
            var m = TaskRegex().Match(line);
            if (m.Success)
            {
                task = m.Groups["name"].Value;
                continue;
            }

            if (task is not null && task.StartsWith(taskNameStart, StringComparison.Ordinal) && line.StartsWith(status + ":", StringComparison.Ordinal)
                && (startData || !task.EndsWith(StartData, StringComparison.Ordinal)))
            {
                var item = ItemRegex().Match(line);
                hits.Add(item.Success && task.StartsWith("Hop ", StringComparison.Ordinal) ? OneService(task, item.Groups["item"].Value) : task);
            }
        }

        return hits;
    }

    /// <summary>
    /// A hop task's line for one service: the role prints each service's hop as an item of one task ("Hop keystone,
    /// glance wallaby -> xena", item glance), read as that service's own ("Hop glance wallaby -> xena").
    /// </summary>
    private static string OneService(string task, string service)
    {
        var words = task["Hop ".Length..].Split(' ');
        var last = Array.FindIndex(words, w => !w.EndsWith(',')); // the services are "a, b, c"; the hop follows
        return string.Join(' ', new[] { "Hop", service }.Concat(words[(last + 1)..]));
    }

    /// <summary>Hop lines (one per service's hop: "Hop SERVICE FROM -> TO") that reported changed.</summary>
    public IReadOnlyList<string> ChangedHops => TasksWith("changed", "Hop ");

    /// <summary>Hop lines that reported ok.</summary>
    public IReadOnlyList<string> OkHops => TasksWith("ok", "Hop ");

    public override string ToString() => $"exit {ExitCode} after {Elapsed.TotalSeconds:0.0} s\n{Tail(Output, 12000)}";

    private static string Tail(string s, int n) => s.Length <= n ? s : s[^n..];

    [GeneratedRegex(@"changed=(?<changed>\d+)\s+unreachable=\d+\s+failed=(?<failed>\d+)")]
    private static partial Regex RecapRegex();

    [GeneratedRegex(@"^\w+: \[[^\]]*\] => \(item=(?<item>[^)]*)\)")]
    private static partial Regex ItemRegex();

    [GeneratedRegex(@"^TASK \[(?:[^\]]*? : )?(?<name>[^\]]*)\]")]
    private static partial Regex TaskRegex();
}
