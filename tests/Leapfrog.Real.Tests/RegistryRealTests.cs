using System.Text.Json.Nodes;
using Leapfrog.Real.Tests.Support;
using Leapfrog.Real.Tests.Support.Deployments;

namespace Leapfrog.Real.Tests;

[Trait("tier", "real")]
public sealed class RegistryRealTests(ITestOutputHelper log)
{
    // victoria's own DB API writes the row, at victoria's own SERVICE_VERSION (as a victoria nova-compute registers itself).
    private const string Register = """
        import sys
        from oslo_utils import uuidutils
        from nova import config, context, objects
        from nova.db import api as db
        from nova.objects import service
        config.parse_args(['register'] + sum((['--config-file', f] for f in sys.argv[2:]), []), init_rpc=False)
        objects.register_all()
        row = db.service_create(context.get_admin_context(), {'host': sys.argv[1], 'binary': 'nova-compute', 'topic': 'compute',
                                'version': service.SERVICE_VERSION, 'uuid': uuidutils.generate_uuid(), 'report_count': 1})
        print(row['version'])
        """;

    /// <summary>
    /// nova made by victoria, with a nova-compute registered by victoria's own code in cell1 and in cell2, hopped
    /// victoria -> zed -> 2025.1 (the last flagged final_hop): the registry names both computes too old for 2025.1, with
    /// their cells and victoria's version, and the workaround; nova 2025.1's own check (nova-status upgrade check,
    /// "Older than N-1 computes", which calls raise_if_old_compute) fails with the very message the registry reports.
    /// </summary>
    [Fact]
    public void After_victoria_to_zed_to_2025_1_the_registry_names_victorias_computes_too_old_as_nova_2025_1s_own_check_does()
    {
        var cloud = RealCloud.Shared;
        var prefix = $"reg{cloud.Next()}_";
        var nova = new NovaDeployment(cloud, log, prefix);
        nova.Create();
        var victoria = Suite.Bullseye;
        var zed = Suite.Bookworm;
        var epoxy = Suite.Trixie;
        var version = ReleaseTools.Must(log, victoria, [], "python3", "-c", Register, "old-compute-1", nova.ConfigFile).LastLine.Trim();
        ReleaseTools.Must(log, victoria, [], "python3", "-c", Register, "old-compute-2", nova.ConfigFile, nova.Cell2Config);
        log.WriteLine($"victoria's nova-compute service version: {version}");
        var stateDir = Path.Combine(cloud.Root, "state", prefix + "nova");

        var (middle, _) = HopModule.Run(cloud, log, "nova", "victoria", zed.ReleaseOf("nova")!, zed, nova.ConfigFile, stateDir, allowUnsupported: true);
        Assert.False(middle["failed"]!.GetValue<bool>(), middle["msg"]?.ToString());
        Assert.Null(middle["registry"]);

        var (last, _) = HopModule.Run(cloud, log, "nova", zed.ReleaseOf("nova")!, epoxy.ReleaseOf("nova")!, epoxy, nova.ConfigFile, stateDir,
            allowUnsupported: true, extra: new JsonObject { ["final_hop"] = true });

        Assert.False(last["failed"]!.GetValue<bool>(), last["msg"]?.ToString());
        var registry = Assert.IsType<JsonObject>(last["registry"]);
        log.WriteLine(registry.ToJsonString());
        Assert.Equal("too_old", (string?)registry["verdict"]);
        Assert.Equal("[workarounds] disable_compute_service_check_for_ffu = True", (string?)registry["workaround"]);
        var old = registry["rows"]!.AsArray().OfType<JsonObject>().Where(r => (string?)r["status"] == "too_old")
            .Select(r => ((string?)r["host"], (string?)r["cell"], (string?)r["versions"]!["version"])).OrderBy(r => r.Item1).ToList();
        Assert.Equal([("old-compute-1", "cell1", version), ("old-compute-2", "cell2", version)], old);
        Assert.Contains("old-compute-1", (string?)registry["msg"]);
        Assert.Contains("disable_compute_service_check_for_ffu", (string?)registry["msg"]);

        // nova 2025.1's own tool, run by the test: its minimum-version check fails, with the message the registry carries.
        var status = ReleaseTools.Run(epoxy, "nova-status", "--config-file", nova.ConfigFile, "upgrade", "check");
        log.WriteLine(status.Stdout);
        var check = status.Stdout.Split("Check: ")
            .Single(b => b.StartsWith("Older than N-1 computes", StringComparison.Ordinal));
        Assert.Contains("Result: Failure", check);
        var releaseCheck = (string?)registry["release_check"];
        Assert.StartsWith("too_old: ", releaseCheck);
        var said = string.Join(" ", check.Split('\n').Select(l => l.Trim('|', ' ')).Where(l => l.Length > 0 && !l.StartsWith('+')));
        var ours = releaseCheck!["too_old: ".Length..];
        Assert.Contains(string.Join(" ", ours.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(8)), said);
    }
}
