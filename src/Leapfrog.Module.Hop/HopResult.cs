using System.Text.Json.Nodes;
using Leapfrog.Core.Outcomes;
using Leapfrog.Engine;

namespace Leapfrog.Module.Hop;

/// <summary>The module's result object (keys as documented in hop.yml); steps, cells, blockers and data migrations are written by <see cref="ResultJson"/>.</summary>
internal static class HopResult
{
    public static JsonObject ToJson(HopOutcome o, HopRequest request, string target) => new()
    {
        ["changed"] = o.Changed,
        ["failed"] = o.Failed,
        ["msg"] = o.Message,
        ["service"] = request.Service.Name,
        ["from_release"] = request.From.Id,
        ["to_release"] = request.To.Id,
        ["target"] = target,
        ["toolbox"] = (o.Toolbox ?? request.Toolbox).ToJson(),
        ["toolbox_version"] = o.ToolboxVersion,
        ["already_done"] = o.AlreadyDone,
        ["verified"] = o.Verified,
        ["probe"] = ResultJson.Step(o.Probe),
        ["schema_before"] = Databases(o.SchemaBefore),
        ["schema_after"] = Databases(o.SchemaAfter),
        ["data_migrations"] = new JsonObject
        {
            ["batches"] = o.DataBatches,
            ["outcome"] = o.DataOutcome.Name(),
            ["migrations"] = ResultJson.Migrations(o.DataMigrations),
        },
        ["upgrade_checks"] = new JsonArray(o.UpgradeChecks.Select(c => (JsonNode)new JsonObject
        {
            ["check"] = c.Check, ["result"] = c.Result, ["details"] = c.Details, ["verdict"] = c.Verdict, ["why"] = c.Why,
        }).ToArray()),
        ["steps"] = ResultJson.Steps(o.Steps),
        ["cells"] = ResultJson.Cells(o.Cells),
        ["blockers"] = ResultJson.Blockers(o.Blockers),
        ["registry"] = RegistryResult.ToJson(o.Registry),
        ["warnings"] = new JsonArray(o.Warnings.Select(w => (JsonNode)w).ToArray()),
        ["run_id"] = o.RunId,
        ["state_file"] = o.StateFile,
        ["controller_calls"] = o.ControllerCalls,
        ["reconnects"] = o.Reconnects,
    };

    private static JsonArray Databases(IReadOnlyList<DatabaseRevision> databases) =>
        new(databases.Select(d => (JsonNode)new JsonObject
        {
            ["database"] = d.Database ?? d.Name,
            ["name"] = d.Name,
            ["cell"] = d.Cell,
            ["revision"] = Strings(d.Revision),
            ["heads"] = Strings(d.Heads),
            ["at_head"] = d.AtHead,
            ["layout"] = d.Layout,
            ["error"] = d.Error,
        }).ToArray());

    private static JsonArray? Strings(IReadOnlyList<string>? list) =>
        list is null ? null : new JsonArray(list.Select(x => (JsonNode)x).ToArray());

}
