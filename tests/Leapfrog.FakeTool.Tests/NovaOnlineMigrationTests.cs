using Leapfrog.Testing;

namespace Leapfrog.FakeTool.Tests;

[Collection("mariadb")]
public sealed class NovaOnlineMigrationTests(MariaDbFixture fx)
{
    private static (TestCloud Cloud, FakeToolbox Wallaby) SyncedToWallaby(MariaDbFixture fx, Func<FakeToolboxConfig, FakeToolboxConfig>? tweak = null)
    {
        var cloud = new TestCloud(fx, "nova");
        var victoria = cloud.Toolbox("victoria");
        Expect.Rc(0, victoria.Run("nova-manage", "api_db", "sync"));
        Expect.Rc(0, victoria.Run("nova-manage", "db", "sync"));
        var wallaby = cloud.Toolbox("wallaby", tweak);
        Expect.Rc(0, wallaby.Run("nova-manage", "api_db", "sync"));
        Expect.Rc(0, wallaby.Run("nova-manage", "db", "sync"));
        return (cloud, wallaby);
    }

    [Fact]
    public void Online_migrations_run_in_batches_of_max_count_until_nothing_is_left()
    {
        var (cloud, wallaby) = SyncedToWallaby(fx);
        Assert.Equal(25, cloud.Count("SELECT COUNT(*) FROM fake_items WHERE nova_wallaby IS NULL"));

        var codes = new List<int>();
        for (var i = 0; i < 10; i++)
        {
            var r = wallaby.Run("nova-manage", "db", "online_data_migrations", "--max-count", "10");
            codes.Add(r.ExitCode);
            if (r.ExitCode != 1)
            {
                break;
            }
        }

        Assert.Equal([1, 1, 1, 0], codes);
        Assert.Equal(0, cloud.Count("SELECT COUNT(*) FROM fake_items WHERE nova_wallaby IS NULL"));
        Assert.Equal(3, cloud.Applied("online_data_migrations"));
        Assert.Equal(4, FakeToolboxLogEntry.Count(cloud.ExecLog, "db online_data_migrations"));
    }

    [Fact]
    public void Without_max_count_every_batch_runs_and_the_answer_is_0()
    {
        var (cloud, wallaby) = SyncedToWallaby(fx, c => c with { DataRows = 120 });
        var r = Expect.Rc(0, wallaby.Run("nova-manage", "db", "online_data_migrations"));
        Assert.Contains("Running batches of 50 until complete", r.Stdout);
        Assert.Equal(120, cloud.Count("SELECT COUNT(*) FROM fake_items"));
        Assert.Equal(0, cloud.Count("SELECT COUNT(*) FROM fake_items WHERE nova_wallaby IS NULL"));
    }

    [Fact]
    public void The_next_releases_db_sync_is_blocked_until_the_data_migrations_are_done()
    {
        var (cloud, wallaby) = SyncedToWallaby(fx);
        var xena = cloud.Toolbox("xena");
        Expect.Rc(0, xena.Run("nova-manage", "api_db", "sync"));

        var blocked = Expect.Rc(1, xena.Run("nova-manage", "db", "sync"));
        Assert.Contains("online data migrations", blocked.Stderr);
        Assert.Equal(("wallaby", "contracted"), cloud.State("nova"));

        Expect.Rc(0, wallaby.Run("nova-manage", "db", "online_data_migrations"));
        Expect.Rc(0, xena.Run("nova-manage", "db", "sync"));
        Assert.Equal(("xena", "contracted"), cloud.State("nova"));
        Assert.Equal(("xena", "contracted"), cloud.State("nova_api", cloud.ApiDb));
    }

    [Fact]
    public void A_data_error_answers_2_from_stein_and_nothing_moves()
    {
        var (cloud, wallaby) = SyncedToWallaby(fx, c => c with { DataError = true });
        var r = Expect.Rc(2, wallaby.Run("nova-manage", "db", "online_data_migrations", "--max-count", "10"));
        Assert.Contains("Error attempting to run", r.Stderr);
        Expect.Rc(2, wallaby.Run("nova-manage", "db", "online_data_migrations"));
        Assert.Equal(25, cloud.Count("SELECT COUNT(*) FROM fake_items WHERE nova_wallaby IS NULL"));
    }

