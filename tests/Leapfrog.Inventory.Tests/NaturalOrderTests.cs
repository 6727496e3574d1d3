namespace Leapfrog.Inventory.Tests;

public class NaturalOrderTests
{
    [Fact]
    public void Numbers_in_names_sort_by_value()
    {
        string[] names = ["infra10_a", "infra2_a", "infra1_a", "infra01_b", "compute3", "infra1-a", "infra1_a-2"];
        Assert.Equal(["compute3", "infra1-a", "infra1_a", "infra1_a-2", "infra01_b", "infra2_a", "infra10_a"], names.Order(NaturalOrder.Instance));
    }

    [Fact]
    public void Equal_numbers_with_leading_zeros_still_give_a_total_order()
    {
        Assert.NotEqual(0, NaturalOrder.Instance.Compare("infra01", "infra1"));
        Assert.Equal(-NaturalOrder.Instance.Compare("infra01", "infra1"), NaturalOrder.Instance.Compare("infra1", "infra01"));
    }
}
