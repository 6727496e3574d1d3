using Leapfrog.Remote.KnownHosts;
using Leapfrog.Testing;

namespace Leapfrog.Remote.Tests;

public sealed class KnownHostsFileTests : IDisposable
{
    private readonly Temp _temp = new();
    private readonly SshKeyPair _ed;
    private readonly SshKeyPair _ecdsa;
    private readonly SshKeyPair _other;

    public KnownHostsFileTests()
    {
        _ed = SshKeyPair.Generate(_temp.Dir, "ed", "ed25519");
        _ecdsa = SshKeyPair.Generate(_temp.Dir, "ec", "ecdsa");
        _other = SshKeyPair.Generate(_temp.Dir, "other", "ed25519");
    }

    public void Dispose() => _temp.Dispose();

    private static byte[] Blob(SshKeyPair k) => Convert.FromBase64String(k.PublicKeyBase64);

    private static KnownHostsFile Parse(params string[] lines) => KnownHostsFile.Parse("kh", lines);

    [Fact]
    public void A_plain_host_on_port_22_matches_by_name()
    {
        var file = Parse($"db1.example {_ed.PublicKeyLine}");

        Assert.Equal(HostKeyVerdictKind.Trusted, file.Check("db1.example", 22, Blob(_ed)).Kind);
        Assert.Equal(HostKeyVerdictKind.Trusted, file.Check("DB1.Example", 22, Blob(_ed)).Kind);
        Assert.Equal(HostKeyVerdictKind.Unknown, file.Check("db1.example", 2222, Blob(_ed)).Kind);
        Assert.Equal(HostKeyVerdictKind.Unknown, file.Check("db2.example", 22, Blob(_ed)).Kind);
    }

    [Fact]
    public void A_bracketed_host_and_port_matches_only_that_port()
    {
        var file = Parse($"[10.0.0.5]:2222 {_ed.PublicKeyLine}");

        Assert.Equal(HostKeyVerdictKind.Trusted, file.Check("10.0.0.5", 2222, Blob(_ed)).Kind);
        Assert.Equal(HostKeyVerdictKind.Unknown, file.Check("10.0.0.5", 22, Blob(_ed)).Kind);
    }

    [Fact]
    public void Comma_lists_wildcards_and_negation_follow_openssh()
    {
        var file = Parse(
            $"a.example,b.example,10.0.0.1 {_ed.PublicKeyLine}",
            $"*.lab,!bad.lab {_ecdsa.PublicKeyLine}");

        Assert.Equal(HostKeyVerdictKind.Trusted, file.Check("b.example", 22, Blob(_ed)).Kind);
        Assert.Equal(HostKeyVerdictKind.Trusted, file.Check("10.0.0.1", 22, Blob(_ed)).Kind);
        Assert.Equal(HostKeyVerdictKind.Trusted, file.Check("ctl1.lab", 22, Blob(_ecdsa)).Kind);
        Assert.Equal(HostKeyVerdictKind.Unknown, file.Check("bad.lab", 22, Blob(_ecdsa)).Kind);
    }

    [Fact]
    public void A_hashed_entry_made_by_ssh_keygen_matches_its_host_and_port()
    {
        var path = _temp.File("hashed");
        File.WriteAllText(path, $"[127.0.0.1]:2222 {_ed.PublicKeyLine}\nctl.example {_ecdsa.PublicKeyLine}\n");
        SshProcess.Run("/usr/bin/ssh-keygen", ["-q", "-H", "-f", path]);
        Assert.DoesNotContain("127.0.0.1", File.ReadAllText(path));

        var file = KnownHostsFile.Load(path);

        Assert.All(file.Entries, e => Assert.StartsWith("|1|", e.HostField));
        Assert.Equal(HostKeyVerdictKind.Trusted, file.Check("127.0.0.1", 2222, Blob(_ed)).Kind);
        Assert.Equal(HostKeyVerdictKind.Trusted, file.Check("ctl.example", 22, Blob(_ecdsa)).Kind);
        Assert.Equal(HostKeyVerdictKind.Unknown, file.Check("127.0.0.1", 2223, Blob(_ed)).Kind);
    }

