using Leapfrog.Core.Catalog;
using Leapfrog.Core.Releases;

namespace Leapfrog.Core.Tests;

/// <summary>The embedded blockers load, apply to the hop targets their sources name, and bad entries are refused.</summary>
public class BlockerCatalogTests
{
    private static Release R(string name) => ReleaseCatalog.Default.Find(name, "test");

    [Fact]
    public void Embedded_blockers_load_and_each_has_message_fix_and_source()
    {
        var all = BlockerCatalog.Default.All;
        Assert.True(all.Count >= 7);
        Assert.All(all, b => Assert.True(
            b.Source.Contains("openstack/", StringComparison.Ordinal) || b.Source.Contains("mariadb.com/kb/", StringComparison.Ordinal), b.Source));
    }

    [Fact]
    public void Every_database_of_every_service_is_checked_for_free_space_on_every_hop()
    {
        foreach (var service in ServiceCatalog.Default.Services)
        {
            foreach (var target in new[] { "ocata", "victoria", "2026.1" })
            {
                var checkedDbs = BlockerCatalog.Default.For(service.Name, R(target))
                    .Where(b => b.Detect.Kind == "free_space").Select(b => b.Detect.Database!).Order().ToList();
                Assert.Equal(service.Schema.Select(s => s.Name).Order().ToList(), checkedDbs);
            }
        }

        Assert.All(BlockerCatalog.Default.All.Where(b => b.Detect.Kind == "free_space"), b => Assert.Equal("warning", b.Severity));
    }

    [Theory]
    [InlineData("keystone", "yoga", "")]
    [InlineData("keystone", "zed", "keystone-percent-in-database-url")]
    [InlineData("keystone", "2026.1", "keystone-percent-in-database-url")]
    [InlineData("nova", "ocata", "nova-cell-mappings-missing nova-api-data-not-migrated")]
    [InlineData("nova", "train", "nova-services-without-uuid")]
    [InlineData("nova", "victoria", "")]
    [InlineData("nova", "2025.1", "nova-compute-service-too-old")]
    [InlineData("cinder", "ussuri", "cinder-untyped-volumes")]
    [InlineData("cinder", "victoria", "")]
    [InlineData("glance", "ocata", "glance-triggers-with-binary-log")]
    [InlineData("glance", "pike", "")]
    public void Blockers_apply_to_the_targets_their_sources_name(string service, string target, string expected)
    {
        var ids = BlockerCatalog.Default.For(service, R(target)).Where(b => b.Detect.Kind != "free_space").Select(b => b.Id);
        Assert.Equal(expected, string.Join(" ", ids));
    }

    [Theory]
    [InlineData("SELECT 1", null)]
    [InlineData("select host from services where `binary` = 'nova-compute'", null)]
    [InlineData("SELECT 'delete; drop' AS x", null)]
    [InlineData("", "must not be empty")]
    [InlineData("SHOW TABLES", "a check query is a SELECT")]
    [InlineData("DELETE FROM services", "a check query is a SELECT")]
    [InlineData("SELECT 1; DROP TABLE services", "one statement only")]
    [InlineData("SELECT 1 -- x", "comments are not allowed")]
    [InlineData("SELECT 1 /* x */", "comments are not allowed")]
    [InlineData("SELECT * FROM services INTO OUTFILE '/tmp/x'", "'INTO' is not allowed")]
    [InlineData("SELECT * FROM services FOR UPDATE", "'FOR UPDATE' is not allowed")]
    [InlineData("SELECT SLEEP(100)", "'SLEEP' is not allowed")]
    [InlineData("SELECT GET_LOCK('x', 10)", "'GET_LOCK' is not allowed")]
    [InlineData("SELECT (SELECT 1) UNION SELECT 1 FROM t WHERE 1 = 1 LOCK IN SHARE MODE", "'LOCK' is not allowed")]
    public void Check_queries_must_be_one_read_only_select(string query, string? error)
    {
        if (error is null)
        {
            ReadOnlySql.Check(query, "q");
            return;
        }

        var e = Assert.Throws<InvalidRequestException>(() => ReadOnlySql.Check(query, "q"));
        Assert.StartsWith("q: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(error, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id", "Bad_Id", "x.blockers[0].id: 'Bad_Id' must be lower-case words joined by '-'")]
    [InlineData("service", "swift", "x: blocker b.service: 'swift' is not a known service")]
    [InlineData("since", "mitaka", "x: blocker b.targets.since: 'mitaka' is not a known OpenStack release")]
    [InlineData("severity", "fatal", "x: blocker b.severity: 'fatal' is not one of: blocking, warning")]
    [InlineData("database", "nova_cell0", "x: blocker b.detect.database: 'nova_cell0' is not one of nova's databases: nova_api, nova")]
    [InlineData("query", "UPDATE services SET version = 99", "x: blocker b.detect.query: a check query is a SELECT")]
    [InlineData("query", "SELECT host FROM services WHERE version < {threshold}", "x: blocker b.detect: {threshold} in the query and a threshold go together")]
    [InlineData("kind", "tool", "x: blocker b.detect.kind: 'tool' is not one of: config, sql, free_space")]
    [InlineData("factor", "0", "x: blocker b.detect.factor: a free_space check needs a factor above 0")]
    [InlineData("factor", "query", "x: blocker b.detect: a free_space check has no query or threshold")]
    [InlineData("factor", "sql", "x: blocker b.detect.factor: only a free_space check has a factor")]
    [InlineData("fix", " ", "x: blocker b.fix: must not be empty")]
    public void Bad_entries_are_refused_naming_the_blocker_and_field(string field, string value, string expected)
    {
        var b = new BlockerDefinition
        {
            Id = field == "id" ? value : "b",
            Service = field == "service" ? value : "nova",
            Targets = new BlockerTargets { Since = field == "since" ? value : "zed" },
            Severity = field == "severity" ? value : "blocking",
            Detect = field == "factor"
                ? new BlockerDetect
                {
                    Kind = value == "sql" ? "sql" : "free_space",
                    Database = "nova",
                    Factor = value == "0" ? 0 : 1,
                    Query = value == "0" ? null : "SELECT host FROM services",
                }
                : new BlockerDetect
                {
                    Kind = field == "kind" ? value : "sql",
                    Database = field == "database" ? value : "nova",
                    Query = field == "query" ? value : "SELECT host FROM services",
                },
            Message = "m",
            Fix = field == "fix" ? value : "f",
            Source = "s",
        };
        var e = Assert.Throws<InvalidRequestException>(() => BlockerCatalog.Validate([b], ServiceCatalog.Default, "x"));
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_id_twice_is_refused()
    {
        var b = BlockerCatalog.Default.All[0];
        var e = Assert.Throws<InvalidRequestException>(() => BlockerCatalog.Validate([b, b], ServiceCatalog.Default, "x"));
        Assert.Equal($"x: blocker {b.Id}: the id is used twice", e.Message);
    }

    [Fact]
    public void The_docs_table_lists_exactly_the_catalogs_blockers()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "docs", "blockers.md")))
        {
            dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("docs/blockers.md not found above the test");
        }

        var documented = File.ReadLines(Path.Combine(dir, "docs", "blockers.md"))
            .SkipWhile(l => l != "## The blockers")
            .Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .Select(l => l.Split('`')[1])
            .ToList();
        Assert.Equal(BlockerCatalog.Default.All.Select(b => b.Id), documented);
    }
}
