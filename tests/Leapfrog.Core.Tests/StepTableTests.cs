using System.Globalization;
using Leapfrog.Core.Catalog;
using Leapfrog.Core.Releases;

namespace Leapfrog.Core.Tests;

/// <summary>Every service's step list in every release, against the hand-checked table in Expected/steps.txt.</summary>
public class StepTableTests
{
    private static readonly Dictionary<(string Service, string Release), List<string>> Expected = LoadExpected();

    public static TheoryData<string, string> Cells()
    {
        var data = new TheoryData<string, string>();
        foreach (var service in new[] { "keystone", "glance", "cinder", "placement", "nova", "neutron", "heat" })
        {
            foreach (var release in ReleaseCatalog.Default.All)
            {
                data.Add(service, release.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void The_catalog_lists_exactly_the_expected_steps(string service, string release)
    {
        var catalog = ServiceCatalog.Default;
        var steps = catalog.StepsFor(catalog.Find(service), ReleaseCatalog.Default.Find(release, "release"));

        var actual = steps.Select(Line).ToList();

        Assert.True(Expected.ContainsKey((service, release)), $"Expected/steps.txt has no line for {service} {release}");
        Assert.Equal(Expected[(service, release)], actual);
    }

    [Fact]
    public void The_table_covers_every_catalog_service_and_no_other()
    {
        var inTable = Expected.Keys.Select(k => k.Service).Distinct().Order().ToList();
        var inCatalog = ServiceCatalog.Default.Services.Select(s => s.Name).Order().ToList();

        Assert.Equal(inCatalog, inTable);
        Assert.Equal(inCatalog.Count * ReleaseCatalog.Default.All.Count, Expected.Count);
    }

    private static string Line(StepDefinition step)
    {
        var codes = step.ExitCodes
            .OrderBy(c => int.Parse(c.Key, CultureInfo.InvariantCulture))
            .Select(c => $"{c.Key}={c.Value.ToString().ToLowerInvariant()}");
        return $"{step.Kind.ToString().ToLowerInvariant()}:{step.Name}{(step.FinalHop ? "(final hop)" : "")} [{string.Join(' ', codes)}] {string.Join(' ', step.Argv)}";
    }

    private static Dictionary<(string, string), List<string>> LoadExpected()
    {
        var table = new Dictionary<(string, string), List<string>>();
        var path = Path.Combine(AppContext.BaseDirectory, "Expected", "steps.txt");
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split(' ', 3);
            var key = (parts[0], parts[1]);
            if (!table.TryGetValue(key, out var list))
            {
                table[key] = list = [];
            }

            if (parts[2] != "-")
            {
                list.Add(parts[2]);
            }
        }

        return table;
    }
}
