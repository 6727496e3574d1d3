using System.Diagnostics;
using Leapfrog.Core;

namespace Leapfrog.Remote.Tests;

public class ShellQuoteTests
{
    public static readonly string[] NastyStrings =
    [
        "",
        "plain",
        "with space",
        "  leading and trailing  ",
        "$(touch /tmp/pwned)",
        "`id`",
        "it's",
        "'",
        "''",
        "\"double\" quotes",
        "back\\slash\\",
        "$HOME ${HOME} $1 $@ $*",
        "semi; colon && and || or | pipe",
        "glob * ? [a-z] ~",
        "redir > /dev/null < in 2>&1",
        "#comment",
        "-n",
        "--option=value",
        "ünïcødé ☃ 日本語 🚀",
        "tab\there",
        "new\nline",
        "!bang !!",
        "=",
        "a=b c",
    ];

    public static readonly TheoryData<string> Nasty = new(NastyStrings);

    [Theory]
    [MemberData(nameof(Nasty))]
    public void A_quoted_argument_comes_back_unchanged_from_a_real_sh(string arg)
    {
        var echoed = RunSh("printf '%s\\0' " + ShellQuote.Quote(arg));

        Assert.Equal([arg], echoed);
    }

    [Fact]
    public void A_joined_argv_comes_back_as_the_same_words_from_a_real_sh()
    {
        var argv = NastyStrings;

        var echoed = RunSh("printf '%s\\0' " + ShellQuote.Join(argv));

        Assert.Equal(argv, echoed);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("/var/lib/leapfrog", "/var/lib/leapfrog")]
    [InlineData("a b", "'a b'")]
    [InlineData("it's", "'it'\\''s'")]
    [InlineData("", "''")]
    [InlineData("$(x)", "'$(x)'")]
    public void Plain_words_stay_bare_and_others_are_single_quoted(string arg, string expected) =>
        Assert.Equal(expected, ShellQuote.Quote(arg));

    [Fact]
    public void Quote_rejects_NUL() =>
        Assert.Throws<InvalidRequestException>(() => ShellQuote.Quote("a\0b"));

    [Theory]
    [InlineData("new\nline", "U+000A at position 4")]
    [InlineData("nul\0", "U+0000 at position 4")]
    [InlineData("tab\t", "U+0009")]
    [InlineData("esc\u001b[31m", "U+001B")]
    [InlineData("del\u007f", "U+007F")]
    [InlineData("c1\u0085", "U+0085")]
    [InlineData("cr\r", "U+000D")]
    public void EnsurePlain_rejects_control_characters_naming_the_field(string value, string detail)
    {
        var e = Assert.Throws<InvalidRequestException>(() => ShellQuote.EnsurePlain(value, "state_dir"));

        Assert.StartsWith("state_dir contains a control character", e.Message);
        Assert.Contains(detail, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData("/var/lib/leapfrog")]
    [InlineData("with space and 'quotes' and $(subst)")]
    [InlineData("ünïcødé ☃")]
    public void EnsurePlain_accepts_printable_text(string value) => ShellQuote.EnsurePlain(value, "path");

    internal static string[] RunSh(string script)
    {
        var psi = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
        return SplitNul(output);
    }

    internal static string[] SplitNul(string output)
    {
        Assert.EndsWith("\0", output);
        return output[..^1].Split('\0');
    }
}
