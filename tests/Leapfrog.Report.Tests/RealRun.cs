using System.Text.Json.Nodes;
using Leapfrog.Engine;
using Leapfrog.Engine.Tests;

namespace Leapfrog.Report.Tests;

/// <summary>
/// State files made by real hops: the hop engine over SSH to the test sshd, the fake release tools against MariaDB.
/// keystone victoria -> wallaby -> xena, glance victoria -> wallaby (a failed first try, then a resumed rerun) whose
/// contract tool prints markup. The hop outcomes are kept as the module would return them (plugins/modules/hop.yml).
/// </summary>
public sealed class RealRun : IAsyncLifetime
{
    public const string Markup = "<script>window.__pwned = 1</script><b>bold</b>";

    public ControllerFixture Controller { get; } = new();

    public List<Cloud> Clouds { get; } = [];

    public JsonArray Results { get; } = [];

    public string StateDir { get; } = Path.Combine(Path.GetTempPath(), "lf-report-" + Guid.NewGuid().ToString("N")[..8]);

    public async Task InitializeAsync()
    {
        var keystone = new Cloud(Controller, "keystone", "victoria");
        Clouds.Add(keystone);
        Add(keystone, await keystone.HopAsync("victoria", "wallaby"), "victoria", "wallaby");
        Add(keystone, await keystone.HopAsync("wallaby", "xena"), "wallaby", "xena");

        var glance = new Cloud(Controller, "glance", "victoria");
        Clouds.Add(glance);
        var tool = glance.Toolbox("wallaby").BinPath("glance-manage");
        var wrapper = File.ReadAllText(tool);
        File.WriteAllText(tool, wrapper.Replace("exec ", $"printf '%s\\n' '{Markup}' >&2\nexec ", StringComparison.Ordinal));
        glance.Configure(c => c with { FailStep = "contract" });
        Add(glance, await glance.HopAsync("victoria", "wallaby"), "victoria", "wallaby");
        glance.Configure(c => c with { FailStep = null });
        Add(glance, await glance.HopAsync("victoria", "wallaby"), "victoria", "wallaby");

        // One state directory, as the playbook fetches them from a controller.
        Directory.CreateDirectory(StateDir);
        foreach (var cloud in Clouds)
        {
            File.Copy(cloud.StateFile, Path.Combine(StateDir, Path.GetFileName(cloud.StateFile)));
        }
    }

    public Task DisposeAsync()
    {
        Controller.Dispose();
        Directory.Delete(StateDir, recursive: true);
        return Task.CompletedTask;
    }

    private void Add(Cloud cloud, HopOutcome o, string from, string to) => Results.Add(new JsonObject
    {
        ["service"] = cloud.Service.Name,
        ["from_release"] = Leapfrog.Core.Releases.ReleaseCatalog.Default.Find(from, "from").Id,
        ["to_release"] = Leapfrog.Core.Releases.ReleaseCatalog.Default.Find(to, "to").Id,
        ["failed"] = o.Failed,
        ["msg"] = o.Message,
        ["verified"] = o.Verified,
        ["run_id"] = o.RunId,
        ["warnings"] = new JsonArray(o.Warnings.Select(w => (JsonNode)w).ToArray()),
        ["reconnects"] = o.Reconnects,
        ["steps"] = ResultJson.Steps(o.Steps), // as the hop module writes them
        ["schema_after"] = new JsonArray(o.SchemaAfter.Select(d => (JsonNode)new JsonObject
        {
            ["database"] = d.Database ?? d.Name, ["cell"] = d.Cell,
            ["revision"] = d.Revision is null ? null : new JsonArray(d.Revision.Select(x => (JsonNode)x).ToArray()),
            ["heads"] = d.Heads is null ? null : new JsonArray(d.Heads.Select(x => (JsonNode)x).ToArray()),
            ["at_head"] = d.AtHead,
        }).ToArray()),
    });
}

/// <summary>The test classes that read the real run share one.</summary>
[CollectionDefinition("real-run")]
public sealed class RealRunCollection : ICollectionFixture<RealRun>;