    [Fact]
    public void A_different_key_of_the_same_type_is_a_mismatch_listing_the_expected_fingerprint()
    {
        var file = Parse($"h {_ed.PublicKeyLine}", $"h {_ecdsa.PublicKeyLine}");

        var verdict = file.Check("h", 22, Blob(_other));

        Assert.Equal(HostKeyVerdictKind.Mismatch, verdict.Kind);
        Assert.Equal([$"ssh-ed25519 {_ed.Fingerprint} (line 1)"], verdict.Expected);
    }

    [Fact]
    public void Revoked_keys_are_refused_and_cert_authority_lines_do_not_trust_a_host()
    {
        var file = Parse(
            $"@revoked * {_other.PublicKeyLine}",
            $"@cert-authority *.example {_ed.PublicKeyLine}",
            $"h {_other.PublicKeyLine}");

        Assert.Equal(HostKeyVerdictKind.Revoked, file.Check("h", 22, Blob(_other)).Kind);
        Assert.Equal(HostKeyVerdictKind.Unknown, file.Check("x.example", 22, Blob(_ed)).Kind);
    }

    [Fact]
    public void Comments_blank_lines_and_trailing_comments_are_fine()
    {
        var file = Parse("# a comment", "", "   ", $"h {_ed.PublicKeyLine} trailing comment words", "\t# indented comment");

        Assert.Single(file.Entries);
        Assert.Equal(4, file.Entries[0].Line);
    }

    [Theory]
    [InlineData("h ssh-ed25519", 2, "expected 'hosts key-type base64-key")]
    [InlineData("h ssh-ed25519 not*base64!", 2, "not valid base64")]
    [InlineData("h ssh-rsa {ED}", 2, "key type 'ssh-rsa' does not match the key data (ssh-ed25519)")]
    [InlineData("@bogus h ssh-ed25519 {ED}", 2, "unknown marker '@bogus'")]
    [InlineData("|1|abc|def ssh-ed25519 {ED}", 2, "hashed host")]
    [InlineData("|2|x|y|z ssh-ed25519 {ED}", 2, "hashed host must look like |1|salt|hash")]
    [InlineData("a,,b ssh-ed25519 {ED}", 2, "empty host name")]
    public void A_malformed_line_is_an_error_naming_file_and_line(string bad, int line, string problem)
    {
        var lines = new[] { $"good {_ed.PublicKeyLine}", bad.Replace("{ED}", _ed.PublicKeyBase64) };

        var e = Assert.Throws<KnownHostsFormatException>(() => KnownHostsFile.Parse("/x/known_hosts", lines));

        Assert.Equal(line, e.Line);
        Assert.StartsWith($"known_hosts /x/known_hosts line {line}: ", e.Message);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void A_missing_file_is_empty()
    {
        var file = KnownHostsFile.Load(_temp.File("nope"));

        Assert.Empty(file.Entries);
    }

    [Fact]
    public void Append_writes_bracketed_port_or_plain_host_and_keeps_the_file_parseable()
    {
        var path = _temp.File("sub/dir/known_hosts");

        KnownHostsWriter.Append(path, "10.1.1.1", 2222, Blob(_ed));
        File.AppendAllText(path, $"no-newline {_ecdsa.PublicKeyLine}");
        KnownHostsWriter.Append(path, "ctl", 22, Blob(_other));

        var lines = File.ReadAllLines(path);
        Assert.Equal($"[10.1.1.1]:2222 {_ed.PublicKeyLine}", lines[0]);
        Assert.Equal($"ctl {_other.PublicKeyLine}", lines[2]);
        var file = KnownHostsFile.Load(path);
        Assert.Equal(3, file.Entries.Count);
        Assert.Equal(HostKeyVerdictKind.Trusted, file.Check("ctl", 22, Blob(_other)).Kind);
    }

    [Fact]
    public void Fingerprints_agree_with_ssh_keygen()
    {
        var printed = SshProcess.Run("/usr/bin/ssh-keygen", ["-l", "-E", "sha256", "-f", _ed.PrivateKeyPath + ".pub"]);

        Assert.Contains(SshFingerprint.Of(Blob(_ed)), printed);
    }
}
