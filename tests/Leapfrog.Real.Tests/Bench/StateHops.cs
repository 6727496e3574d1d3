using System.Globalization;
using System.Text.Json.Nodes;

namespace Leapfrog.Real.Tests.Bench;

/// <summary>
/// Per hop of a playbook run, from the state files the hop module wrote on the controller: each service's hop
/// (started to finished) and the hop's window in the playbook (from its first service's start to the next hop's,
/// or for the last hop to its last service's end, the rest of the playbook being its tail), so that the orchestration
/// overhead is the window minus the slowest service.
/// </summary>
public static class StateHops
{
    public static JsonArray Windows(string stateDir, IReadOnlyList<string> services, DateTimeOffset playbookStarted, DateTimeOffset playbookEnded)
    {
        var records = new List<(string From, string To, string Service, DateTimeOffset Started, DateTimeOffset Finished, JsonArray Steps)>();
        foreach (var service in services)
        {
            var file = Path.Combine(stateDir, service + ".json");
            if (!File.Exists(file))
            {
                continue;
            }

            foreach (var h in JsonNode.Parse(File.ReadAllText(file))!["hops"]!.AsArray().Select(n => n!))
            {
                if (h["finished"] is null)
                {
                    continue;
                }

                var steps = new JsonArray([.. h["steps"]!.AsArray().Select(st => (JsonNode)new JsonObject
                {
                    ["name"] = st!["name"]!.GetValue<string>(), ["duration_s"] = st["duration_s"]?.GetValue<double>() ?? 0,
                    ["runs"] = st["runs"]?.GetValue<int>() ?? 0, ["outcome"] = st["outcome"]!.GetValue<string>(),
                })]);
                records.Add((h["from"]!.GetValue<string>(), h["to"]!.GetValue<string>(), service, Time(h["started"]!), Time(h["finished"]!), steps));
            }
        }

        var hops = records.GroupBy(r => (r.From, r.To)).OrderBy(g => g.Min(r => r.Started)).ToList();
        var windows = new JsonArray();
        for (var i = 0; i < hops.Count; i++)
        {
            var start = hops[i].Min(r => r.Started);
            // The last hop ends with its last service's hop: what follows it (the role's summary, the report) is the
            // playbook's tail, reported on its own (tail_s), not the hop's orchestration.
            var end = i + 1 < hops.Count ? hops[i + 1].Min(r => r.Started) : hops[i].Max(r => r.Finished);
            windows.Add(new JsonObject
            {
                ["from"] = hops[i].Key.From,
                ["to"] = hops[i].Key.To,
                ["offset_s"] = (start - playbookStarted).TotalSeconds,
                ["window_s"] = (end - start).TotalSeconds,
                ["tail_s"] = i + 1 < hops.Count ? null : (playbookEnded - end).TotalSeconds,
                ["services"] = new JsonObject(hops[i].Select(r => KeyValuePair.Create(r.Service, (JsonNode?)new JsonObject
                {
                    ["seconds"] = (r.Finished - r.Started).TotalSeconds,
                    ["offset_s"] = (r.Started - start).TotalSeconds,
                    ["steps"] = r.Steps,
                }))),
            });
        }

        return windows;
    }

    private static DateTimeOffset Time(JsonNode n) => DateTimeOffset.Parse(n.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
