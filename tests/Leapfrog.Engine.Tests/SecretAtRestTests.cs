using Leapfrog.Testing;

namespace Leapfrog.Engine.Tests;

/// <summary>No secret at rest: what the tools print is masked before it reaches a file under state_dir.</summary>
[Collection("controller")]
public sealed class SecretAtRestTests(ControllerFixture fx)
{
    /// <summary>The database password as the fake tools print it (raw and URL-escaped both start so).</summary>
    private const string Password = "Db-Secret";

    [Fact]
    public async Task A_tool_that_prints_its_database_url_leaves_no_password_under_state_dir_and_keeps_its_exit_code()
    {
        var cloud = new Cloud(fx, "keystone", "victoria");
        cloud.Configure(c => c with { PrintUrl = "*", FailStep = "contract", FailRc = 5 });

        // The module does not know the database password (Secrets empty): only the URL masking can hide it.
        var failed = await cloud.HopAsync("victoria", "wallaby", r => r with { Secrets = [] });

        Assert.True(failed.Failed);
        Assert.Contains("step schema:contract exited 5 (error): ERROR: fake failure at 'db_sync --contract'", failed.Message, StringComparison.Ordinal);
        Assert.Contains("keystone-manage db_sync --contract in wallaby: 0 ok, any other code an error", failed.Message, StringComparison.Ordinal);
        var contract = failed.Steps.Single(s => s.Name == "contract");
        Assert.Equal(5, contract.Rc);
        Assert.Contains("fake failure", contract.Error, StringComparison.Ordinal);
        Assert.Contains($"{fx.Db.AdminUser}:********@", contract.Stdout, StringComparison.Ordinal);
        Assert.Contains($"{fx.Db.AdminUser}:********@", contract.Stderr, StringComparison.Ordinal);
        AssertNoPasswordUnder(cloud.StateDir);

        cloud.Configure(c => c with { FailStep = null });
        var rerun = await cloud.HopAsync("victoria", "wallaby", r => r with { Secrets = [] });

        Assert.False(rerun.Failed, rerun.Message);
        Assert.Equal("wallaby", cloud.State()!.Release);
        Assert.Equal(1, cloud.Executions("--expand"));
        AssertNoPasswordUnder(cloud.StateDir);
    }

    [Theory]
    [InlineData("ValueError: invalid interpolation syntax in 'mysql+pymysql://keystone:pa%ss@127.0.0.1/keystone' at position 28")]
    [InlineData("connection = mysql+pymysql://nova:Db-Secret%3A9f%40x%2FQ@127.0.0.1:3306/nova?charset=utf8 and mysql://a:b@h/x")]
    [InlineData("sqlalchemy.exc.OperationalError: (pymysql.err.OperationalError) (1045, \"Access denied for user 'nova'@'localhost' (using password: YES)\")")]
    [InlineData("http://controller:5000/v3 and tab\thttp://u:p:q@h")]
    public void The_step_wrappers_sed_filter_masks_url_passwords_as_the_module_does(string line)
    {
        var sed = Proc.Run("sed", ["-u", "-E", Redactor.UrlPasswordSed], env: new Dictionary<string, string> { ["LC_ALL"] = "C" }, stdin: line + "\n");

        Assert.Equal(0, sed.ExitCode);
        Assert.Equal(new Redactor([]).Clean(line), sed.Stdout.TrimEnd('\n'));
    }

    private static void AssertNoPasswordUnder(string stateDir)
    {
        var files = Directory.EnumerateFiles(stateDir, "*", SearchOption.AllDirectories).ToList();
        Assert.Contains(files, f => Path.GetFileName(f) == "out" && File.ReadAllText(f).Contains(":********@", StringComparison.Ordinal));
        var holding = files.Where(f => File.ReadAllText(f).Contains(Password, StringComparison.Ordinal)).ToList();
        Assert.True(holding.Count == 0, $"the password is in {string.Join(", ", holding)}");
    }
}