    [Fact]
    public void Before_stein_a_data_error_looks_like_progress_rc_1()
    {
        var cloud = new TestCloud(fx, "nova");
        Expect.Rc(0, cloud.Toolbox("queens").Run("nova-manage", "db", "sync"));
        var rocky = cloud.Toolbox("rocky", c => c with { DataError = true });
        Expect.Rc(0, rocky.Run("nova-manage", "db", "sync"));
        Expect.Rc(1, rocky.Run("nova-manage", "db", "online_data_migrations", "--max-count", "5"));
        Expect.Rc(1, rocky.Run("nova-manage", "db", "online_data_migrations", "--max-count", "5"));
        Assert.Equal(25, cloud.Count("SELECT COUNT(*) FROM fake_items WHERE nova_rocky IS NULL"));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("many")]
    public void A_bad_max_count_answers_127(string value)
    {
        var (_, wallaby) = SyncedToWallaby(fx);
        var r = Expect.Rc(127, wallaby.Run("nova-manage", "db", "online_data_migrations", "--max-count", value));
        Assert.Contains("positive value", r.Stdout);
    }

    [Fact]
    public void Nova_status_fails_while_the_previous_releases_data_migrations_are_pending()
    {
        var (cloud, wallaby) = SyncedToWallaby(fx);
        var xena = cloud.Toolbox("xena");
        Expect.Rc(2, xena.Run("nova-status", "upgrade", "check"));
        Expect.Rc(0, wallaby.Run("nova-manage", "db", "online_data_migrations"));
        Expect.Rc(0, xena.Run("nova-status", "upgrade", "check"));
    }

    [Fact]
    public void Cell_v2_mappings_live_in_the_api_database()
    {
        var (cloud, wallaby) = SyncedToWallaby(fx);
        Expect.Rc(0, wallaby.Run("nova-manage", "cell_v2", "map_cell0"));
        Expect.Rc(0, wallaby.Run("nova-manage", "cell_v2", "simple_cell_setup"));
        var list = Expect.Rc(0, wallaby.Run("nova-manage", "cell_v2", "list_cells"));
        Assert.Contains("cell0", list.Stdout);
        Assert.Contains("cell1", list.Stdout);
        Assert.Equal("2", cloud.Server.Scalar("SELECT COUNT(*) FROM fake_cell_mappings", cloud.ApiDb));
    }

    [Fact]
    public void Online_migrations_reach_into_every_cell_and_fail_while_one_is_behind_as_nova_does()
    {
        var cloud = new TestCloud(fx, "nova");
        var victoria = cloud.Toolbox("victoria");
        Expect.Rc(0, victoria.Run("nova-manage", "api_db", "sync"));
        Expect.Rc(0, victoria.Run("nova-manage", "db", "sync"));
        var cell2 = $"{cloud.Db}_cell2";
        cloud.Server.CreateDatabase(cell2);
        var url = cloud.Server.ConnectionUrl(cell2);
        var overlay = Path.Combine(cloud.Dir, "cell2.conf");
        File.WriteAllText(overlay, $"[database]\nconnection = {url}\n");
        Expect.Rc(0, victoria.Run("nova-manage", "cell_v2", "create_cell", "--name", "cell2", "--transport-url", "rabbit://127.0.0.1/", "--database_connection", url));
        Expect.Rc(0, victoria.Run("nova-manage", "--config-file", overlay, "db", "sync", "--local_cell"));
        var wallaby = cloud.Toolbox("wallaby");
        Expect.Rc(0, wallaby.Run("nova-manage", "api_db", "sync"));
        Expect.Rc(0, wallaby.Run("nova-manage", "db", "sync"));

        // The main cell is at wallaby, cell2 still at victoria: wallaby's migrations fail in cell2, nothing else moves after the first batch.
        var runs = Enumerable.Range(0, 5).Select(_ => wallaby.Run("nova-manage", "db", "online_data_migrations", "--max-count", "50")).ToList();
        var failed = runs.First(r => r.ExitCode != 1);
        Assert.Equal(2, failed.ExitCode);
        Assert.Contains("Error attempting to run <function fill_virtual_interface_list>", failed.Stdout);
        Assert.Contains("cell cell2 is at victoria_", failed.Stderr);
        Assert.DoesNotContain(cloud.Server.AdminPassword, failed.Stdout + failed.Stderr);

        // cell2's schema synced by wallaby: the same run passes.
        Expect.Rc(0, wallaby.Run("nova-manage", "--config-file", overlay, "db", "sync", "--local_cell"));
        Expect.Rc(0, wallaby.Run("nova-manage", "db", "online_data_migrations", "--max-count", "50"));
    }
}
