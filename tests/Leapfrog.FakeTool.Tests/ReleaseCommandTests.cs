using Leapfrog.Testing;

namespace Leapfrog.FakeTool.Tests;

[Collection("mariadb")]
public sealed class ReleaseCommandTests(MariaDbFixture fx)
{
    [Theory]
    [InlineData("keystone", "ocata", "keystone-manage", "db_sync --check", "unrecognized arguments: --check")]
    [InlineData("glance", "pike", "glance-manage", "db check", "invalid choice: 'check'")]
    [InlineData("glance", "newton", "glance-manage", "db expand", "invalid choice: 'expand'")]
    [InlineData("placement", "rocky", "placement-manage", "db sync", "does not exist in rocky")]
    [InlineData("cinder", "newton", "cinder-manage", "db online_data_migrations", "invalid choice")]
    [InlineData("nova", "newton", "nova-manage", "cell_v2 map_cell0", "invalid choice: 'cell_v2'")]
    [InlineData("keystone", "rocky", "keystone-status", "upgrade check", "does not exist in rocky")]
    [InlineData("keystone", "zed", "keystone-manage", "db_sync --expand --contract", "not allowed with")]
    [InlineData("nova", "zed", "nova-manage", "db bogus", "invalid choice: 'bogus'")]
    [InlineData("neutron", "zed", "neutron-db-manage", "upgrade", "exactly one of")]
    public void A_subcommand_missing_in_that_release_fails_like_argparse_with_rc_2(string service, string release, string tool, string args, string message)
    {
        var cloud = new TestCloud(fx, service);
        var box = cloud.Toolbox(release);

        var r = Expect.Rc(2, box.Run(tool, args.Split(' ')));

        Assert.StartsWith("usage: " + tool, r.Stderr);
        Assert.Contains(message, r.Stderr);
        Assert.Equal(string.Empty, r.Stdout);
        Assert.Equal("0", cloud.Scalar("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name LIKE 'fake%'"));
        var logged = Assert.Single(FakeToolboxLogEntry.ReadAll(cloud.ExecLog));
        Assert.Null(logged.Step);
        Assert.Equal(tool, logged.Tool);
    }

    [Fact]
    public void The_same_subcommands_exist_in_the_release_that_introduced_them()
    {
        Expect.Rc(2, new TestCloud(fx, "keystone").Toolbox("pike").Run("keystone-manage", "db_sync", "--check"));
        Expect.Rc(3, new TestCloud(fx, "glance").Toolbox("queens").Run("glance-manage", "db", "check"));
        Expect.Rc(0, new TestCloud(fx, "placement").Toolbox("stein").Run("placement-manage", "db", "sync"));
    }

    [Theory]
    [InlineData("keystone", "zed", "22.0.0")]
    [InlineData("keystone", "2025.1", "27.0.0")]
    [InlineData("nova", "victoria", "22.0.0")]
    [InlineData("nova", "2026.1-gazpacho", "33.0.0")]
    [InlineData("placement", "victoria", "4.0.0")]
    [InlineData("glance", "victoria", "21.0.0")]
    public void Version_prints_the_project_version_of_the_release(string service, string release, string version)
    {
        var tool = FakeToolbox.ToolsOf(service)[0];
        var r = FakeToolbox.RunTool(["--release", release, tool, "--version"], TimeSpan.FromSeconds(30));
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(version, r.Stdout.Trim());
    }

    [Fact]
    public void The_venv_is_named_like_openstack_ansibles_with_the_project_version()
    {
        var cloud = new TestCloud(fx, "nova");
        var box = cloud.Toolbox("zed");
        Assert.EndsWith("nova-26.0.0", box.VenvPath);
        Assert.True(File.Exists(Path.Combine(box.VenvPath, "bin", "nova-manage")));
        Assert.True(File.Exists(Path.Combine(box.VenvPath, "bin", "nova-status")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(box.ConfigPath));
        }
    }

    [Theory]
    [InlineData("--config-file", "FILE", "db_sync", "--check")]
    [InlineData("db_sync", "--check", "--config-file", "FILE")]
    [InlineData("--config-file=FILE", "db_sync", "--check")]
    public void The_config_file_option_goes_before_or_after_the_subcommand(params string[] argv)
    {
        var cloud = new TestCloud(fx, "keystone");
        var box = cloud.Toolbox("zed");
        var args = argv.Select(a => a.Replace("FILE", box.ConfigPath)).ToArray();
        var r = FakeToolbox.RunTool(["--release", "zed", "keystone-manage", .. args], TimeSpan.FromSeconds(30));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("db_sync --expand", r.Stdout);
    }

    [Fact]
    public void Unknown_release_or_tool_is_refused_with_one_line()
    {
        var r = FakeToolbox.RunTool(["--release", "kilo", "keystone-manage", "--version"], TimeSpan.FromSeconds(30));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("'kilo' is not a known release", r.Stderr);
        r = FakeToolbox.RunTool(["--release", "zed", "swift-manage"], TimeSpan.FromSeconds(30));
        Assert.Equal(127, r.ExitCode);
        Assert.Contains("unknown tool 'swift-manage'", r.Stderr);
    }
}
