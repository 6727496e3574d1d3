using Leapfrog.Testing;

namespace Leapfrog.Remote.Tests;

public sealed class ConnectionLossTests : IDisposable
{
    private readonly SshServer _server = new();
    private readonly Temp _temp = new();

    public void Dispose()
    {
        _server.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task Cutting_the_connection_mid_command_throws_ShellConnectionLostException_and_the_next_run_reconnects()
    {
        var options = SshFixture.OptionsFor(_server) with { KeepAlive = TimeSpan.FromSeconds(1) };
        await using var shell = (SshShell)ShellFactory.Create(options, TimeProvider.System);
        var started = _temp.File("started");

        var running = shell.RunAsync($"touch {ShellQuote.Quote(started)}; sleep 30", TimeSpan.FromSeconds(60));
        await WaitFor(() => File.Exists(started));
        Assert.True(_server.KillSessionChildren() > 0);

        var e = await Assert.ThrowsAsync<ShellConnectionLostException>(() => running).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Contains($"root@127.0.0.1:{_server.Port}", e.Message);

        var next = await shell.RunAsync("echo again", TimeSpan.FromSeconds(30));
        Assert.Equal("again\n", next.Stdout);
    }

    [Fact]
    public async Task After_sshd_restarts_while_idle_the_next_run_reconnects()
    {
        await using var shell = ShellFactory.Create(SshFixture.OptionsFor(_server), TimeProvider.System);
        Assert.Equal("one\n", (await shell.RunAsync("echo one", TimeSpan.FromSeconds(30))).Stdout);

        _server.Stop();
        await Task.Delay(300);
        _server.Start();

        Assert.Equal("two\n", (await shell.RunAsync("echo two", TimeSpan.FromSeconds(30))).Stdout);
    }

    private static async Task WaitFor(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition());
    }
}
