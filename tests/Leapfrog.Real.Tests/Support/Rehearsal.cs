using System.Globalization;
using System.Text.Json.Nodes;

namespace Leapfrog.Real.Tests.Support;

/// <summary>
/// ansible/playbooks/rehearse.yml on the real tier (its copy's overlays also inside every chroot, where the tools read
/// them), and the actual outage window of an upgrade from its state files, for the prediction to be held against.
/// </summary>
public static class Rehearsal
{
    /// <summary>The chroots a rehearsal's overlays are written into, beside the controller's own path.</summary>
    public static readonly Suite[] Suites = [Suite.Bullseye, Suite.Bookworm, Suite.Trixie];

    /// <summary>Runs the rehearsal with its scratch directory and record file, and any more ansible-playbook arguments.</summary>
    public static (int ExitCode, string Output, double Seconds, int Changed, int Failed) Run(
        string dir, string inventory, string vars, string scratch, string record, params string[] extra) =>
        AnsiblePlaybook.Run(dir, inventory, vars, "rehearse.yml", [.. extra, "-e", $"leapfrog_rehearse_dir={scratch}", "-e", $"leapfrog_rehearse_record={record}",
            "-e", $"{{\"leapfrog_rehearse_overlay_roots\": [{string.Join(", ", Suites.Select(s => $"\"{s.Path}\""))}]}}"]);

    /// <summary>From the state files: the first hop's start (from != to) to the last hop's end, over every service.</summary>
    public static double Window(string stateDir, IEnumerable<string> services) => Hops(stateDir, services).Sum(h => h.Seconds);

    /// <summary>
    /// Per hop (from != to), as the rehearsal record measures its own: from the hop's first service's start to the next
    /// hop's first start, the last hop to its last service's end; the hops' seconds sum to <see cref="Window"/>.
    /// </summary>
    public static IReadOnlyList<(string From, string To, double Seconds)> Hops(string stateDir, IEnumerable<string> services)
    {
        var hops = services.SelectMany(s => JsonNode.Parse(File.ReadAllText(Path.Combine(stateDir, s + ".json")))!["hops"]!.AsArray())
            .Where(h => h!["from"]!.GetValue<string>() != h["to"]!.GetValue<string>())
            .Select(h => (From: h!["from"]!.GetValue<string>(), To: h["to"]!.GetValue<string>(), Started: Time(h["started"]!), Finished: Time(h["finished"]!)))
            .GroupBy(h => (h.From, h.To)).Select(g => (g.Key.From, g.Key.To, Start: g.Min(h => h.Started), End: g.Max(h => h.Finished)))
            .OrderBy(h => h.Start).ToList();
        return hops.Select((h, i) => (h.From, h.To, ((i + 1 < hops.Count ? hops[i + 1].Start : h.End) - h.Start).TotalSeconds)).ToList();
    }

    /// <summary>Per hop, predicted (the record's hop_windows) against actual (<see cref="Hops"/>), one line each, then the total.</summary>
    public static IEnumerable<string> Compare(JsonNode record, IReadOnlyList<(string From, string To, double Seconds)> actual)
    {
        foreach (var h in record["hop_windows"]!.AsArray())
        {
            var (from, to) = (h!["from"]!.GetValue<string>(), h["to"]!.GetValue<string>());
            var a = actual.FirstOrDefault(x => x.From == from && x.To == to);
            var p = h["predicted_s"]!.GetValue<double>();
            string F(double? x) => x?.ToString("0.0", CultureInfo.InvariantCulture) ?? "-";
            yield return $"{from} -> {to}: predicted {F(p)} s (wall on the copy {F(h["wall_s"]?.GetValue<double>())} s, of it outside the steps " +
                         $"{F(h["outside_steps_s"]?.GetValue<double>())} s; backups {F(h["backup_s"]!.GetValue<double>())} s), actual {F(a.To is null ? null : a.Seconds)} s" +
                         (a.To is null || p <= 0 ? "" : $", {(a.Seconds / p).ToString("0.00", CultureInfo.InvariantCulture)}x");
        }

        var total = record["predicted_window_s"]!.GetValue<double>();
        var sum = actual.Sum(x => x.Seconds);
        yield return string.Create(CultureInfo.InvariantCulture, $"window: predicted {total:0.0} s, actual {sum:0.0} s, {(total > 0 ? sum / total : 0):0.00}x");
    }

    private static DateTimeOffset Time(JsonNode n) => DateTimeOffset.Parse(n.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
