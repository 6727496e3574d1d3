using System.Diagnostics;
using Leapfrog.Testing;

namespace Leapfrog.FakeTool.Tests;

[Collection("mariadb")]
public sealed class MakeFakeVenvScriptTests(MariaDbFixture fx)
{
    private static readonly string Script = Path.Combine(Path.GetDirectoryName(FakeToolbox.ToolPath)!, "make-fake-venv.sh");

    [Fact]
    public void The_script_builds_the_same_venv_as_FakeToolbox_and_its_tools_work()
    {
        var cloud = new TestCloud(fx, "keystone");
        var root = Path.Combine(cloud.Dir, "script-venvs");
        var env = new Dictionary<string, string> { ["FAKE_CONNECTION"] = cloud.Server.ConnectionUrl(cloud.Db) };

        var (rc, stdout, stderr) = Sh(env, "--root", root, "--release", "zed", "--service", "keystone", "--tool", FakeToolbox.ToolPath,
            "--exec-log", cloud.ExecLog, "--set", "data_rows=5");

        Assert.True(rc == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Path.Combine(root, "keystone-22.0.0"), lines[0]);
        var config = lines[1];
        Assert.Contains("data_rows = 5", File.ReadAllText(config));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(config));

        var manage = Path.Combine(lines[0], "bin", "keystone-manage");
        Assert.Equal(0, Run(manage, "--config-file", config, "db_sync"));
        Assert.Equal(0, Run(manage, "--config-file", config, "db_sync", "--check"));
        Assert.Equal(5, cloud.Count("SELECT COUNT(*) FROM fake_items"));
        Assert.Equal(2, FakeToolboxLogEntry.ReadAll(cloud.ExecLog).Count);
        Assert.DoesNotContain(MariaDbFixture.Secret, File.ReadAllText(manage));
    }

    [Theory]
    [InlineData("--root", "R", "--release", "zed", "--service", "keystone", "--tool", "TOOL", "--connection (or FAKE_CONNECTION) is required")]
    [InlineData("--root", "R", "--release", "zed", "--service", "swift", "--tool", "TOOL", "--connection", "mysql://x", "unknown service")]
    [InlineData("--root", "R", "--release", "kilo", "--service", "nova", "--tool", "TOOL", "--connection", "mysql://x", "unknown release")]
    public void Bad_arguments_are_refused_with_one_line(params string[] argsAndMessage)
    {
        var args = argsAndMessage[..^1].Select(a => a == "TOOL" ? FakeToolbox.ToolPath : a == "R" ? fx.NewDir("bad") : a).ToArray();
        var (rc, _, stderr) = Sh(new Dictionary<string, string>(), args);
        Assert.Equal(2, rc);
        Assert.Contains(argsAndMessage[^1], stderr);
    }

    private static (int Rc, string Stdout, string Stderr) Sh(Dictionary<string, string> env, params string[] args)
    {
        var psi = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Script);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment.Remove("FAKE_CONNECTION");
        foreach (var (k, v) in env)
        {
            psi.Environment[k] = v;
        }

        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output, err.Result);
    }

    private static int Run(string file, params string[] args)
    {
        using var p = Process.Start(file, args);
        p.WaitForExit();
        return p.ExitCode;
    }
}
