using System.Globalization;
using System.Text.Json.Nodes;
using Leapfrog.Core;
using Leapfrog.Engine;
using Leapfrog.Module.Hop;
using Leapfrog.Remote;

namespace Leapfrog.Module.Rehearse;

/// <summary>leapfrog.openstack.rehearse: start or stop the rehearsal's scratch copy, or write its record and prediction.</summary>
internal static class RehearseModule
{
    /// <summary>Validates everything, then runs. Bad input fails before any connection is made.</summary>
    public static async Task<JsonObject> RunAsync(ModuleArgs args)
    {
        var action = RehearseArgs.Action(args);
        if (action == "record")
        {
            return Record(args);
        }

        ScratchRequest request;
        ShellOptions connection;
        try
        {
            request = RehearseArgs.Request(args, action == "start");
            connection = HopArgs.Connection(args);
        }
        catch (InvalidRequestException ex)
        {
            throw new InvalidRequestException($"{ex.Message}; nothing was started");
        }

        if (args.CheckMode)
        {
            return new JsonObject { ["changed"] = true, ["msg"] = $"would {action} the rehearsal's scratch copy in {request.Directory}" };
        }

        var reconnect = TimeSpan.FromSeconds(args.GetInt("reconnect_timeout", 300, 0, 86400));
        await using var shell = ShellFactory.Create(connection, TimeProvider.System);
        var o = await new ScratchRunner(shell, request, TimeProvider.System, reconnect).RunAsync().ConfigureAwait(false);
        return new JsonObject
        {
            ["changed"] = o.Changed,
            ["msg"] = o.Message,
            ["server_lost"] = o.ServerLost,
            ["target"] = shell.Target,
            ["directory"] = request.Directory,
            ["state_dir"] = request.StateDir,
            ["port"] = o.Port,
            ["overlays"] = new JsonObject(o.Overlays.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
            ["databases"] = new JsonArray(o.Databases.Select(d => (JsonNode)new JsonObject
            {
                ["service"] = d.Service, ["database"] = d.Database, ["origin"] = d.Origin, ["bytes"] = d.Bytes,
                ["dump_s"] = d.DumpSeconds, ["load_s"] = d.LoadSeconds,
            }).ToArray()),
            ["backup_seconds"] = new JsonObject(o.BackupSeconds.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)Math.Round(kv.Value, 3)))),
            ["largest_tables"] = new JsonArray(o.LargestTables.Select(t => (JsonNode)new JsonObject
            {
                ["database"] = t.Database, ["table"] = t.Table, ["bytes"] = t.Bytes, ["rows"] = t.Rows,
            }).ToArray()),
            ["bytes"] = o.Bytes,
            ["free_bytes"] = o.FreeBytes,
            ["cells_pointed"] = o.CellsPointed,
            ["warnings"] = new JsonArray(o.Warnings.Select(w => (JsonNode)w).ToArray()),
            ["load"] = o.Load,
            ["hop_times"] = new JsonArray(o.HopTimes.Select(h => (JsonNode)new JsonObject
            {
                ["service"] = h.Service, ["run_id"] = h.RunId, ["from"] = h.From, ["to"] = h.To, ["started"] = h.Started, ["finished"] = h.Finished, ["outcome"] = h.Outcome,
            }).ToArray()),
        };
    }

    private const string ScratchLost =
        "The scratch server was not running when the rehearsal ended (it stopped or was killed during the chain): what the chain reported is no verdict on the upgrade; rerun the rehearsal.";

    /// <summary>Writes the record on the machine the module runs on (the control node) and returns the prediction's lines.</summary>
    private static JsonObject Record(ModuleArgs args)
    {
        var run = args.GetObject("rehearsal") ?? throw new InvalidRequestException("rehearsal: the rehearsal's results, plan and copy are required for action record");
        var dest = Inputs.Path(args.GetString("dest") ?? throw new InvalidRequestException("dest: where the record goes on the control node"), "dest");
        var plan = run["plan"] as JsonObject ?? throw new InvalidRequestException("rehearsal.plan: the plan module's result is required");
        var results = run["results"] as JsonArray ?? [];
        var stopped = run["stopped"] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
        var record = RehearsalRecord.Build(results, plan, run["copy"] as JsonObject, args.GetBool("parallel", true), args.GetBool("backup", true), stopped,
            DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture), run["timing"] as JsonObject);
        var lines = RehearsalRecord.Summary(record, dest);
        if (run["scratch_lost"] is JsonValue l && l.TryGetValue<bool>(out var lost) && lost)
        {
            // What the chain reported after the copy went away is no verdict on the upgrade.
            record["outcome"] = "scratch_lost";
            lines = [ScratchLost, .. lines];
        }

        if (!args.CheckMode)
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
                var tmp = dest + ".tmp";
                File.WriteAllText(tmp, record.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n");
                File.Move(tmp, dest, overwrite: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new InvalidRequestException($"dest: cannot write {dest}: {ex.Message}");
            }
        }

        return new JsonObject
        {
            ["changed"] = !args.CheckMode,
            ["msg"] = lines[0],
            ["outcome"] = record["outcome"]?.DeepClone(),
            ["predicted_window_s"] = record["predicted_window_s"]?.DeepClone(),
            ["blocker"] = record["blocker"]?.DeepClone(),
            ["record"] = dest,
            ["summary"] = new JsonArray(lines.Select(l => (JsonNode)l).ToArray()),
        };
    }
}
