using Leapfrog.Testing;

namespace Leapfrog.FakeTool.Tests;

[Collection("mariadb")]
public sealed class AccountingAndSecretTests(MariaDbFixture fx)
{
    [Fact]
    public void Every_invocation_appends_one_exec_log_line_with_release_tool_step_and_argv()
    {
        var cloud = new TestCloud(fx, "keystone");
        var zed = cloud.Toolbox("zed");
        zed.Run("keystone-manage", "db_sync", "--check");
        zed.Run("keystone-manage", "db_sync", "--expand");
        zed.Run("keystone-manage", "db_sync", "--expand");
        zed.Run("keystone-manage", "nonsense");
        FakeToolbox.RunTool(["--release", "zed", "keystone-manage", "--version"], TimeSpan.FromSeconds(30));

        var log = FakeToolboxLogEntry.ReadAll(cloud.ExecLog);
        Assert.Equal(4, log.Count);
        Assert.Equal(["db_sync --check", "db_sync --expand", "db_sync --expand", null], log.Select(e => e.Step));
        Assert.All(log, e => Assert.Equal("zed", e.Release));
        Assert.All(log, e => Assert.Equal("keystone-manage", e.Tool));
        Assert.Equal(["--config-file", zed.ConfigPath, "db_sync", "--check"], log[0].Argv);
        Assert.Equal(4, log.Select(e => e.Pid).Distinct().Count());
    }

    [Fact]
    public void Concurrent_invocations_each_log_one_whole_line()
    {
        var cloud = new TestCloud(fx, "heat");
        var box = cloud.Toolbox("zed");
        Parallel.For(0, 12, new ParallelOptions { MaxDegreeOfParallelism = 6 }, _ => box.Run("heat-manage", "db_version"));
        Assert.Equal(12, FakeToolboxLogEntry.Count(cloud.ExecLog, "db_version"));
    }

    [Fact]
    public void The_password_never_appears_in_stdout_stderr_or_the_exec_log()
    {
        var cloud = new TestCloud(fx, "nova");
        var url = cloud.Server.ConnectionUrl(cloud.Db);
        var box = cloud.Toolbox("zed");
        var outputs = new List<FakeToolboxResult>
        {
            box.Run("nova-manage", "api_db", "sync"),
            box.Run("nova-manage", "db", "sync"),
            box.Run("nova-manage", "cell_v2", "map_cell0", "--database_connection", url),
            box.Run("nova-manage", "db", "online_data_migrations", "--max-count", "5"),
            box.Run("nova-manage", "db", "bogus", url),
            box.Run("nova-status", "upgrade", "check"),
        };
        var wrongDb = cloud.Toolbox("zed", c => c with { Connection = cloud.Server.ConnectionUrl("no_such_db") });
        outputs.Add(Expect.Rc(1, wrongDb.Run("nova-manage", "db", "sync")));
        var wrongPw = cloud.Toolbox("zed", c => c with { Connection = cloud.Server.ConnectionUrl(cloud.Db, password: MariaDbFixture.Secret + "x") });
        outputs.Add(Expect.Rc(1, wrongPw.Run("nova-manage", "db", "version")));
        var badUrl = cloud.Toolbox("zed", c => c with { Connection = "postgresql://nova:" + MariaDbFixture.Secret + "@host/nova" });
        outputs.Add(Expect.Rc(1, badUrl.Run("nova-manage", "db", "version")));

        var encoded = Uri.EscapeDataString(MariaDbFixture.Secret);
        var log = File.ReadAllText(cloud.ExecLog);
        foreach (var text in outputs.SelectMany(o => new[] { o.Stdout, o.Stderr }).Append(log))
        {
            Assert.DoesNotContain(MariaDbFixture.Secret, text);
            Assert.DoesNotContain(encoded, text);
        }

        Assert.Contains("***", log);
        Assert.Contains(outputs, o => o.Stderr.Contains("Access denied"));
        Assert.Contains(outputs, o => o.Stderr.Contains("[database] connection is not a mysql"));
    }
}
