using Leapfrog.Testing;

namespace Leapfrog.Remote.Tests;

[Collection("sshd")]
public sealed class SshRunTests(SshFixture ssh)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task I_can_run_a_script_and_get_exit_code_stdout_and_stderr()
    {
        await using var shell = ShellFactory.Create(ssh.Options(), TimeProvider.System);

        var result = await shell.RunAsync("echo out; echo err >&2; exit 3", Timeout);

        Assert.Equal(new ShellResult(3, "out\n", "err\n"), result);
        Assert.Equal($"root@127.0.0.1:{ssh.Server.Port}", shell.Target);
        Assert.Empty(shell.Warnings);
    }

    [Fact]
    public async Task Scripts_run_under_bin_sh_on_one_connection_and_connect_is_idempotent()
    {
        await using var shell = (SshShell)ShellFactory.Create(ssh.Options(), TimeProvider.System);
        await shell.ConnectAsync();
        await shell.ConnectAsync();

        var first = await shell.RunAsync("echo $0; echo $PPID", Timeout);
        var second = await shell.RunAsync("for i in 1 2 3; do printf '%s,' $i; done\nprintf 'multi\\nline'", Timeout);

        Assert.StartsWith("/bin/sh\n", first.Stdout);
        Assert.Equal("1,2,3,multi\nline", second.Stdout);
        Assert.Equal(1, shell.LastConnectAttempts);
    }

    [Fact]
    public async Task A_script_killed_by_a_signal_reports_128_plus_the_signal()
    {
        await using var shell = ShellFactory.Create(ssh.Options(), TimeProvider.System);

        var result = await shell.RunAsync("kill -TERM $$", Timeout);

        Assert.Equal(143, result.ExitCode);
    }

    [Fact]
    public async Task Nasty_arguments_quoted_by_ShellQuote_arrive_unchanged_over_ssh()
    {
        var argv = ShellQuoteTests.NastyStrings;
        await using var shell = ShellFactory.Create(ssh.Options(), TimeProvider.System);

        var result = await shell.RunAsync("printf '%s\\0' " + ShellQuote.Join(argv), Timeout);

        Assert.Equal(argv, ShellQuoteTests.SplitNul(result.Stdout));
    }

    [Fact]
    public async Task I_can_authenticate_with_an_inline_key_that_has_a_passphrase()
    {
        var options = ssh.Options() with
        {
            PrivateKeyFile = null,
            PrivateKey = ssh.Server.EncryptedClientKey.PrivateKeyText,
            PrivateKeyPassphrase = ssh.Server.Passphrase,
        };
        await using var shell = ShellFactory.Create(options, TimeProvider.System);

        var result = await shell.RunAsync("id -un", Timeout);

        Assert.Equal("root\n", result.Stdout);
    }

    [Fact]
    public async Task I_can_authenticate_with_an_encrypted_key_file_and_its_passphrase()
    {
        var options = ssh.Options() with { PrivateKeyFile = ssh.Server.EncryptedClientKeyPath, PrivateKeyPassphrase = ssh.Server.Passphrase };
        await using var shell = ShellFactory.Create(options, TimeProvider.System);

        var result = await shell.RunAsync("echo ok", Timeout);

        Assert.Equal("ok\n", result.Stdout);
    }

    [Fact]
    public async Task A_wrong_passphrase_fails_clearly_without_echoing_it()
    {
        const string Wrong = "wrong-passphrase-xyzzy";
        var options = ssh.Options() with
        {
            PrivateKeyFile = null,
            PrivateKey = ssh.Server.EncryptedClientKey.PrivateKeyText,
            PrivateKeyPassphrase = Wrong,
        };
        await using var shell = ShellFactory.Create(options, TimeProvider.System);

        var e = await Assert.ThrowsAsync<ShellAuthenticationException>(() => shell.ConnectAsync());

        Assert.Contains("inline private key", e.Message);
        Assert.DoesNotContain(Wrong, e.ToString());
        Assert.DoesNotContain("PRIVATE KEY", e.ToString());
    }

    [Fact]
    public async Task An_encrypted_key_without_passphrase_says_so()
    {
        var options = ssh.Options() with { PrivateKeyFile = ssh.Server.EncryptedClientKeyPath };
        await using var shell = ShellFactory.Create(options, TimeProvider.System);

        var e = await Assert.ThrowsAsync<ShellAuthenticationException>(() => shell.ConnectAsync());

        Assert.Contains("is encrypted and no passphrase was given", e.Message);
    }

    [Fact]
    public async Task I_can_authenticate_with_a_password_and_a_wrong_one_is_refused_once_without_echo()
    {
        using var user = new SshTestUser();
        var options = ssh.Options() with { User = user.Name, PrivateKeyFile = null, Password = user.Password };
        await using (var shell = ShellFactory.Create(options, TimeProvider.System))
        {
            var result = await shell.RunAsync("id -un", Timeout);
            Assert.Equal(user.Name + "\n", result.Stdout);
        }

        var wrong = options with { Password = "not-the-password-42" };
        await using var refused = (SshShell)ShellFactory.Create(wrong, TimeProvider.System);
        var e = await Assert.ThrowsAsync<ShellAuthenticationException>(() => refused.ConnectAsync());

        Assert.Equal(1, refused.LastConnectAttempts);
        Assert.Contains($"{user.Name}@127.0.0.1:{ssh.Server.Port}", e.Message);
        Assert.Contains("password", e.Message);
        Assert.DoesNotContain("not-the-password-42", e.ToString());
    }

    [Fact]
    public async Task Become_runs_the_script_under_sudo_n()
    {
        await using var shell = ShellFactory.Create(ssh.Options() with { Become = true }, TimeProvider.System);

        var result = await shell.RunAsync("echo \"$SUDO_COMMAND\"; id -u", Timeout);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("/bin/sh -c ", result.Stdout);
        Assert.EndsWith("\n0\n", result.Stdout);
    }

    [Fact]
    public async Task Become_for_a_user_without_sudo_rights_fails_without_prompting()
    {
        using var user = new SshTestUser();
        var options = ssh.Options() with { User = user.Name, PrivateKeyFile = null, Password = user.Password, Become = true };
        await using var shell = ShellFactory.Create(options, TimeProvider.System);

        var result = await shell.RunAsync("touch /root/should-not-exist", TimeSpan.FromSeconds(10));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("sudo", result.Stderr);
    }

    [Fact]
    public async Task A_script_longer_than_its_timeout_throws_ShellTimeoutException_and_the_shell_stays_usable()
    {
        await using var shell = ShellFactory.Create(ssh.Options(), TimeProvider.System);
        var started = DateTime.UtcNow;

        var e = await Assert.ThrowsAsync<ShellTimeoutException>(() => shell.RunAsync("sleep 20", TimeSpan.FromMilliseconds(500)));

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
        Assert.Contains("0.5 s", e.Message);
        Assert.IsType<TimeoutException>(e.InnerException);
        Assert.Equal("still here\n", (await shell.RunAsync("echo still here", Timeout)).Stdout);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_timed_out_script_leaves_no_children_running_on_the_server(bool become)
    {
        using var temp = new Temp();
        var marker = ShellQuote.Quote(temp.File("late"));
        await using var shell = ShellFactory.Create(ssh.Options() with { Become = become }, TimeProvider.System);

        await Assert.ThrowsAsync<ShellTimeoutException>(
            () => shell.RunAsync($"sleep 1.5 && touch {marker}; sleep 1; touch {marker}", TimeSpan.FromMilliseconds(300)));
        await Task.Delay(3500);

        Assert.False(File.Exists(temp.File("late")));
        Assert.Empty(shell.Warnings);
    }

    [Fact]
    public async Task A_script_reading_stdin_gets_end_of_file_instead_of_hanging()
    {
        await using var shell = ShellFactory.Create(ssh.Options(), TimeProvider.System);

        var result = await shell.RunAsync("cat; read line || echo eof", TimeSpan.FromSeconds(10));

        Assert.Equal("eof\n", result.Stdout);
    }

    [Fact]
    public async Task A_NUL_in_a_script_is_rejected_before_connecting()
    {
        await using var shell = (SshShell)ShellFactory.Create(ssh.Options(), TimeProvider.System);

        await Assert.ThrowsAsync<Leapfrog.Core.InvalidRequestException>(() => shell.RunAsync("echo a\0b", Timeout));

        Assert.Equal(0, shell.LastConnectAttempts);
    }

    [Fact]
    public async Task Cancelling_the_token_cancels_the_run()
    {
        await using var shell = ShellFactory.Create(ssh.Options(), TimeProvider.System);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => shell.RunAsync("sleep 20", Timeout, cts.Token));
    }
}
