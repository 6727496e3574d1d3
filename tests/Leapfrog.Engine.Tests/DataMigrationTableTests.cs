namespace Leapfrog.Engine.Tests;

public sealed class DataMigrationTableTests
{
    // As nova-manage prints it (prettytable, centred values), nova/cmd/manage.py DbCommands.online_data_migrations.
    private const string Nova = """
        Running batches of 50 until complete
        +---------------------------------------------+--------------+-----------+
        |                  Migration                  | Total Needed | Completed |
        +---------------------------------------------+--------------+-----------+
        |         fill_virtual_interface_list         |      3       |     2     |
        |          populate_queued_for_delete         |      0       |     0     |
        +---------------------------------------------+--------------+-----------+
        """;

    [Fact]
    public void A_prettytable_of_migrations_is_read_row_by_row()
    {
        var rows = DataMigrationTable.Parse(Nova);

        Assert.Equal([new MigrationRow("fill_virtual_interface_list", 3, 2), new MigrationRow("populate_queued_for_delete", 0, 0)], rows);
    }

    [Fact]
    public void Cinders_tabulate_table_is_read_too()
    {
        // cinder/cmd/manage.py prints tabulate.tabulate(rows, headers, tablefmt='psql').
        const string Cinder = """
            +----------------------------------+----------------+-------------+
            | Migration                        |   Total Needed |   Completed |
            |----------------------------------+----------------+-------------|
            | remove_temporary_admin_metadata  |              2 |           1 |
            +----------------------------------+----------------+-------------+
            """;

        Assert.Equal([new MigrationRow("remove_temporary_admin_metadata", 2, 1)], DataMigrationTable.Parse(Cinder));
    }

    [Theory]
    [InlineData("Running batches of 50 until complete\n")]
    [InlineData("Migration fill_virtual_interface_list: 3 found, 2 done\n")]
    [InlineData("| Migration | Total Needed | Completed |\n| fill | many | 2 |\n")]
    public void Output_of_another_format_is_not_a_table(string stdout) =>
        Assert.Null(DataMigrationTable.Parse(stdout));
}

public sealed class UpgradeCheckTableTests
{
    // As oslo.upgradecheck prints it (oslo_upgradecheck/upgradecheck.py UpgradeCommands.check), details wrapped.
    private const string Nova = """
        +-------------------------------------------------------------------+
        | Upgrade Check Results                                             |
        +-------------------------------------------------------------------+
        | Check: Cells v2                                                   |
        | Result: Success                                                   |
        | Details: None                                                     |
        +-------------------------------------------------------------------+
        | Check: Placement API                                              |
        | Result: Failure                                                   |
        | Details: Placement service credentials do not work.               |
        |   Check the [placement] section.                                  |
        +-------------------------------------------------------------------+
        """;

    [Fact]
    public void Each_check_is_read_with_its_result_and_wrapped_details() =>
        Assert.Equal(
            [new UpgradeCheck("Cells v2", "Success", "None"), new UpgradeCheck("Placement API", "Failure", "Placement service credentials do not work. Check the [placement] section.")],
            UpgradeCheckTable.Parse(Nova));

    [Fact]
    public void Output_without_the_table_has_no_checks() =>
        Assert.Empty(UpgradeCheckTable.Parse("Traceback (most recent call last):\nTypeError: boom\n"));
}
