using System.Text.Json.Nodes;
using Leapfrog.Module;

namespace Leapfrog.Report.Tests;

/// <summary>Bad input to the module and the command: one clear message, no stack trace, nothing written.</summary>
public sealed class CommandTests
{
    [Theory]
    [InlineData("""{"dest": "/tmp/x"}""", "state: give at least one state directory")]
    [InlineData("""{"state": ["/tmp"]}""", "missing required parameter: dest")]
    [InlineData("""{"state": ["/tmp"], "dest": "/tmp/x", "colour": "red"}""", "unsupported parameter 'colour'")]
    public async Task The_module_refuses_bad_parameters_with_a_clear_message(string args, string says)
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, args);
        using var stdout = new StringWriter();

        var rc = await ModuleHost.RunAsync([file], ReportModule.Parameters, ReportModule.RunAsync, stdout);

        var result = JsonNode.Parse(stdout.ToString())!;
        Assert.Equal(1, rc);
        Assert.True((bool)result["failed"]!);
        Assert.Contains(says, (string)result["msg"]!, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", (string)result["msg"]!, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_command_refuses_an_unknown_option_and_an_unwritable_destination_plainly()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Assert.Equal(2, ReportCommand.Run(["--state", "/tmp", "--colour", "red"], stdout, stderr));
        Assert.Contains("report: unknown option '--colour'", stderr.ToString(), StringComparison.Ordinal);

        var blocker = Path.GetTempFileName(); // a file where the output directory should be
        using var stderr2 = new StringWriter();
        Assert.Equal(1, ReportCommand.Run(["--state", "/nonexistent", "--out", Path.Combine(blocker, "out")], stdout, stderr2));
        Assert.StartsWith("report: cannot write the report into", stderr2.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr2.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_command_prints_the_schema_it_writes_to()
    {
        using var stdout = new StringWriter();
        Assert.Equal(0, ReportCommand.Run(["--schema"], stdout, TextWriter.Null));
        Assert.Equal(File.ReadAllText(Leapfrog.Testing.Repo.At("docs", "report.schema.json")), stdout.ToString());
    }
}
