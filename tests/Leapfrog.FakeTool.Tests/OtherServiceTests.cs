namespace Leapfrog.FakeTool.Tests;

[Collection("mariadb")]
public sealed class OtherServiceTests(MariaDbFixture fx)
{
    [Fact]
    public void Glance_check_answers_3_4_5_then_0_through_the_phases()
    {
        var cloud = new TestCloud(fx, "glance");
        Expect.Rc(0, cloud.Toolbox("victoria").Run("glance-manage", "db_sync"));
        var zed = cloud.Toolbox("zed");

        Expect.Rc(3, zed.Run("glance-manage", "db", "check"));
        Expect.Rc(0, zed.Run("glance-manage", "db", "expand"));
        Expect.Rc(4, zed.Run("glance-manage", "db", "check"));
        Expect.Rc(0, zed.Run("glance-manage", "db", "migrate"));
        Expect.Rc(5, zed.Run("glance-manage", "db", "check"));
        Expect.Rc(0, zed.Run("glance-manage", "db", "contract"));
        Expect.Rc(0, zed.Run("glance-manage", "db", "check"));
        Assert.Equal("zed_contracted", zed.Run("glance-manage", "db", "version").Stdout.Trim());
    }

    [Fact]
    public void Glance_refuses_a_newer_database_with_rc_1()
    {
        var cloud = new TestCloud(fx, "glance");
        Expect.Rc(0, cloud.Toolbox("zed").Run("glance-manage", "db", "sync"));
        Expect.Rc(1, cloud.Toolbox("yoga").Run("glance-manage", "db", "check"));
    }

    [Fact]
    public void Neutron_has_offline_migrations_until_contract_has_run()
    {
        var cloud = new TestCloud(fx, "neutron");
        Expect.Rc(0, cloud.Toolbox("yoga").Run("neutron-db-manage", "upgrade", "heads"));
        var zed = cloud.Toolbox("zed");

        Expect.Rc(1, zed.Run("neutron-db-manage", "has_offline_migrations"));
        Expect.Rc(0, zed.Run("neutron-db-manage", "upgrade", "--expand"));
        Expect.Rc(1, zed.Run("neutron-db-manage", "has_offline_migrations"));
        Expect.Rc(0, zed.Run("neutron-db-manage", "--subproject", "neutron", "upgrade", "--contract"));
        Expect.Rc(0, zed.Run("neutron-db-manage", "has_offline_migrations"));
        Assert.Contains("zed_contracted (head)", zed.Run("neutron-db-manage", "current").Stdout);
        Assert.Equal(0, cloud.Count("SELECT COUNT(*) FROM fake_items WHERE neutron_zed IS NULL"));
    }

    [Fact]
    public void Cinder_and_placement_sync_then_migrate_data()
    {
        foreach (var service in new[] { "cinder", "placement" })
        {
            var cloud = new TestCloud(fx, service);
            Expect.Rc(0, cloud.Toolbox("yoga", c => c with { DataRows = 8 }).Run($"{service}-manage", "db", "sync"));
            var zed = cloud.Toolbox("zed", c => c with { DataRows = 8 });
            Expect.Rc(0, zed.Run($"{service}-manage", "db", "sync"));
            Expect.Rc(1, zed.Run($"{service}-manage", "db", "online_data_migrations", "--max_count", "5"));
            Expect.Rc(1, zed.Run($"{service}-manage", "db", "online_data_migrations", "--max-count=5"));
            Expect.Rc(0, zed.Run($"{service}-manage", "db", "online_data_migrations", "--max-count", "5"));
            Assert.Equal("zed_contracted", zed.Run($"{service}-manage", "db", "version").Stdout.Trim());
            Expect.Rc(0, zed.Run($"{service}-status", "upgrade", "check"));
        }
    }

    [Fact]
    public void Online_migrations_before_db_sync_fail_with_rc_1()
    {
        var cloud = new TestCloud(fx, "cinder");
        Expect.Rc(0, cloud.Toolbox("yoga").Run("cinder-manage", "db", "sync"));
        var r = Expect.Rc(1, cloud.Toolbox("zed").Run("cinder-manage", "db", "online_data_migrations"));
        Assert.Contains("db sync", r.Stderr);
    }

    [Fact]
    public void Heat_db_sync_moves_every_phase_at_once()
    {
        var cloud = new TestCloud(fx, "heat");
        Expect.Rc(0, cloud.Toolbox("victoria").Run("heat-manage", "db_sync"));
        var zed = cloud.Toolbox("zed");
        Assert.Equal("victoria_contracted", zed.Run("heat-manage", "db_version").Stdout.Trim());
        Expect.Rc(0, zed.Run("heat-manage", "db_sync"));
        Assert.Equal("zed_contracted", zed.Run("heat-manage", "db_version").Stdout.Trim());
        Assert.Equal(0, cloud.Count("SELECT COUNT(*) FROM fake_items WHERE heat_zed IS NULL"));
    }

    [Fact]
    public void A_missing_connection_is_one_line_with_rc_1()
    {
        var cloud = new TestCloud(fx, "heat");
        var box = cloud.Toolbox("zed");
        File.WriteAllText(box.ConfigPath, "[database]\n");
        var r = Expect.Rc(1, box.Run("heat-manage", "db_sync"));
        Assert.Equal("ERROR: no [database] connection configured", r.Stderr.Trim());
    }
}
