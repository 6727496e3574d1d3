using System.Text.Json.Nodes;
using Leapfrog.Engine;
using Leapfrog.Module.Hop;
using Leapfrog.Remote;

namespace Leapfrog.Module.Backup;

/// <summary>leapfrog.openstack.backup: backup, restore or probe of one service's databases.</summary>
internal static class BackupModule
{
    /// <summary>Validates everything, then runs. Bad input fails before any connection is made.</summary>
    public static async Task<JsonObject> RunAsync(ModuleArgs args)
    {
        if (BackupProbe.Asked(args))
        {
            return await BackupProbe.RunAsync(args).ConfigureAwait(false);
        }

        var request = BackupArgs.Request(args);
        var connection = HopArgs.Connection(args);
        var reconnect = TimeSpan.FromSeconds(args.GetInt("reconnect_timeout", 300, 0, 86400));
        await using var shell = ShellFactory.Create(connection, TimeProvider.System);
        var o = await new BackupRunner(shell, request, TimeProvider.System, reconnect).RunAsync().ConfigureAwait(false);
        return new JsonObject
        {
            ["changed"] = o.Changed,
            ["msg"] = o.Message,
            ["action"] = request.Action.ToString().ToLowerInvariant(),
            ["service"] = request.Service.Name,
            ["target"] = shell.Target,
            ["directory"] = request.Action == BackupAction.Probe ? null : o.Directory,
            ["manifest"] = o.Manifest,
            ["created"] = o.Created,
            ["dumps"] = new JsonArray(o.Dumps.Select(d => (JsonNode)new JsonObject
            {
                ["database"] = d.Database, ["origin"] = d.Origin, ["file"] = d.File, ["sha256"] = d.Sha256, ["bytes"] = d.Bytes,
                ["seconds"] = d.Seconds, ["resumed"] = d.Resumed,
            }).ToArray()),
            ["databases"] = new JsonArray(o.Databases.Select(d => (JsonNode)new JsonObject
            {
                ["database"] = d.Database, ["origin"] = d.Origin, ["present"] = d.Present, ["bytes"] = d.Bytes, ["server"] = d.Server,
            }).ToArray()),
            ["bytes"] = request.Action == BackupAction.Probe ? o.Databases.Sum(d => d.Bytes) : o.Dumps.Sum(d => d.Bytes),
            ["absent"] = new JsonArray(o.Absent.Select(s => (JsonNode)s).ToArray()),
            ["removed"] = new JsonArray(o.Removed.Select(s => (JsonNode)s).ToArray()),
            ["would_run"] = new JsonArray(o.WouldRun.Select(s => (JsonNode)s).ToArray()),
            ["warnings"] = new JsonArray(o.Warnings.Select(w => (JsonNode)w).ToArray()),
            ["controller_calls"] = o.ControllerCalls,
            ["reconnects"] = o.Reconnects,
        };
    }
}
