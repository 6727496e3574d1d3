using System.Text.Json;
using Leapfrog.Core.Catalog;
using Leapfrog.Core.Outcomes;

namespace Leapfrog.Engine.Tests;

[Collection("controller")]
public sealed class CellTests(ControllerFixture fx)
{
    [Fact]
    public async Task Every_cell_of_nova_is_synced_and_migrated_through_a_private_overlay_that_is_gone_after()
    {
        var nova = new NovaCells(fx, "cell2");
        var cloud = nova.Cloud;
        var cell2 = nova.Uuid("cell2");
        Assert.Equal("victoria_contracted", nova.Version("victoria", "cell2"));
        cloud.Configure(c => c with { SlowStep = "online_data_migrations", SlowSeconds = 1.5 });
        var modes = new List<UnixFileMode>();
        using var stop = new CancellationTokenSource();
        var watch = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var runs = Path.Combine(cloud.StateDir, "runs", "nova");
                foreach (var file in Directory.Exists(runs) ? Directory.GetFiles(runs, "*.conf", SearchOption.AllDirectories) : [])
                {
                    try
                    {
                        modes.Add(File.GetUnixFileMode(file));
                    }
                    catch (IOException)
                    {
                    }
                }

                await Task.Delay(20);
            }
        });

        var outcome = await cloud.HopAsync("victoria", "wallaby");
        await stop.CancelAsync();
        await watch;

        Assert.False(outcome.Failed, outcome.Message);
        Assert.Equal(["cell0:skipped", "cell1:skipped", "cell2:done"], outcome.Cells.Select(c => $"{c.Name}:{c.Outcome.Name()}"));
        var steps = outcome.Cells.Single(c => c.Name == "cell2").Steps;
        Assert.Equal(["schema:db_sync", "data:online_data_migrations"], steps.Select(s => $"{s.Kind.Name()}:{s.Name}"));
        Assert.All(steps, s => Assert.Equal(StepOutcome.Ok, s.Outcome));
        // The release's own tool says where cell2 is, and its rows are still there.
        Assert.Equal("wallaby_contracted", nova.Version("wallaby", "cell2"));
        Assert.Equal(["cell2-a", "cell2-b"], nova.Markers("cell2"));
        Assert.Equal(1, nova.Runs(cell2, "sync"));
        Assert.Equal(steps[1].Attempts, nova.Runs(cell2, "online_data_migrations"));
        Assert.Equal(1, cloud.Executions("list_cells"));
        // Every cell's schema before the service's own data migrations, which reach into every cell (the fake, as nova from
        // stein, fails them with "Unknown column" while a cell is behind): from the tools' own log, in the order they ran.
        var order = nova.Argvs();
        var cell2Sync = order.FindIndex(a => a.Any(w => w.Contains(cell2, StringComparison.Ordinal)) && a.Contains("sync"));
        var mainData = order.FindIndex(a => !a.Any(w => w.Contains(cell2, StringComparison.Ordinal)) && a.Contains("online_data_migrations"));
        Assert.InRange(cell2Sync, 0, mainData - 1);
        Assert.DoesNotContain(outcome.Steps, s => s.Rc == 2);
        // The overlay existed while the cell's steps ran, readable by its owner only, and is gone now.
        Assert.NotEmpty(modes);
        Assert.All(modes, m => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, m));
        Assert.Empty(Directory.GetFiles(cloud.StateDir, "*.conf", SearchOption.AllDirectories));
        var record = cloud.State()!.Hops.Single();
        Assert.Equal([$"{cell2}:done"], record.Cells.Select(c => $"{c.Uuid}:{c.Outcome.Name()}"));

        var executions = cloud.Executions();
        var again = await cloud.HopAsync("victoria", "wallaby");
        Assert.True(again.AlreadyDone);
        Assert.Equal(executions, cloud.Executions());
    }

    [Fact]
    public async Task With_the_API_database_s_cell_mappings_the_cells_are_read_there_without_starting_the_tool_and_each_still_runs()
    {
        var nova = new NovaCells(fx, "cell2", "cell3");
        var cloud = nova.Cloud;
        // The table a real API database has (the fake tool keeps its mappings in fake_cell_mappings), in reverse id order:
        // the list is sorted by name as list_cells sorts it.
        fx.Db.Exec("CREATE VIEW cell_mappings AS SELECT 100 - CAST(RIGHT(name, 1) AS UNSIGNED) AS id, name, uuid, database_connection FROM fake_cell_mappings",
            cloud.ApiDatabase);

        var outcome = await cloud.HopAsync("victoria", "wallaby");

        Assert.False(outcome.Failed, outcome.Message);
        Assert.Equal(0, cloud.Executions("list_cells"));
        Assert.Equal(["cell0:skipped", "cell1:skipped", "cell2:done", "cell3:done"], outcome.Cells.Select(c => $"{c.Name}:{c.Outcome.Name()}"));
        foreach (var cell in new[] { "cell2", "cell3" })
        {
            // The release's own tool, through each cell's own database URL (its own password) read from the mapping.
            Assert.Equal("wallaby_contracted", nova.Version("wallaby", cell));
            Assert.Equal(1, nova.Runs(nova.Uuid(cell), "sync"));
        }

        Assert.DoesNotContain(NovaCells.Password("cell2"), JsonSerializer.Serialize(outcome));
    }

    [Fact]
    public async Task The_cells_schema_steps_run_alongside_the_service_s_own_db_sync_and_a_rerun_resumes_both()
    {
        var nova = new NovaCells(fx, "cell2");
        var cloud = nova.Cloud;
        var cell2 = nova.Uuid("cell2");
        // Every db sync fails before changing anything, the service's own and each cell's: cell2's still ran, because the
        // catalog starts the cells' schema steps alongside the service's own db_sync (schema_alongside), not after it.
        cloud.Configure(c => c with { FailStep = "db sync", FailRc = 1 });

        var failed = await cloud.HopAsync("victoria", "wallaby");

        Assert.True(failed.Failed);
        Assert.Contains("step schema:db_sync exited 1", failed.Message);
        Assert.Contains($"cell 'cell2' ({cell2}): step schema:db_sync", failed.Message);
        Assert.Equal(1, cloud.Executions("db", "sync") - cloud.Executions("db", "sync", "--local_cell"));
        Assert.Equal(1, nova.Runs(cell2, "sync"));
        Assert.Equal(0, cloud.Executions("online_data_migrations"));

        cloud.Configure(c => c with { FailStep = null });
        var again = await cloud.HopAsync("victoria", "wallaby");

        Assert.False(again.Failed, again.Message);
        Assert.Equal(["cell0:skipped", "cell1:skipped", "cell2:done"], again.Cells.Select(c => $"{c.Name}:{c.Outcome.Name()}"));
        Assert.Equal("wallaby_contracted", nova.Version("wallaby", "cell2"));
        Assert.Equal(2, nova.Runs(cell2, "sync")); // the failed run, then the rerun's
        Assert.Equal(2, cloud.Executions("db", "sync") - cloud.Executions("db", "sync", "--local_cell"));
    }

    [Fact]
    public async Task Check_mode_lists_the_cells_and_what_each_would_run_and_writes_nothing()
    {
        var nova = new NovaCells(fx, "cell2");
        var cloud = nova.Cloud;

        var outcome = await cloud.HopAsync("victoria", "wallaby", r => r with { CheckMode = true });

        Assert.False(outcome.Failed, outcome.Message);
        Assert.Equal(["cell0:skipped", "cell1:skipped", "cell2:would_run"], outcome.Cells.Select(c => $"{c.Name}:{c.Outcome.Name()}"));
        Assert.Equal(["db_sync:would_run", "online_data_migrations:would_run"], outcome.Cells[2].Steps.Select(s => $"{s.Name}:{s.Outcome.Name()}"));
        Assert.False(Directory.Exists(cloud.StateDir));
        Assert.Equal(1, cloud.Executions("list_cells"));
        Assert.Equal(0, cloud.Executions("sync"));
        Assert.Equal("victoria_contracted", nova.Version("victoria", "cell2"));
    }

    [Fact]
    public async Task A_cell_whose_database_is_unreachable_fails_by_name_with_its_password_masked_and_the_rerun_resumes_there()
    {
        var nova = new NovaCells(fx, "cell2", "cell4");
        var cloud = nova.Cloud;
        const string Lost = "Lost-cell3-Pw9z";
        var victoria = cloud.Toolbox("victoria");
        Assert.Equal(0, victoria.Run("nova-manage", "cell_v2", "create_cell", "--name", "cell3", "--transport-url", "rabbit://guest:guest@127.0.0.1:5672/",
            "--database_connection", $"mysql+pymysql://ucell3:{Lost}@127.0.0.1:1/nova_cell3").ExitCode);
        var (cell2, cell3, cell4) = (nova.Uuid("cell2"), nova.Uuid("cell3"), nova.Uuid("cell4"));

        var failed = await cloud.HopAsync("victoria", "wallaby", r => r with { CellConcurrency = 1 });

        Assert.True(failed.Failed);
        Assert.Contains($"cell 'cell3' ({cell3}): step schema:db_sync exited 1", failed.Message);
        Assert.Contains("Can't connect", failed.Message);
        // cell2's schema was synced; no data migration ran anywhere, the service's own included: they reach into every cell.
        Assert.Equal(["cell0:skipped", "cell1:skipped", "cell2:unfinished", "cell3:failed", "cell4:not_run"], failed.Cells.Select(c => $"{c.Name}:{c.Outcome.Name()}"));
        Assert.Equal([$"{cell3}:failed"], cloud.State()!.Hops.Single().Cells.Select(c => $"{c.Uuid}:{c.Outcome.Name()}"));
        Assert.Equal(0, nova.Runs(cell4));
        Assert.Equal(1, nova.Runs(cell2, "sync"));
        Assert.Equal(0, cloud.Executions("online_data_migrations"));
        Assert.Equal("wallaby_contracted", nova.Version("wallaby", "cell2"));
        var artefacts = new List<string> { JsonSerializer.Serialize(failed) };
        artefacts.AddRange(Directory.GetFiles(cloud.StateDir, "*", SearchOption.AllDirectories).Select(File.ReadAllText));
        Assert.True(artefacts.Count > 5, $"{artefacts.Count} artefacts");
        foreach (var secret in new[] { Lost, NovaCells.Password("cell2"), NovaCells.Password("cell4"), Uri.EscapeDataString(ControllerFixture.DbSecret) })
        {
            Assert.All(artefacts, a => Assert.DoesNotContain(secret, a));
        }

        Assert.Empty(Directory.GetFiles(cloud.StateDir, "*.conf", SearchOption.AllDirectories));

        // The operator points the mapping at the cell's real database (nova-manage cell_v2 update_cell), and reruns.
        var fixedUrl = nova.CreateDatabase("cell3");
        fx.Db.Exec($"UPDATE fake_cell_mappings SET database_connection = '{fixedUrl}' WHERE name = 'cell3'", cloud.ApiDatabase);
        Assert.Equal(0, victoria.Run("nova-manage", "--config-file", nova.Overlay("cell3", fixedUrl), "db", "sync", "--local_cell").ExitCode);
        var resumed = await cloud.HopAsync("victoria", "wallaby", r => r with { CellConcurrency = 1 });

        Assert.False(resumed.Failed, resumed.Message);
        Assert.Equal(["cell0:skipped", "cell1:skipped", "cell2:done", "cell3:done", "cell4:done"], resumed.Cells.Select(c => $"{c.Name}:{c.Outcome.Name()}"));
        // The rerun resumed: cell2's sync is not run again (done earlier), its data migrations run now.
        Assert.Equal(["db_sync:done_earlier", "online_data_migrations:ok"], resumed.Cells[2].Steps.Select(s => $"{s.Name}:{s.Outcome.Name()}"));
        Assert.Equal(1, nova.Runs(cell2, "sync"));
        Assert.Equal(1, nova.Runs(cell4, "sync"));
        Assert.Equal("wallaby_contracted", nova.Version("wallaby", "cell3"));
        Assert.Equal("wallaby_contracted", nova.Version("wallaby", "cell4"));
        Assert.Equal(1, cloud.Executions("api_db", "sync"));
        Assert.Equal("wallaby", cloud.State()!.Release);
    }

    [Fact]
    public async Task Cells_run_at_the_same_time_are_each_watched_and_each_fails_as_stuck_after_its_own_idle_batches()
    {
        var nova = new NovaCells(fx, "cell2", "cell3");
        var cloud = nova.Cloud;
        var (cell2, cell3) = (nova.Uuid("cell2"), nova.Uuid("cell3"));
        // The cells' data migrations find rows and move none (the fake's data_stuck, in a config only the cell steps are given).
        var stuck = Path.Combine(cloud.Dir, "cells-stuck.conf");
        File.WriteAllText(stuck, "[fake]\ndata_stuck = true\n");
        var catalog = Core.Catalog.ServiceCatalog.Default.WithOverlay("""
            {"services": {"nova": {"cells": {
              "since": "ocata",
              "list_argv": ["nova-manage", "--config-file", "{config_file}", "cell_v2", "list_cells", "--verbose"],
              "skip_uuid": "00000000-0000-0000-0000-000000000000",
              "steps": [
                {"name": "db_sync", "kind": "schema", "argv": ["nova-manage", "--config-file", "{config_file}", "--config-file", "{cell_config}", "db", "sync", "--local_cell"],
                 "exit_codes": {"0": "ok"}},
                {"name": "online_data_migrations", "kind": "data",
                 "argv": ["nova-manage", "--config-file", "{config_file}", "--config-file", "{cell_config}", "--config-file", "STUCK_CONF", "db", "online_data_migrations", "--max-count", "{batch}"],
                 "exit_codes": {"0": "ok", "1": "more", "2": "error", "127": "error"}}]}}}}
            """.Replace("STUCK_CONF", stuck, StringComparison.Ordinal), "stuck-cells.json");

        var outcome = await cloud.HopAsync("victoria", "wallaby", r => r with
        {
            Catalog = catalog, Service = catalog.Find("nova"), CellConcurrency = 2, Batch = 10, StuckBatches = 3, MaxBatches = 50,
        });

        Assert.True(outcome.Failed);
        Assert.Equal(["cell0:skipped", "cell1:skipped", "cell2:failed", "cell3:failed"], outcome.Cells.Select(c => $"{c.Name}:{c.Outcome.Name()}"));
        foreach (var (name, uuid) in new[] { ("cell2", cell2), ("cell3", cell3) })
        {
            Assert.Contains($"cell '{name}' ({uuid}): step data:online_data_migrations is stuck: 3 batches in a row", outcome.Message);
            // Each cell's own count, from the tools' own log: exactly 3 batches each, not 3 between them.
            Assert.Equal(3, nova.Runs(uuid, "online_data_migrations"));
            var cell = outcome.Cells.Single(c => c.Name == name);
            Assert.Equal(StepOutcome.Stuck, cell.Steps.Single(s => s.Kind == StepKind.Data).Outcome);
            var migration = Assert.Single(cell.DataMigrations);
            Assert.Equal(("migrate_nova_items_wallaby", 0L, 3), (migration.Name, migration.Completed, migration.Batches));
            Assert.Contains($"migrate_nova_items_wallaby ({migration.LastNeeded} needed, 0 completed)", cell.Message);
        }

        // The service's own data migrations were not stuck: they finished before the cells' ran.
        Assert.Equal(DataOutcome.Done, outcome.DataOutcome);
        Assert.Equal(new[] { $"{cell2}:failed", $"{cell3}:failed" }.Order(), cloud.State()!.Hops.Single().Cells.Select(c => $"{c.Uuid}:{c.Outcome.Name()}").Order());
    }
}
