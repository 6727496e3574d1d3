using Leapfrog.Testing;

namespace Leapfrog.FakeTool.Tests;

[Collection("mariadb")]
public sealed class MariaDbServerTests(MariaDbFixture fx)
{
    [Fact]
    public void The_admin_user_logs_in_over_tcp_on_127_0_0_1_with_its_password_and_anonymous_users_are_gone()
    {
        var s = fx.Server;
        Assert.Equal("0", s.Scalar("SELECT COUNT(*) FROM mysql.global_priv WHERE User = ''"));
        var r = FakeToolbox.RunTool(["--release", "zed", "heat-manage", "--version"], TimeSpan.FromSeconds(30));
        Assert.Equal(0, r.ExitCode);

        var psi = new System.Diagnostics.ProcessStartInfo("mariadb") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--no-defaults", "--protocol=TCP", "-h127.0.0.1", $"-P{s.Port}", $"-u{s.AdminUser}", "-N", "-e", "SELECT CURRENT_USER()" })
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["MYSQL_PWD"] = s.AdminPassword;
        using var p = System.Diagnostics.Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
        Assert.Equal($"{s.AdminUser}@127.0.0.1", output.Trim());
    }

    [Fact]
    public void Data_survives_stop_and_start_on_the_same_port()
    {
        var s = fx.Server;
        var db = fx.NewDatabase("survive");
        s.Exec("CREATE TABLE t (v INT); INSERT INTO t VALUES (42);", db);
        var port = s.Port;

        s.Stop();
        Assert.False(s.IsRunning);
        Assert.Throws<MariaDbException>(() => s.Exec("SELECT 1"));
        s.Start();

        Assert.True(s.IsRunning);
        Assert.Equal(port, s.Port);
        Assert.Equal("42", s.Scalar("SELECT v FROM t", db));
    }

    [Fact]
    public void A_killed_server_recovers_on_start()
    {
        var s = fx.Server;
        var db = fx.NewDatabase("crash");
        s.Exec("CREATE TABLE t (v INT) ENGINE=InnoDB; INSERT INTO t VALUES (7);", db);
        s.Kill();
        s.Start();
        Assert.Equal("7", s.Scalar("SELECT v FROM t", db));
    }

    [Fact]
    public void Dispose_stops_the_server_and_deletes_its_directory()
    {
        var s = MariaDbServer.Launch();
        var pid = s.ProcessId!.Value;
        var dir = s.RootDir;
        Assert.True(Directory.Exists(s.DataDir));

        s.Dispose();

        Assert.False(Directory.Exists(dir));
        Assert.False(Directory.Exists($"/proc/{pid}") && File.ReadAllText($"/proc/{pid}/comm").Trim() == "mariadbd");
    }

    [Fact]
    public void A_failing_statement_reports_the_server_error()
    {
        var e = Assert.Throws<MariaDbException>(() => fx.Server.Exec("SELECT * FROM no_such_table", "mysql"));
        Assert.Contains("doesn't exist", e.Message);
    }
}
