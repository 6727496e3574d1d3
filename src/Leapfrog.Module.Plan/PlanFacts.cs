using System.Text.Json.Nodes;
using Leapfrog.Core.Catalog;
using Leapfrog.Core.Releases;

namespace Leapfrog.Module.Plan;

/// <summary>
/// The catalog's facts about each planned service, per release on the path: what roles and scripts read instead
/// of keeping their own copy (config file, databases, ordering, tools, the version each toolbox must report).
/// </summary>
internal static class PlanFacts
{
    /// <summary>Service name to its facts; <paramref name="path"/> is every release on the path, the start first.</summary>
    public static JsonObject Describe(IReadOnlyList<ServiceDefinition> services, IReadOnlyList<Release> path, ServiceCatalog catalog)
    {
        var result = new JsonObject();
        foreach (var service in services)
        {
            var releases = new JsonObject();
            foreach (var release in path)
            {
                releases[release.Id] = Release(service, release, catalog);
            }

            result[service.Name] = new JsonObject
            {
                ["config_file"] = service.ConfigFile,
                ["databases"] = Databases(service),
                ["after"] = Strings(service.After),
                ["since"] = catalog.Releases.Find(service.Since, $"{service.Name}.since").Id,
                ["releases"] = releases,
            };
        }

        return result;
    }

    private static JsonObject Release(ServiceDefinition service, Release release, ServiceCatalog catalog)
    {
        var tools = catalog.ToolsFor(service, release);
        var version = ServiceCatalog.VersionFor(service, release);
        return new JsonObject
        {
            ["exists"] = catalog.Exists(service, release),
            ["version"] = version,
            ["version_major"] = version?.Split('.')[0],
            ["version_argv"] = Strings(tools.VersionArgv),
            ["manage_tool"] = tools.Manage,
            ["status_tool"] = tools.Status,
            ["status_argv"] = tools.StatusCheck is { } check ? Strings(check.Argv) : null,
            ["cells"] = catalog.HasCells(service, release),
        };
    }

    // Every database the service owns, in the catalog's order; the connection option and the cells link where the
    // verdict's schema list names them (nova_api: api_database.connection; nova: database.connection, cells in nova_api).
    private static JsonArray Databases(ServiceDefinition service) =>
        new(service.Databases.Select(name =>
        {
            var schema = service.Schema.FirstOrDefault(d => d.Name == name);
            var db = new JsonObject { ["name"] = name, ["connection"] = schema?.Url };
            if (schema?.CellsFrom is { } from)
            {
                db["cells_from"] = from;
            }

            return (JsonNode)db;
        }).ToArray());

    private static JsonArray Strings(IEnumerable<string> items) => new(items.Select(i => (JsonNode)i).ToArray());
}
