using Leapfrog.Core.Releases;

namespace Leapfrog.Core.Tests;

/// <summary>Every spelling a user may write for a release.</summary>
public class ReleaseNameTests
{
    [Theory]
    [InlineData("zed", "zed", null, false)]
    [InlineData("Zed", "zed", null, false)]
    [InlineData(" ZED ", "zed", null, false)]
    [InlineData("newton", "newton", null, false)]
    [InlineData("2023.1", "antelope", "2023.1", true)]
    [InlineData("antelope", "antelope", "2023.1", true)]
    [InlineData("Antelope", "antelope", "2023.1", true)]
    [InlineData("2023.1-antelope", "antelope", "2023.1", true)]
    [InlineData("2023.2", "bobcat", "2023.2", false)]
    [InlineData("2025.1-epoxy", "epoxy", "2025.1", true)]
    [InlineData("2026.2", "hibiscus", "2026.2", false)]
    public void I_can_name_a_release_any_usual_way(string text, string name, string? number, bool slurp)
    {
        Assert.True(ReleaseCatalog.Default.TryFind(text, out var release));
        Assert.Equal(name, release.Name);
        Assert.Equal(number, release.Number);
        Assert.Equal(slurp, release.Slurp);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("mitaka")]
    [InlineData("2023.3")]
    [InlineData("2023.1-bobcat")]
    [InlineData("antelope-2023.1")]
    [InlineData("z ed")]
    public void A_bad_release_name_is_refused(string? text)
    {
        Assert.False(ReleaseCatalog.Default.TryFind(text, out _));
    }

    [Fact]
    public void The_refusal_names_the_parameter_and_the_known_releases()
    {
        var e = Assert.Throws<InvalidRequestException>(() => ReleaseCatalog.Default.Find("queen\u0007s", "from_release"));

        Assert.StartsWith("from_release: 'queen\\x07s' is not a known OpenStack release; known: newton, ocata,", e.Message);
        Assert.Contains("2023.1-antelope", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Releases_run_newton_to_hibiscus_in_order_with_slurp_on_the_dot_one_releases()
    {
        var all = ReleaseCatalog.Default.All;

        Assert.Equal(21, all.Count);
        Assert.Equal("newton", all[0].Name);
        Assert.Equal("2026.2-hibiscus", all[^1].Id);
        Assert.Equal(["2023.1", "2024.1", "2025.1", "2026.1"], all.Where(r => r.Slurp).Select(r => r.Number));
        Assert.All(all, (r, i) => Assert.Equal(i, r.Order));
    }
}
