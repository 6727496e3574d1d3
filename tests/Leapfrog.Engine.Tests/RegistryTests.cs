using Leapfrog.Core.Catalog;
using Leapfrog.Core.Outcomes;

namespace Leapfrog.Engine.Tests;

/// <summary>
/// The registry after the jump: on the final hop, every services row (every cell's for nova) read by the toolbox's own
/// python3 from the real MariaDB, judged by the release's answer; dead rows listed, and removed only when asked,
/// after a backup on the controller; nothing read on a middle hop.
/// </summary>
[Collection("controller")]
public sealed class RegistryTests(ControllerFixture fx)
{
    // A stand-in for nova 2025.1's own answer (the real one is asked in the real tier): Caracal = 66.
    private const string NovaAnswer =
        "import json; print(json.dumps({'oldest': 66, 'oldest_name': 'Caracal', 'verdict': 'too_old', 'message': 'stand-in: too old'}))";

    private const string NovaServices = """
        CREATE TABLE services (id INT AUTO_INCREMENT PRIMARY KEY, host VARCHAR(255), `binary` VARCHAR(255), topic VARCHAR(255),
          version INT, forced_down TINYINT(1) DEFAULT 0, disabled TINYINT(1) DEFAULT 0, deleted INT DEFAULT 0,
          created_at DATETIME, updated_at DATETIME, deleted_at DATETIME);
        CREATE TABLE compute_nodes (id INT AUTO_INCREMENT PRIMARY KEY, service_id INT, host VARCHAR(255), deleted INT DEFAULT 0, deleted_at DATETIME);
        """;

    [Fact]
    public async Task The_final_hop_names_novas_too_old_computes_in_every_cell_and_the_workaround_and_lists_dead_rows_only()
    {
        var (cloud, _) = Nova();

        var middle = await cloud.HopAsync("2024.1", "2025.1", r => WithNova(r) with { FinalHop = false });
        Assert.Null(middle.Registry);
        Assert.DoesNotContain(Leapfrog.Testing.FakeToolboxLogEntry.ReadLines(cloud.ExecLog), l => l.Contains("\\\"registry\\\"", StringComparison.Ordinal));

        var (cloud2, cellDb2) = Nova();
        var outcome = await cloud2.HopAsync("2024.1", "2025.1", WithNova);

        Assert.False(outcome.Failed, outcome.Message);
        var r = Assert.IsType<RegistryReport>(outcome.Registry);
        Assert.Equal(RegistryVerdict.TooOld, r.Verdict);
        Assert.Equal("66 (Caracal)", r.Oldest);
        Assert.Equal("too_old: stand-in: too old", r.ReleaseCheck);
        Assert.Equal("[workarounds] disable_compute_service_check_for_ffu = True", r.Workaround);
        var statuses = r.Rows.Select(x => (x.Cell, x.Host, x.Binary, x.Status)).ToList();
        Assert.Contains((null, "compute1", "nova-compute", RegistryVerdict.TooOld), statuses);
        Assert.Contains((null, "compute2", "nova-compute", RegistryVerdict.Accepted), statuses);
        Assert.Contains((null, "control", "nova-conductor", RegistryVerdict.Accepted), statuses); // only computes are checked
        Assert.Contains((null, "forced", "nova-compute", RegistryVerdict.Accepted), statuses);   // forced down: nova leaves it out
        Assert.Contains((null, "gone", "nova-compute", RegistryVerdict.Deleted), statuses);
        Assert.Contains(("cell1", "compute3", "nova-compute", RegistryVerdict.TooOld), statuses);
        Assert.Equal([("version", (string?)"52")], Assert.Single(r.Rows, x => x.Host == "compute1").Versions.Select(v => (v.Key, v.Value)));
        Assert.Contains("compute1 nova-compute (version=52)", r.Message);
        Assert.Contains("compute3 nova-compute (cell cell1, version=60)", r.Message);
        Assert.Contains("disable_compute_service_check_for_ffu", r.Message);
        Assert.Equal(["compute1"], r.Rows.Where(x => x.Dead).Select(x => x.Host));
        Assert.Contains("listed only", r.Message);
        Assert.False(r.RemoveDead);
        Assert.Null(r.Backup);
        Assert.Contains(outcome.Warnings, w => w.StartsWith("registry of nova:", StringComparison.Ordinal));
        Assert.Equal("0", cloud2.Scalar("SELECT COUNT(*) FROM services WHERE deleted <> 0 AND host <> 'gone'"));
        Assert.Equal("0", fx.Db.Scalar("SELECT COUNT(*) FROM services WHERE deleted <> 0 AND host <> 'gone'", cellDb2));
    }

