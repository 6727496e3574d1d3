namespace Leapfrog.Engine.Tests;

public sealed class CellTableTests
{
    // As nova 22 (victoria) prints `cell_v2 list_cells --verbose` (prettytable, centred cells).
    private const string Victoria = """
        +-------+--------------------------------------+---------------------------------------+------------------------------------------------------------------+----------+
        |  Name |                 UUID                 |             Transport URL             |                       Database Connection                        | Disabled |
        +-------+--------------------------------------+---------------------------------------+------------------------------------------------------------------+----------+
        | cell0 | 00000000-0000-0000-0000-000000000000 |                 none:/                | mysql+pymysql://nova:S3cret%40pw@10.0.0.5:3306/nova_cell0?charset=utf8 |  False   |
        | cell1 | 5c8a1d7e-2b4f-4e0a-9b1c-7d3e6f8a9b0c | rabbit://guest:guest@10.0.0.5:5672/   | mysql+pymysql://nova:S3cret%40pw@10.0.0.5/nova?charset=utf8      |  False   |
        | cell2 | 8F2B6C1A-3D4E-4F5A-8B7C-9D0E1F2A3B4C | rabbit://guest:guest@10.0.0.6:5672/   | mysql+pymysql://nova2:Other-pw@db2.example.net:3307/nova_cell2   |  False   |
        +-------+--------------------------------------+---------------------------------------+------------------------------------------------------------------+----------+
        """;

    [Fact]
    public void The_real_tools_cell_table_gives_each_cells_name_uuid_and_database()
    {
        var rows = CellTable.Parse(Victoria);

        Assert.Equal(["cell0", "cell1", "cell2"], rows.Select(r => r.Name));
        Assert.Equal("8f2b6c1a-3d4e-4f5a-8b7c-9d0e1f2a3b4c", rows[2].Uuid);
        Assert.Equal("mysql+pymysql://nova2:Other-pw@db2.example.net:3307/nova_cell2", rows[2].Database);
    }

    [Fact]
    public void Two_urls_naming_the_same_database_are_the_same_cell_and_the_password_is_read()
    {
        var fromList = DbLocation.Parse("mysql+pymysql://nova:S3cret%40pw@10.0.0.5/nova?charset=utf8", out var password);
        var fromConfig = DbLocation.Parse("mysql://other@10.0.0.5:3306/nova", out _);

        Assert.Equal(fromList, fromConfig);
        Assert.Equal("S3cret@pw", password);
        Assert.Equal("S3cret%40pw", DbLocation.RawPassword("mysql+pymysql://nova:S3cret%40pw@10.0.0.5/nova?charset=utf8"));
        Assert.NotEqual(fromList, DbLocation.Parse("mysql+pymysql://nova:S3cret%40pw@10.0.0.5/nova_cell0?charset=utf8", out _));
    }

    [Fact]
    public void A_table_without_the_columns_or_with_a_bad_uuid_is_refused()
    {
        Assert.Throws<ControllerException>(() => CellTable.Parse("no table here"));
        Assert.Throws<ControllerException>(() => CellTable.Parse("| Name | UUID |\n| cell1 | x |"));
        Assert.Throws<ControllerException>(() => CellTable.Parse("| Name | UUID | Database Connection |\n| cell1 | not-a-uuid | mysql://a/b |"));
    }
}
