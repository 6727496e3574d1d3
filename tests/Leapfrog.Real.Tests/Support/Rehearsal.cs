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
    public static double Window(string stateDir, IEnumerable<string> services)
    {
        var hops = services.SelectMany(s => JsonNode.Parse(File.ReadAllText(Path.Combine(stateDir, s + ".json")))!["hops"]!.AsArray())
            .Where(h => h!["from"]!.GetValue<string>() != h["to"]!.GetValue<string>()).ToList();
        var start = hops.Min(h => DateTimeOffset.Parse(h!["started"]!.GetValue<string>(), CultureInfo.InvariantCulture));
        var end = hops.Max(h => DateTimeOffset.Parse(h!["finished"]!.GetValue<string>(), CultureInfo.InvariantCulture));
        return (end - start).TotalSeconds;
    }
}
