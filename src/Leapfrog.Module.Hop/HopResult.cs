using System.Text.Json.Nodes;
using Leapfrog.Core.Outcomes;
using Leapfrog.Engine;

namespace Leapfrog.Module.Hop;

/// <summary>The module's result object (keys as documented in hop.yml).</summary>
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
        ["probe"] = Step(o.Probe),
        ["schema_before"] = Databases(o.SchemaBefore),
        ["schema_after"] = Databases(o.SchemaAfter),
        ["data_migrations"] = new JsonObject
        {
            ["batches"] = o.DataBatches,
            ["outcome"] = o.DataOutcome.Name(),
            ["migrations"] = Migrations(o.DataMigrations),
        },
        ["upgrade_checks"] = new JsonArray(o.UpgradeChecks.Select(c => (JsonNode)new JsonObject
        {
            ["check"] = c.Check, ["result"] = c.Result, ["details"] = c.Details, ["verdict"] = c.Verdict, ["why"] = c.Why,
        }).ToArray()),
        ["steps"] = new JsonArray(o.Steps.Select(s => (JsonNode?)Step(s)).ToArray()),
        ["cells"] = new JsonArray(o.Cells.Select(c => (JsonNode)Cell(c)).ToArray()),
        ["blockers"] = new JsonArray(o.Blockers.Select(b => (JsonNode)new JsonObject
        {
            ["id"] = b.Id,
            ["severity"] = b.Severity,
            ["status"] = b.Status.Name(),
            ["cell"] = b.Cell,
            ["details"] = new JsonArray(b.Details.Select(d => (JsonNode)d).ToArray()),
            ["error"] = b.Error,
            ["msg"] = b.Message,
            ["fix"] = b.Fix,
            ["source"] = b.Source,
        }).ToArray()),
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

    private static JsonObject Cell(CellReport c) => new()
    {
        ["name"] = c.Name,
        ["uuid"] = c.Uuid,
        ["outcome"] = c.Outcome.Name(),
        ["msg"] = c.Message,
        ["steps"] = new JsonArray(c.Steps.Select(s => (JsonNode?)Step(s)).ToArray()),
        ["data_migrations"] = Migrations(c.DataMigrations),
    };

    private static JsonArray Migrations(IReadOnlyList<MigrationProgress> migrations) =>
        new(migrations.Select(m => (JsonNode)new JsonObject
        {
            ["name"] = m.Name,
            ["needed"] = m.Needed,
            ["completed"] = m.Completed,
            ["last_needed"] = m.LastNeeded,
            ["last_completed"] = m.LastCompleted,
            ["batches"] = m.Batches,
            ["left"] = m.Left,
            ["left_why"] = m.LeftWhy,
        }).ToArray());

    private static JsonObject? Step(StepReport? s) => s is null ? null : new JsonObject
    {
        ["name"] = s.Name,
        ["kind"] = s.Kind.Name(),
        ["command"] = s.Command,
        ["rc"] = s.Rc,
        ["meaning"] = s.Meaning?.Name(),
        ["outcome"] = s.Outcome.Name(),
        ["stdout"] = s.Stdout,
        ["stderr"] = s.Stderr,
        ["error"] = s.Error,
        ["started"] = s.Started,
        ["duration_s"] = s.DurationS,
        ["attempts"] = s.Attempts,
        ["resumed"] = s.Resumed,
    };
}
