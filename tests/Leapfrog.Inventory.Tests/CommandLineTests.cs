namespace Leapfrog.Inventory.Tests;

public class CommandLineTests
{
    [Fact]
    public void Ansible_forms_are_accepted()
    {
        Assert.Equal(new CommandLine("list", null), CommandLine.Parse(["--list"]));
        Assert.Equal(new CommandLine("host", "infra1"), CommandLine.Parse(["--host", "infra1"]));
        Assert.Equal(new CommandLine("help", null), CommandLine.Parse(["--help"]));
    }

    [Theory]
    [InlineData(new string[0], "give --list or --host NAME")]
    [InlineData(new[] { "--host" }, "--host needs one host name")]
    [InlineData(new[] { "--list", "--host", "x" }, "unknown arguments '--list --host x'")]
    [InlineData(new[] { "--graph" }, "unknown arguments '--graph'")]
    public void Anything_else_is_a_usage_error(string[] args, string expected)
    {
        var e = Assert.Throws<UsageException>(() => CommandLine.Parse(args));
        Assert.Contains(expected, e.Message);
    }
}
