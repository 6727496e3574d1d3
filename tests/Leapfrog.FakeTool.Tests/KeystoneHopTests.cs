using Leapfrog.Testing;

namespace Leapfrog.FakeTool.Tests;

[Collection("mariadb")]
public sealed class KeystoneHopTests(MariaDbFixture fx)
{
    [Fact]
    public void A_victoria_database_is_moved_to_zed_by_zeds_tools_and_rows_survive()
    {
        var cloud = new TestCloud(fx, "keystone");
        var victoria = cloud.Toolbox("victoria");
        var zed = cloud.Toolbox("zed");
        Expect.Rc(0, victoria.Run("keystone-manage", "db_sync"));
        Expect.Rc(0, victoria.Run("keystone-manage", "db_sync", "--check"));
        cloud.Server.Exec("INSERT INTO fake_items (id, name, created_release) VALUES (1000, 'operator-row', 'victoria')", cloud.Db);
        var before = cloud.Count("SELECT COUNT(*) FROM fake_items");

        Expect.Rc(2, zed.Run("keystone-manage", "db_sync", "--check"));
        Expect.Rc(0, zed.Run("keystone-manage", "db_sync", "--expand"));
        Expect.Rc(4, zed.Run("keystone-manage", "db_sync", "--check"));
        Expect.Rc(0, zed.Run("keystone-manage", "db_sync", "--migrate"));
        Expect.Rc(0, zed.Run("keystone-manage", "db_sync", "--contract"));
        Expect.Rc(0, zed.Run("keystone-manage", "db_sync", "--check"));

        Assert.Equal(("zed", "contracted"), cloud.State("keystone"));
        Assert.Equal(before, cloud.Count("SELECT COUNT(*) FROM fake_items"));
        Assert.Equal("operator-row|victoria|operator-row@zed",
            cloud.Scalar("SELECT CONCAT_WS('|', name, created_release, keystone_zed) FROM fake_items WHERE id = 1000"));
        Assert.Equal(0, cloud.Count("SELECT COUNT(*) FROM fake_items WHERE keystone_zed IS NULL"));
        Assert.Equal("zed_contracted", zed.Run("keystone-manage", "db_version").Stdout.Trim());
    }

    [Fact]
    public void Before_zed_check_reports_each_phase_with_its_own_code()
    {
        var cloud = new TestCloud(fx, "keystone");
        Expect.Rc(0, cloud.Toolbox("victoria").Run("keystone-manage", "db_sync"));
        var wallaby = cloud.Toolbox("wallaby");

        Expect.Rc(2, wallaby.Run("keystone-manage", "db_sync", "--check"));
        Expect.Rc(0, wallaby.Run("keystone-manage", "db_sync", "--expand"));
        Expect.Rc(3, wallaby.Run("keystone-manage", "db_sync", "--check"));
        Assert.True(cloud.Count("SELECT COUNT(*) FROM fake_items WHERE keystone_wallaby IS NULL") > 0);
        Expect.Rc(0, wallaby.Run("keystone-manage", "db_sync", "--migrate"));
        Expect.Rc(4, wallaby.Run("keystone-manage", "db_sync", "--check"));
        Expect.Rc(0, wallaby.Run("keystone-manage", "db_sync", "--contract"));
        Expect.Rc(0, wallaby.Run("keystone-manage", "db_sync", "--check"));
    }

    [Fact]
    public void Phases_out_of_order_fail_and_change_nothing()
    {
        var cloud = new TestCloud(fx, "keystone");
        Expect.Rc(0, cloud.Toolbox("victoria").Run("keystone-manage", "db_sync"));
        var wallaby = cloud.Toolbox("wallaby");

        var r = Expect.Rc(1, wallaby.Run("keystone-manage", "db_sync", "--contract"));
        Assert.Contains("run migrate first", r.Stderr);
        Expect.Rc(1, wallaby.Run("keystone-manage", "db_sync", "--migrate"));
        Assert.Equal(("victoria", "contracted"), cloud.State("keystone"));
    }

    [Fact]
    public void Rerunning_a_finished_phase_applies_nothing()
    {
        var cloud = new TestCloud(fx, "keystone");
        Expect.Rc(0, cloud.Toolbox("victoria").Run("keystone-manage", "db_sync"));
        var zed = cloud.Toolbox("zed");
        Expect.Rc(0, zed.Run("keystone-manage", "db_sync"));
        Expect.Rc(0, zed.Run("keystone-manage", "db_sync", "--expand"));
        Expect.Rc(0, zed.Run("keystone-manage", "db_sync", "--contract"));

        Assert.Equal(1, cloud.Applied("expand"));
        Assert.Equal(1, cloud.Applied("contract"));
    }

    [Fact]
    public void An_older_tool_refuses_a_newer_database_with_rc_1()
    {
        var cloud = new TestCloud(fx, "keystone");
        Expect.Rc(0, cloud.Toolbox("zed").Run("keystone-manage", "db_sync"));
        var victoria = cloud.Toolbox("victoria");

        foreach (var args in new[] { new[] { "db_sync" }, ["db_sync", "--expand"], ["db_sync", "--check"] })
        {
            var r = Expect.Rc(1, victoria.Run("keystone-manage", args));
            Assert.Contains("newer than this tool's release victoria", r.Stderr);
        }

        Assert.Equal(("zed", "contracted"), cloud.State("keystone"));
    }
}
