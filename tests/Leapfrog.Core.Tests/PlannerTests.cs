using Leapfrog.Core.Planning;
using Leapfrog.Core.Releases;

namespace Leapfrog.Core.Tests;

/// <summary>From/to into hops, per policy and via list.</summary>
public class PlannerTests
{
    private static readonly ReleaseCatalog Releases = ReleaseCatalog.Default;
    private static readonly Planner Planner = new(Releases);

    [Fact]
    public void Strict_victoria_to_2025_1_takes_7_supported_hops_through_the_slurps()
    {
        var hops = Plan("victoria", "2025.1", PlanPolicy.Strict);

        Assert.Equal(
            ["victoria>wallaby", "wallaby>xena", "xena>yoga", "yoga>zed", "zed>antelope", "antelope>caracal", "caracal>epoxy"],
            Names(hops));
        Assert.All(hops, h => Assert.True(h.Supported));
        Assert.Equal([false, false, false, false, false, true, true], hops.Select(h => h.Slurp));
    }

    [Fact]
    public void Stepwise_victoria_to_2025_1_takes_every_release_in_9_hops()
    {
        var hops = Plan("victoria", "2025.1", PlanPolicy.Stepwise);

        Assert.Equal(
            ["victoria>wallaby", "wallaby>xena", "xena>yoga", "yoga>zed", "zed>antelope", "antelope>bobcat", "bobcat>caracal", "caracal>dalmatian", "dalmatian>epoxy"],
            Names(hops));
        Assert.All(hops, h => Assert.True(h.Supported));
        Assert.All(hops, h => Assert.False(h.Slurp));
    }

    [Fact]
    public void Strict_zed_to_2025_1_goes_through_2023_1_and_2024_1()
    {
        var hops = Plan("zed", "2025.1", PlanPolicy.Strict);

        Assert.Equal(["zed>antelope", "antelope>caracal", "caracal>epoxy"], Names(hops));
    }

    [Fact]
    public void Strict_does_not_overshoot_a_target_between_slurps()
    {
        Assert.Equal(["antelope>bobcat"], Names(Plan("2023.1", "2023.2", PlanPolicy.Strict)));
        Assert.Equal(["antelope>caracal", "caracal>dalmatian"], Names(Plan("2023.1", "2024.2", PlanPolicy.Strict)));
        Assert.Equal(["bobcat>caracal", "caracal>epoxy"], Names(Plan("2023.2", "2025.1", PlanPolicy.Strict)));
    }

    [Fact]
    public void A_via_list_in_order_is_followed()
    {
        var hops = Plan("zed", "2025.1", PlanPolicy.Strict, ["2023.1", "2023.2", "2024.1"], allowUnsupported: false);

        Assert.Equal(["zed>antelope", "antelope>bobcat", "bobcat>caracal", "caracal>epoxy"], Names(hops));
        Assert.All(hops, h => Assert.True(h.Supported));
    }

    [Fact]
    public void A_via_list_out_of_order_is_refused()
    {
        var e = Assert.Throws<InvalidRequestException>(() => Plan("zed", "2025.1", PlanPolicy.Strict, ["2024.1", "2023.1"], false));

        Assert.Equal(
            "via: 2023.1-antelope must come after 2024.1-caracal and before 2025.1-epoxy (list the intermediate releases oldest first)",
            e.Message);
    }

    [Fact]
    public void A_via_stop_outside_the_range_is_refused()
    {
        var e = Assert.Throws<InvalidRequestException>(() => Plan("zed", "2024.1", PlanPolicy.Strict, ["2025.1"], false));

        Assert.Contains("via: 2025.1-epoxy must come after zed and before 2024.1-caracal", e.Message);
    }

    [Fact]
    public void An_unsupported_hop_is_refused_unless_allowed()
    {
        var e = Assert.Throws<InvalidRequestException>(() => Plan("victoria", "2025.1", PlanPolicy.Strict, ["xena"], false));

        Assert.Equal(
            "hop victoria -> xena, xena -> 2025.1-epoxy is not supported upstream (only N -> N+1 and SLURP -> next SLURP are); set allow_unsupported to run it anyway",
            e.Message);

        var hops = Plan("victoria", "2025.1", PlanPolicy.Strict, ["xena"], allowUnsupported: true);
        Assert.Equal(["victoria>xena", "xena>epoxy"], Names(hops));
        Assert.All(hops, h => Assert.False(h.Supported));
    }

    [Fact]
    public void A_slurp_to_slurp_via_is_supported_but_skipping_a_slurp_is_not()
    {
        Assert.All(Plan("2023.1", "2025.1", PlanPolicy.Stepwise, ["2024.1"], false), h => Assert.True(h.Supported));

        var e = Assert.Throws<InvalidRequestException>(() => Plan("2023.1", "2025.1", PlanPolicy.Strict, ["2023.2"], false));
        Assert.Contains("2023.2-bobcat -> 2025.1-epoxy", e.Message);
    }

    [Fact]
    public void A_backwards_upgrade_is_refused()
    {
        var e = Assert.Throws<InvalidRequestException>(() => Plan("2025.1", "zed", PlanPolicy.Strict));

        Assert.Equal(
            "2025.1-epoxy -> zed goes backwards: database downgrades are not supported by OpenStack; restore a backup instead",
            e.Message);
    }

    [Fact]
    public void The_same_release_twice_is_refused()
    {
        var e = Assert.Throws<InvalidRequestException>(() => Plan("antelope", "2023.1-antelope", PlanPolicy.Strict));

        Assert.Equal("from_release and to_release are both 2023.1-antelope: there is nothing to upgrade", e.Message);
    }

    [Fact]
    public void A_direct_neighbour_is_one_supported_hop()
    {
        var hop = Assert.Single(Plan("newton", "ocata", PlanPolicy.Strict));

        Assert.True(hop.Supported);
        Assert.False(hop.Slurp);
    }

    private static IReadOnlyList<PlannedHop> Plan(string from, string to, PlanPolicy policy) =>
        Plan(from, to, policy, [], false);

    private static IReadOnlyList<PlannedHop> Plan(string from, string to, PlanPolicy policy, string[] via, bool allowUnsupported) =>
        Planner.Plan(
            Releases.Find(from, "from_release"),
            Releases.Find(to, "to_release"),
            policy,
            via.Select(v => Releases.Find(v, "via")).ToList(),
            allowUnsupported);

    private static List<string> Names(IEnumerable<PlannedHop> hops) => hops.Select(h => $"{h.From.Name}>{h.To.Name}").ToList();
}
