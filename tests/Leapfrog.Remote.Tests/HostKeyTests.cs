using Leapfrog.Testing;

namespace Leapfrog.Remote.Tests;

[Collection("sshd")]
public sealed class HostKeyTests(SshFixture ssh) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly Temp _temp = new();

    public void Dispose() => _temp.Dispose();

    private SshServer Server => ssh.Server;

    private string Marker => _temp.File("marker");

    private string TouchMarker => "touch " + ShellQuote.Quote(Marker);

    private ShellOptions With(string knownHostsFile, HostKeyChecking mode) =>
        ssh.Options() with { KnownHostsFile = knownHostsFile, HostKeyChecking = mode };

    [Fact]
    public async Task Strict_refuses_an_unknown_host_and_runs_nothing()
    {
        var knownHosts = _temp.File("known_hosts");
        File.WriteAllText(knownHosts, $"[127.0.0.1]:{Server.Port + 1} {Server.HostKeys[0].PublicKeyLine}\n");
        await using var shell = (SshShell)ShellFactory.Create(With(knownHosts, HostKeyChecking.Strict), TimeProvider.System);

        var e = await Assert.ThrowsAsync<UnknownHostKeyException>(() => shell.RunAsync(TouchMarker, Timeout));

        Assert.False(File.Exists(Marker));
        Assert.Equal(1, shell.LastConnectAttempts);
        Assert.Contains($"127.0.0.1:{Server.Port} is not in known_hosts {knownHosts}", e.Message);
        Assert.Contains(Server.HostKeyFingerprints[e.KeyType], e.Message);
    }

    [Fact]
    public async Task Strict_refuses_a_missing_known_hosts_file()
    {
        await using var shell = ShellFactory.Create(With(_temp.File("absent"), HostKeyChecking.Strict), TimeProvider.System);

        await Assert.ThrowsAsync<UnknownHostKeyException>(() => shell.RunAsync(TouchMarker, Timeout));

        Assert.False(File.Exists(Marker));
        Assert.False(File.Exists(_temp.File("absent")));
    }

    [Theory]
    [InlineData(HostKeyChecking.Strict)]
    [InlineData(HostKeyChecking.AcceptNew)]
    public async Task A_changed_host_key_is_refused_naming_both_fingerprints_and_runs_nothing(HostKeyChecking mode)
    {
        var impostor = SshKeyPair.Generate(_temp.Dir, "impostor", "ed25519");
        var knownHosts = _temp.File("known_hosts");
        File.WriteAllText(knownHosts, $"{Server.KnownHostsName} {impostor.PublicKeyLine}\n");
        await using var shell = ShellFactory.Create(With(knownHosts, mode), TimeProvider.System);

        var e = await Assert.ThrowsAsync<HostKeyMismatchException>(() => shell.RunAsync(TouchMarker, Timeout));

        Assert.False(File.Exists(Marker));
        Assert.Equal("ssh-ed25519", e.KeyType);
        Assert.Equal(Server.HostKeyFingerprints["ssh-ed25519"], e.PresentedFingerprint);
        Assert.Contains($"host key for 127.0.0.1:{Server.Port} has changed", e.Message);
        Assert.Contains(impostor.Fingerprint, e.Message);
        Assert.Contains(Server.HostKeyFingerprints["ssh-ed25519"], e.Message);
        Assert.Single(File.ReadAllLines(knownHosts));
    }

    [Fact]
    public async Task Accept_new_appends_the_key_warns_and_then_strict_works()
    {
        var knownHosts = _temp.File("dir/known_hosts");
        await using (var first = ShellFactory.Create(With(knownHosts, HostKeyChecking.AcceptNew), TimeProvider.System))
        {
            var result = await first.RunAsync("echo first", Timeout);
            Assert.Equal("first\n", result.Stdout);
            var warning = Assert.Single(first.Warnings);
            Assert.Contains("accepted new host key", warning);
        }

        var line = Assert.Single(File.ReadAllLines(knownHosts));
        Assert.StartsWith($"[127.0.0.1]:{Server.Port} ", line);
        Assert.Contains(Server.HostKeys.Single(k => line.Contains(k.PublicKeyBase64)).Fingerprint, string.Join(' ', Server.HostKeyFingerprints.Values));

        await using var strict = ShellFactory.Create(With(knownHosts, HostKeyChecking.Strict), TimeProvider.System);
        Assert.Equal("second\n", (await strict.RunAsync("echo second", Timeout)).Stdout);
        Assert.Empty(strict.Warnings);
    }

    [Fact]
    public async Task A_hashed_known_hosts_entry_is_trusted()
    {
        var knownHosts = _temp.File("known_hosts");
        File.Copy(Server.KnownHostsPath, knownHosts);
        SshProcess.Run("/usr/bin/ssh-keygen", ["-q", "-H", "-f", knownHosts]);
        Assert.DoesNotContain("127.0.0.1", File.ReadAllText(knownHosts));
        await using var shell = ShellFactory.Create(With(knownHosts, HostKeyChecking.Strict), TimeProvider.System);

        var result = await shell.RunAsync("echo hashed", Timeout);

        Assert.Equal("hashed\n", result.Stdout);
    }

    [Theory]
    [InlineData("ssh-rsa")]
    [InlineData("ecdsa-sha2-nistp256")]
    [InlineData("ssh-ed25519")]
    public async Task A_host_known_only_by_one_key_type_is_verified_with_that_type(string keyType)
    {
        var knownHosts = _temp.File("known_hosts");
        var key = Server.HostKeys.Single(k => k.KeyType == keyType);
        File.WriteAllText(knownHosts, $"# only {keyType}\n{Server.KnownHostsName} {key.PublicKeyLine}\n");
        await using var shell = ShellFactory.Create(With(knownHosts, HostKeyChecking.Strict), TimeProvider.System);

        var result = await shell.RunAsync("echo typed", Timeout);

        Assert.Equal("typed\n", result.Stdout);
    }

    [Fact]
    public async Task A_malformed_known_hosts_line_is_a_clear_error_with_its_line_number_and_runs_nothing()
    {
        var knownHosts = _temp.File("known_hosts");
        File.WriteAllText(knownHosts, $"# header\n{File.ReadAllText(Server.KnownHostsPath)}broken-line-without-key\n");
        await using var shell = ShellFactory.Create(With(knownHosts, HostKeyChecking.Strict), TimeProvider.System);

        var e = await Assert.ThrowsAsync<KnownHostsFormatException>(() => shell.RunAsync(TouchMarker, Timeout));

        Assert.Equal(5, e.Line);
        Assert.Equal($"known_hosts {knownHosts} line 5: expected 'hosts key-type base64-key [comment]'", e.Message);
        Assert.False(File.Exists(Marker));
    }

    [Fact]
    public async Task A_revoked_key_is_refused()
    {
        var knownHosts = _temp.File("known_hosts");
        var lines = Server.HostKeys.Select(k => $"@revoked * {k.PublicKeyLine}").Append(File.ReadAllText(Server.KnownHostsPath));
        File.WriteAllLines(knownHosts, lines);
        await using var shell = ShellFactory.Create(With(knownHosts, HostKeyChecking.Strict), TimeProvider.System);

        var e = await Assert.ThrowsAsync<HostKeyRevokedException>(() => shell.RunAsync(TouchMarker, Timeout));

        Assert.Contains("@revoked", e.Message);
        Assert.False(File.Exists(Marker));
    }

    [Fact]
    public async Task Off_connects_to_anything_with_a_warning_naming_the_fingerprint()
    {
        var impostor = SshKeyPair.Generate(_temp.Dir, "impostor", "ed25519");
        var knownHosts = _temp.File("known_hosts");
        File.WriteAllText(knownHosts, $"{Server.KnownHostsName} {impostor.PublicKeyLine}\n");
        await using var shell = ShellFactory.Create(With(knownHosts, HostKeyChecking.Off), TimeProvider.System);

        var result = await shell.RunAsync(TouchMarker, Timeout);

        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(Marker));
        var warning = Assert.Single(shell.Warnings);
        Assert.Contains("host key checking is off", warning);
        Assert.Contains(Server.HostKeyFingerprints.Values, warning.Contains);
        Assert.Single(File.ReadAllLines(knownHosts));
    }

    [Fact]
    public async Task Accept_new_refuses_when_the_key_cannot_be_recorded()
    {
        var blocker = _temp.File("a-file");
        File.WriteAllText(blocker, "");
        var knownHosts = Path.Combine(blocker, "known_hosts");
        await using var shell = ShellFactory.Create(With(knownHosts, HostKeyChecking.AcceptNew), TimeProvider.System);

        var e = await Assert.ThrowsAsync<KnownHostsWriteException>(() => shell.RunAsync(TouchMarker, Timeout));

        Assert.StartsWith($"cannot add the host key of 127.0.0.1:{Server.Port} to known_hosts {knownHosts}", e.Message);
        Assert.False(File.Exists(Marker));
    }
}
