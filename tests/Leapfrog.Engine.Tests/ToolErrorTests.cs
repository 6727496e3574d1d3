using Leapfrog.Testing;

namespace Leapfrog.Engine.Tests;

/// <summary>
/// The tool's own error line, found in outputs captured from the real release tools (tests/fixtures/tool-errors:
/// NAME.stdout and NAME.stderr as the tool wrote them, passwords replaced; NAME.expected is the line an operator
/// must be shown, written by hand from reading the output).
/// </summary>
public sealed class ToolErrorTests
{
    private static readonly string Fixtures = Repo.At("tests", "fixtures", "tool-errors");

    public static TheoryData<string> Captured() =>
        [.. Directory.GetFiles(Fixtures, "*.expected").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Captured))]
    public void The_cause_a_real_tool_printed_is_found_in_its_output(string name)
    {
        var stdout = Read(name + ".stdout");
        var stderr = Read(name + ".stderr");
        var expected = Read(name + ".expected").TrimEnd('\n');

        Assert.Equal(expected, ToolError.Describe(stdout, stderr));
        Assert.Equal(expected, ToolError.Describe(Tail(stdout), Tail(stderr)));
    }

    [Fact]
    public void Interpreter_teardown_noise_on_stderr_is_not_the_cause_when_the_other_stream_holds_one()
    {
        const string stderr = """
            Exception ignored in: <function _after_fork at 0x7f0c1b2a3e20>
            Traceback (most recent call last):
              File "/usr/lib/python3/dist-packages/eventlet/green/thread.py", line 48, in _after_fork
                current = greenlet.getcurrent()
            AttributeError: 'NoneType' object has no attribute 'getcurrent'
            """;
        const string stdout = """
            Traceback (most recent call last):
              File "/usr/bin/keystone-manage", line 10, in <module>
                sys.exit(main())
            ValueError: invalid interpolation syntax in 'mysql+pymysql://keystone:********@127.0.0.1/keystone' at position 27
            """;

        Assert.Equal("ValueError: invalid interpolation syntax in 'mysql+pymysql://keystone:********@127.0.0.1/keystone' at position 27",
            ToolError.Find(stdout, stderr));
        Assert.Null(ToolError.Find("", stderr));
        Assert.Equal("(no output)", ToolError.Describe("", stderr));
    }

    [Fact]
    public void The_last_critical_or_error_log_line_is_the_cause_and_a_traceback_in_the_log_gives_its_exception()
    {
        const string stderr = """
            2026-01-02 03:04:05.678 4242 WARNING oslo_db.sqlalchemy.engines [-] SQL connection failed. 10 attempts left.
            2026-01-02 03:04:15.678 4242 CRITICAL nova [-] Unhandled error: oslo_db.exception.DBError: boom
            2026-01-02 03:04:15.678 4242 ERROR nova Traceback (most recent call last):
            2026-01-02 03:04:15.678 4242 ERROR nova   File "/usr/bin/nova-manage", line 10, in <module>
            2026-01-02 03:04:15.678 4242 ERROR nova     sys.exit(main())
            2026-01-02 03:04:15.678 4242 ERROR nova oslo_db.exception.DBError: (pymysql.err.OperationalError) boom
            2026-01-02 03:04:15.678 4242 ERROR nova
            """;

        Assert.Equal("oslo_db.exception.DBError: (pymysql.err.OperationalError) boom", ToolError.Find("", stderr));
        Assert.Equal("Unhandled error: oslo_db.exception.DBError: boom", ToolError.Find("", string.Join('\n', stderr.Split('\n').Take(2))));
    }

    [Fact]
    public void Without_an_error_line_the_last_line_that_is_not_noise_is_shown()
    {
        Assert.Null(ToolError.Find("Running upgrade 1 -> 2\n", "some warning\n\n"));
        Assert.Equal("some warning", ToolError.Describe("Running upgrade 1 -> 2\n", "some warning\n\n"));
        Assert.Equal("Running upgrade 1 -> 2", ToolError.Describe("Running upgrade 1 -> 2\n", ""));
    }

    /// <summary>What the module reads back from the controller: the last 4096 bytes of each stream.</summary>
    private static string Tail(string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        return System.Text.Encoding.UTF8.GetString(bytes, Math.Max(0, bytes.Length - 4096), Math.Min(4096, bytes.Length));
    }

    private static string Read(string file)
    {
        var path = Path.Combine(Fixtures, file);
        return File.Exists(path) ? File.ReadAllText(path) : "";
    }
}
