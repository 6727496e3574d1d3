using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Leapfrog.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Leapfrog.Remote.Tests;

public sealed class ConnectRetryTests
{
    private static int ClosedPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static ShellOptions ClosedPortOptions(int attempts) => new()
    {
        Host = "127.0.0.1",
        Port = ClosedPort(),
        PrivateKey = "unused",
        ConnectAttempts = attempts,
        ConnectRetryDelay = TimeSpan.FromSeconds(2),
        HostKeyChecking = HostKeyChecking.Off,
    };

    [Fact]
    public async Task A_closed_port_is_retried_with_backoff_on_the_injected_clock_then_ShellConnectException()
    {
        var time = new FakeTimeProvider();
        var options = ClosedPortOptions(4) with { PrivateKey = null, Password = "x" };
        await using var shell = (SshShell)ShellFactory.Create(options, time);
        var wall = Stopwatch.StartNew();

        var connecting = shell.ConnectAsync();
        var advanced = TimeSpan.Zero;
        while (!connecting.IsCompleted && wall.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(20);
            time.Advance(TimeSpan.FromSeconds(1));
            advanced += TimeSpan.FromSeconds(1);
        }

        var e = await Assert.ThrowsAsync<ShellConnectException>(() => connecting);
        Assert.Equal(4, e.Attempts);
        Assert.Equal(4, shell.LastConnectAttempts);
        Assert.Contains($"cannot connect to root@127.0.0.1:{options.Port} after 4 attempts", e.Message);
        Assert.Contains("ConnectionRefused", e.Message);
        Assert.True(advanced >= TimeSpan.FromSeconds(2 + 4 + 8), $"backoff 2+4+8 s on the fake clock, advanced {advanced}");
        Assert.True(wall.Elapsed < TimeSpan.FromSeconds(15), "no real waiting");
    }

    [Fact]
    public async Task One_attempt_means_no_retry()
    {
        await using var shell = (SshShell)ShellFactory.Create(ClosedPortOptions(1) with { PrivateKey = null, Password = "x" }, TimeProvider.System);

        var e = await Assert.ThrowsAsync<ShellConnectException>(() => shell.ConnectAsync());

        Assert.Equal(1, e.Attempts);
        Assert.Contains("after 1 attempt:", e.Message);
    }

    [Fact]
    public async Task An_unreadable_key_is_an_authentication_error_before_any_attempt()
    {
        await using var shell = (SshShell)ShellFactory.Create(ClosedPortOptions(4), TimeProvider.System);

        var e = await Assert.ThrowsAsync<ShellAuthenticationException>(() => shell.ConnectAsync());

        Assert.Equal(0, shell.LastConnectAttempts);
        Assert.Contains("inline private key cannot be used", e.Message);
        Assert.DoesNotContain("unused", e.Message);
    }

    [Fact]
    public async Task A_refused_key_is_not_retried()
    {
        using var server = new SshServer();
        using var temp = new Temp();
        var stranger = SshKeyPair.Generate(temp.Dir, "stranger", "ed25519");
        var options = SshFixture.OptionsFor(server) with { PrivateKeyFile = stranger.PrivateKeyPath };
        await using var shell = (SshShell)ShellFactory.Create(options, TimeProvider.System);

        var e = await Assert.ThrowsAsync<ShellAuthenticationException>(() => shell.ConnectAsync());

        Assert.Equal(1, shell.LastConnectAttempts);
        Assert.Contains($"private key file {stranger.PrivateKeyPath}", e.Message);
    }

    [Fact]
    public async Task While_sshd_is_down_connect_retries_and_succeeds_once_it_is_back()
    {
        using var server = new SshServer();
        server.Stop();
        var options = SshFixture.OptionsFor(server) with { ConnectAttempts = 6, ConnectRetryDelay = TimeSpan.FromMilliseconds(400) };
        await using var shell = (SshShell)ShellFactory.Create(options, TimeProvider.System);

        var running = shell.RunAsync("echo back", TimeSpan.FromSeconds(30));
        await Task.Delay(1000);
        Assert.False(running.IsCompleted);
        server.Start();
        var result = await running;

        Assert.Equal("back\n", result.Stdout);
        Assert.True(shell.LastConnectAttempts >= 2, $"attempts {shell.LastConnectAttempts}");
    }

    [Theory]
    [InlineData("", 22, "host is required")]
    [InlineData("bad\nhost", 22, "host contains a control character")]
    [InlineData("h", 0, "port must be 1..65535, got 0")]
    public void Bad_options_are_rejected_with_one_line(string host, int port, string message)
    {
        var e = Assert.Throws<Leapfrog.Core.InvalidRequestException>(
            () => ShellFactory.Create(new ShellOptions { Host = host, Port = port, Password = "p" }, TimeProvider.System));

        Assert.StartsWith(message, e.Message);
    }

    [Fact]
    public void Missing_credentials_are_rejected()
    {
        var e = Assert.Throws<Leapfrog.Core.InvalidRequestException>(
            () => ShellFactory.Create(new ShellOptions { Host = "h" }, TimeProvider.System));

        Assert.Equal("no SSH credentials: give private_key_file, private_key or password", e.Message);
    }

    [Theory]
    [InlineData("db1", 22, "root@db1:22")]
    [InlineData("::1", 2222, "root@[::1]:2222")]
    public void The_target_names_user_host_and_port(string host, int port, string target) =>
        Assert.Equal(target, ShellFactory.Create(new ShellOptions { Host = host, Port = port, Password = "p" }, TimeProvider.System).Target);
}
