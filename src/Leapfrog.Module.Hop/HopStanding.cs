using System.Text.Json.Nodes;
using Leapfrog.Core;
using Leapfrog.Core.Outcomes;
using Leapfrog.Core.Releases;
using Leapfrog.Engine;
using Leapfrog.Remote;

namespace Leapfrog.Module.Hop;

/// <summary>
/// <c>query: standing</c>: where every service stands, read from the state files (and locks) on the controller in one
/// call. Read-only, also in check mode; the hop's own parameters (toolboxes, config_file, ...) are ignored, so one
/// <c>module_defaults</c> serves both the hops and this query.
/// </summary>
internal static class HopStanding
{
    /// <summary>The parameters the query adds to the hop's.</summary>
    public static readonly IReadOnlyCollection<string> Parameters = ["query", "services", "releases"];

    /// <summary>True when the task asks the standing query instead of a hop.</summary>
    /// <exception cref="InvalidRequestException">An unknown query.</exception>
    public static bool Asked(ModuleArgs args) => args.GetChoice("query", "hop", "hop", "standing") == "standing";

    /// <summary>Validates everything, then reads every service's state in one call.</summary>
    public static async Task<JsonObject> RunAsync(ModuleArgs args)
    {
        var catalog = CatalogFile.Load(args);
        var names = args.GetList("services");
        if (names.Count == 0)
        {
            throw new InvalidRequestException("query standing needs services: the services whose state files to read");
        }

        var services = names.Select(n => catalog.Find(n, "services").Name).Distinct().ToList();
        var path = args.GetList("releases").Select(r => catalog.Releases.Find(r, "releases")).ToList();
        var start = args.GetString("from_release") is { } f ? catalog.Releases.Find(f, "from_release") : path.FirstOrDefault();
        var stateDir = Inputs.Path(args.GetString("state_dir") ?? "/var/lib/leapfrog", "state_dir");
        var connection = HopArgs.Connection(args);
        var reconnect = TimeSpan.FromSeconds(args.GetInt("reconnect_timeout", 300, 0, 86400));
        await using var shell = ShellFactory.Create(connection, TimeProvider.System);
        var read = await StandingReader.ReadAsync(shell, stateDir, services, catalog.Releases, reconnect).ConfigureAwait(false);

        var standing = new JsonObject();
        var summary = new JsonArray();
        foreach (var s in read)
        {
            var at = s.Release ?? start;
            standing[s.Service] = new JsonObject
            {
                ["release"] = at?.Id,
                ["recorded"] = s.Release is not null,
                // Index of its release on the path given in releases (-1: not on it, or no release known).
                ["position"] = at is null ? -1 : path.FindIndex(r => r.Equals(at)),
                ["last_hop"] = s.LastHop is { } h ? new JsonObject
                {
                    ["from"] = h.From, ["to"] = h.To, ["outcome"] = h.Outcome.Name(), ["message"] = h.Message,
                    ["started"] = h.Started, ["finished"] = h.Finished,
                } : null,
                ["locked"] = s.Lock is not null,
                ["lock_owner"] = s.Lock is { } l ? $"{l.Owner} (pid {l.Pid}, since {l.Started}{(l.Hop is null ? "" : ", " + l.Hop)})" : null,
            };
            summary.Add((JsonNode)Line(s, at));
        }

        return new JsonObject
        {
            ["changed"] = false,
            ["msg"] = $"read the state of {read.Count} service{(read.Count == 1 ? "" : "s")} on {shell.Target}",
            ["standing"] = standing,
            ["summary"] = summary,
            ["state_dir"] = stateDir,
            ["warnings"] = new JsonArray(shell.Warnings.Select(w => (JsonNode)w).ToArray()),
        };
    }

    private static string Line(ServiceStanding s, Release? at)
    {
        var where = s.Release is not null ? $"at {s.Release.Id}" : at is null ? "no state recorded" : $"at {at.Id} (no hop recorded)";
        var last = s.LastHop is { } h ? $" (last hop {h.From} -> {h.To}: {h.Outcome.Name()})" : "";
        var lockNote = s.Lock is not null ? $"; locked by {s.Lock.Owner}" : "";
        return $"{s.Service}: {where}{last}{lockNote}";
    }
}