    [Fact]
    public async Task Dead_rows_are_backed_up_then_soft_deleted_as_nova_does_only_when_asked_and_only_once()
    {
        var (cloud, _) = Nova();

        var outcome = await cloud.HopAsync("2024.1", "2025.1", r => WithNova(r) with { RegistryRemoveDeadAfter = TimeSpan.FromDays(30) });

        Assert.False(outcome.Failed, outcome.Message);
        var r = outcome.Registry!;
        Assert.True(r.RemoveDead);
        var removed = Assert.Single(r.Rows, x => x.Removed);
        Assert.Equal("compute1", removed.Host);
        // nova's service_destroy: deleted = id, deleted_at set, and the compute's compute_nodes rows too.
        Assert.Equal("1", cloud.Scalar("SELECT COUNT(*) FROM services WHERE host = 'compute1' AND deleted = id AND deleted_at IS NOT NULL"));
        Assert.Equal("1", cloud.Scalar("SELECT COUNT(*) FROM compute_nodes WHERE host = 'compute1' AND deleted = id"));
        Assert.Equal("0", cloud.Scalar("SELECT COUNT(*) FROM services WHERE host <> 'compute1' AND host <> 'gone' AND deleted <> 0"));
        Assert.Equal("0", cloud.Scalar("SELECT COUNT(*) FROM compute_nodes WHERE host <> 'compute1' AND deleted <> 0"));

        var backup = Assert.IsType<string>(r.Backup);
        Assert.StartsWith(cloud.StateDir, backup);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(backup));
        var saved = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(backup))!;
        var row = Assert.Single(saved["rows"]!.AsArray())!;
        Assert.Equal("compute1", (string?)row["host"]);
        Assert.Equal(0, (int)row["deleted"]!); // as it was before the removal

        var again = await cloud.HopAsync("2024.1", "2025.1", r2 => WithNova(r2) with { RegistryRemoveDeadAfter = TimeSpan.FromDays(1) });
        Assert.True(again.AlreadyDone);
        Assert.Null(again.Registry);
        Assert.Equal("1", cloud.Scalar("SELECT COUNT(*) FROM services WHERE deleted <> 0 AND host <> 'gone'"));
    }

    [Fact]
    public async Task Check_mode_lists_the_rows_a_removal_would_take_and_changes_nothing()
    {
        var (cloud, _) = Nova();

        var check = await cloud.HopAsync("2024.1", "2025.1", r => WithNova(r) with { CheckMode = true, RegistryRemoveDeadAfter = TimeSpan.FromDays(30) });

        var r = check.Registry!;
        Assert.Equal(["compute1"], r.Rows.Where(x => x.Dead).Select(x => x.Host));
        Assert.False(r.RemoveDead);
        Assert.DoesNotContain(r.Rows, x => x.Removed);
        Assert.Equal("0", cloud.Scalar("SELECT COUNT(*) FROM services WHERE deleted <> 0 AND host <> 'gone'"));
        Assert.Equal(0, cloud.Executions("db", "sync"));
    }

    [Fact]
    public async Task Cinder_rows_at_older_versions_than_the_release_writes_are_reported_as_pinned()
    {
        var cloud = new Cloud(fx, "cinder", "wallaby");
        fx.Db.Exec("""
            CREATE TABLE services (id INT AUTO_INCREMENT PRIMARY KEY, host VARCHAR(255), `binary` VARCHAR(255), disabled TINYINT(1) DEFAULT 0,
              deleted TINYINT(1) DEFAULT 0, rpc_current_version VARCHAR(36), object_current_version VARCHAR(36),
              created_at DATETIME, updated_at DATETIME, deleted_at DATETIME);
            INSERT INTO services (host, `binary`, rpc_current_version, object_current_version, created_at, updated_at) VALUES
              ('vol1', 'cinder-volume', '3.17', '1.39', UTC_TIMESTAMP(), UTC_TIMESTAMP()),
              ('sched1', 'cinder-scheduler', '3.11', '1.38', UTC_TIMESTAMP(), UTC_TIMESTAMP());
            """, cloud.Database);
        var def = RegistryCatalog.For("cinder")!;
        var answer = "import json; print(json.dumps({'rpc': {'cinder-volume': '3.17', 'cinder-scheduler': '3.12'}, 'objects': '1.39'}))";

        var outcome = await cloud.HopAsync("wallaby", "xena", r => r with
        {
            FinalHop = true, Registry = def with { Accept = def.Accept with { Python = answer } },
        });

        Assert.False(outcome.Failed, outcome.Message);
        var r = outcome.Registry!;
        Assert.Equal(RegistryVerdict.Pinned, r.Verdict);
        Assert.Equal(["vol1:accepted", "sched1:pinned"], r.Rows.Select(x => $"{x.Host}:{x.Status.Name()}"));
        Assert.Equal(["rpc_current_version=3.11", "object_current_version=1.38"], r.Rows[1].Versions.Select(v => $"{v.Key}={v.Value}"));
        Assert.Null(r.Workaround);
    }

    [Fact]
    public async Task A_release_that_cannot_answer_is_could_not_check_never_accepted_and_the_hop_stands()
    {
        var (cloud, _) = Nova();
        var def = RegistryCatalog.For("nova")!;

        var outcome = await cloud.HopAsync("2024.1", "2025.1", r => r with
        {
            FinalHop = true, Registry = def with { Accept = def.Accept with { Python = "import sys; sys.exit('no nova here')" } },
        });

        Assert.False(outcome.Failed, outcome.Message);
        Assert.True(outcome.Verified);
        var r = outcome.Registry!;
        Assert.Equal(RegistryVerdict.CouldNotCheck, r.Verdict);
        Assert.Contains(r.Errors, e => e.Contains("no nova here", StringComparison.Ordinal));
        Assert.All(r.Rows.Where(x => !x.Deleted), x => Assert.Equal(RegistryVerdict.CouldNotCheck, x.Status));
    }

    private (Cloud Cloud, string CellDb) Nova()
    {
        var cloud = new Cloud(fx, "nova", "2024.1");
        var cellDb = $"{cloud.Database}_cell1";
        fx.Db.CreateDatabase(cellDb);
        fx.Db.Exec(NovaServices + """
            INSERT INTO services (host, `binary`, version, forced_down, deleted, created_at, updated_at) VALUES
              ('compute1', 'nova-compute', 52, 0, 0, UTC_TIMESTAMP() - INTERVAL 60 DAY, UTC_TIMESTAMP() - INTERVAL 40 DAY),
              ('compute2', 'nova-compute', 68, 0, 0, UTC_TIMESTAMP() - INTERVAL 60 DAY, UTC_TIMESTAMP()),
              ('control', 'nova-conductor', 52, 0, 0, UTC_TIMESTAMP() - INTERVAL 60 DAY, UTC_TIMESTAMP()),
              ('forced', 'nova-compute', 40, 1, 0, UTC_TIMESTAMP() - INTERVAL 60 DAY, UTC_TIMESTAMP()),
              ('gone', 'nova-compute', 30, 0, 5, UTC_TIMESTAMP() - INTERVAL 90 DAY, UTC_TIMESTAMP() - INTERVAL 80 DAY);
            UPDATE services SET deleted = id WHERE host = 'gone';
            INSERT INTO compute_nodes (service_id, host) VALUES (1, 'compute1'), (2, 'compute2');
            """, cloud.Database);
        fx.Db.Exec(NovaServices + """
            INSERT INTO services (host, `binary`, version, created_at, updated_at) VALUES
              ('compute3', 'nova-compute', 60, UTC_TIMESTAMP() - INTERVAL 2 DAY, UTC_TIMESTAMP() - INTERVAL 1 DAY);
            """, cellDb);
        var cellUrl = fx.Db.ConnectionUrl(cellDb).Replace("'", "''", StringComparison.Ordinal);
        fx.Db.Exec($"""
            CREATE TABLE cell_mappings (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(255), database_connection TEXT);
            INSERT INTO cell_mappings (name, database_connection) VALUES ('cell1', '{cellUrl}');
            """, cloud.ApiDatabase);
        return (cloud, cellDb);
    }

    private static HopRequest WithNova(HopRequest r)
    {
        var def = RegistryCatalog.For("nova")!;
        return r with { FinalHop = true, Registry = def with { Accept = def.Accept with { Python = NovaAnswer } } };
    }
}
