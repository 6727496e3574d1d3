using System.Text.Json.Nodes;
using Leapfrog.Core.Outcomes;
using Leapfrog.Engine;

namespace Leapfrog.Module.Hop;

/// <summary>The hop result's <c>registry</c> key (documented in hop.yml).</summary>
internal static class RegistryResult
{
    public static JsonObject? ToJson(RegistryReport? r) => r is null ? null : new JsonObject
    {
        ["service"] = r.Service,
        ["table"] = r.Table,
        ["release"] = r.Release,
        ["verdict"] = r.Verdict.Name(),
        ["msg"] = r.Message,
        ["release_check"] = r.ReleaseCheck,
        ["oldest"] = r.Oldest,
        ["workaround"] = r.Workaround,
        ["source"] = r.Source,
        ["dead_after_s"] = r.DeadAfterS,
        ["remove_dead"] = r.RemoveDead,
        ["backup"] = r.Backup,
        ["errors"] = new JsonArray(r.Errors.Select(e => (JsonNode)e).ToArray()),
        ["rows"] = new JsonArray(r.Rows.Select(x => (JsonNode)new JsonObject
        {
            ["cell"] = x.Cell,
            ["id"] = x.Id,
            ["host"] = x.Host,
            ["binary"] = x.Binary,
            ["versions"] = new JsonObject(x.Versions.Select(v => new KeyValuePair<string, JsonNode?>(v.Key, v.Value))),
            ["last_seen"] = x.LastSeen,
            ["age_s"] = x.AgeS,
            ["deleted"] = x.Deleted,
            ["disabled"] = x.Disabled,
            ["status"] = x.Status.Name(),
            ["dead"] = x.Dead,
            ["removed"] = x.Removed,
        }).ToArray()),
    };
}
