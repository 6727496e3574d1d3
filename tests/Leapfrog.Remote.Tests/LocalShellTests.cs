using Leapfrog.Core;

namespace Leapfrog.Remote.Tests;

public sealed class LocalShellTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static IShell Local(bool become = false) =>
        ShellFactory.Create(new ShellOptions { Local = true, Become = become }, TimeProvider.System);

    [Fact]
    public async Task I_can_run_a_script_locally_and_get_exit_code_stdout_and_stderr()
    {
        await using var shell = Local();
        await shell.ConnectAsync();

        var result = await shell.RunAsync("echo out; echo err >&2; exit 3", Timeout);

        Assert.Equal(new ShellResult(3, "out\n", "err\n"), result);
        Assert.Equal("local", shell.Target);
        Assert.Empty(shell.Warnings);
    }

    [Fact]
    public async Task Nasty_arguments_quoted_by_ShellQuote_arrive_unchanged_locally()
    {
        var argv = ShellQuoteTests.NastyStrings;
        await using var shell = Local();

        var result = await shell.RunAsync("printf '%s\\0' " + ShellQuote.Join(argv), Timeout);

        Assert.Equal(argv, ShellQuoteTests.SplitNul(result.Stdout));
    }

    [Fact]
    public async Task Become_runs_the_script_under_sudo_n_locally()
    {
        await using var shell = Local(become: true);

        var result = await shell.RunAsync("echo \"$SUDO_COMMAND\"; id -u", Timeout);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("/bin/sh -c echo", result.Stdout);
    }

    [Fact]
    public async Task A_local_script_longer_than_its_timeout_is_killed_with_ShellTimeoutException()
    {
        await using var shell = Local();
        var started = DateTime.UtcNow;

        await Assert.ThrowsAsync<ShellTimeoutException>(() => shell.RunAsync("sleep 20", TimeSpan.FromMilliseconds(300)));

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_local_script_reading_stdin_gets_end_of_file()
    {
        await using var shell = Local();

        var result = await shell.RunAsync("cat; read line || echo eof", TimeSpan.FromSeconds(10));

        Assert.Equal("eof\n", result.Stdout);
    }

    [Fact]
    public async Task A_timed_out_local_script_leaves_no_children()
    {
        using var temp = new Temp();
        var marker = ShellQuote.Quote(temp.File("late"));
        await using var shell = Local();

        await Assert.ThrowsAsync<ShellTimeoutException>(
            () => shell.RunAsync($"sleep 1.5 && touch {marker}; sleep 1; touch {marker}", TimeSpan.FromMilliseconds(300)));
        await Task.Delay(3500);

        Assert.False(File.Exists(temp.File("late")));
    }

    [Fact]
    public async Task A_NUL_in_a_local_script_is_rejected()
    {
        await using var shell = Local();

        await Assert.ThrowsAsync<InvalidRequestException>(() => shell.RunAsync("echo \0", Timeout));
    }
}
