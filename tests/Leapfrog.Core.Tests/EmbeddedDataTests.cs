using System.Text;
using Leapfrog.Core.Catalog;
using Leapfrog.Core.Releases;

namespace Leapfrog.Core.Tests;

/// <summary>The embedded data passes the same validation as a user's overlay, and keeps its own rules.</summary>
public class EmbeddedDataTests
{
    private static readonly string DataDir = Path.Combine(AppContext.BaseDirectory, "EmbeddedData");

    [Fact]
    public void The_embedded_services_pass_overlay_validation_and_read_back_the_same()
    {
        var order = new[] { "keystone", "glance", "cinder", "placement", "nova", "neutron", "heat" };
        var text = new StringBuilder("{ \"services\": {");
        text.AppendJoin(",", order.Select(name => $"\"{name}\": {File.ReadAllText(Path.Combine(DataDir, "services", name + ".json"))}"));
        text.Append("} }");

        var rebuilt = new ServiceCatalog([], ReleaseCatalog.Default).WithOverlay(text.ToString(), "embedded.json");

        Assert.Equal(ServiceCatalog.Default.Services.Select(s => s.Name), rebuilt.Services.Select(s => s.Name));
        foreach (var service in ServiceCatalog.Default.Services)
        {
            var again = rebuilt.Find(service.Name);
            Assert.Equal(service.ConfigFile, again.ConfigFile);
            Assert.Equal(service.Databases, again.Databases);
            Assert.Equal(service.After, again.After);
            Assert.Equal(service.Versions.OrderBy(v => v.Key), again.Versions.OrderBy(v => v.Key));
            Assert.Equal(service.Steps.Count, again.Steps.Count);
            Assert.Equal(service.Cells?.ListArgv, again.Cells?.ListArgv);
            Assert.Equal(service.Cells?.Steps.Select(c => c.Argv), again.Cells?.Steps.Select(c => c.Argv));
            for (var i = 0; i < service.Steps.Count; i++)
            {
                Assert.Equal(service.Steps[i].Argv, again.Steps[i].Argv);
                Assert.Equal(service.Steps[i].ExitCodes.OrderBy(c => c.Key), again.Steps[i].ExitCodes.OrderBy(c => c.Key));
            }
        }
    }

    [Fact]
    public void The_service_order_file_lists_every_service_file()
    {
        var files = Directory.GetFiles(Path.Combine(DataDir, "services"), "*.json").Select(Path.GetFileNameWithoutExtension).Order();

        Assert.Equal(files, ServiceCatalog.Default.Services.Select(s => s.Name).Order());
    }

    [Fact]
    public void Each_release_has_at_most_one_step_per_kind_and_name()
    {
        foreach (var service in ServiceCatalog.Default.Services)
        {
            foreach (var release in ReleaseCatalog.Default.All)
            {
                var steps = ServiceCatalog.Default.StepsFor(service, release);
                var keys = steps.Select(s => (s.Kind, s.Name)).ToList();
                Assert.True(keys.Count == keys.Distinct().Count(), $"{service.Name} {release.Id} has a step twice");
            }
        }
    }

    [Fact]
    public void Every_release_a_service_exists_in_has_a_version_schema_steps_and_sources()
    {
        foreach (var service in ServiceCatalog.Default.Services)
        {
            Assert.False(string.IsNullOrWhiteSpace(service.Source), service.Name);
            Assert.NotEmpty(service.VersionArgv);
            Assert.All(service.Steps, s => Assert.StartsWith("openstack/", s.Source, StringComparison.Ordinal));
            foreach (var release in ReleaseCatalog.Default.All.Where(r => ServiceCatalog.Default.Exists(service, r)))
            {
                Assert.Matches(@"^\d+\.0\.0$", ServiceCatalog.VersionFor(service, release));
                Assert.Contains(ServiceCatalog.Default.StepsFor(service, release), s => s.Kind == StepKind.Schema);
                Assert.All(ServiceCatalog.Default.StepsFor(service, release, StepKind.Data), s => Assert.True(s.Batched));
            }
        }
    }

    [Fact]
    public void Major_versions_move_one_per_release()
    {
        foreach (var service in ServiceCatalog.Default.Services)
        {
            var majors = ReleaseCatalog.Default.All
                .Select(r => ServiceCatalog.VersionFor(service, r))
                .Where(v => v is not null)
                .Select(v => int.Parse(v!.Split('.')[0], System.Globalization.CultureInfo.InvariantCulture))
                .ToList();
            Assert.Equal(Enumerable.Range(majors[0], majors.Count), majors);
        }
    }
}
