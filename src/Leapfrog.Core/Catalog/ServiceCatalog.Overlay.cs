using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Leapfrog.Core.Catalog.Overlay;

namespace Leapfrog.Core.Catalog;

/// <content>User overlays (<c>catalog_file</c>): new services and corrected steps.</content>
public sealed partial class ServiceCatalog
{
    /// <summary>
    /// A new catalog with <paramref name="text"/> (JSON or YAML, <c>{ "services": { "&lt;name&gt;": ... } }</c>) laid
    /// over this one. A new service needs its full definition. For a known one, the fields given replace the
    /// catalog's, <c>versions</c> merge by release, and each step replaces the step of the same kind and name for
    /// the releases in its own since/until range only; a new kind and name is appended.
    /// </summary>
    /// <param name="text">The overlay's content.</param>
    /// <param name="origin">Where it comes from (a file name), for messages.</param>
    /// <exception cref="InvalidRequestException">The overlay is malformed or invalid; the message names the file and the JSON path.</exception>
    public ServiceCatalog WithOverlay(string text, string origin)
    {
        ArgumentNullException.ThrowIfNull(text);
        origin = Printable.Clip(string.IsNullOrWhiteSpace(origin) ? "catalog_file" : origin, 120);
        var errors = new OverlayErrors(origin);
        var reader = new OverlayReader(Releases, errors);
        var services = Services.ToList();
        var touched = new List<(string Path, ServiceDefinition Service)>();
        foreach (var (key, path, raw) in reader.Services(OverlayParser.Parse(text, origin)))
        {
            var index = services.FindIndex(s => string.Equals(s.Name, key, StringComparison.OrdinalIgnoreCase));
            var node = reader.Service(key, raw, path, full: index < 0);
            ServiceDefinition service;
            if (index < 0)
            {
                service = Read(node, CatalogJsonContext.Default.ServiceDefinition, path, errors);
                services.Add(service);
            }
            else
            {
                service = Patch(services[index], node, path, errors);
                services[index] = service;
            }

            touched.Add((path, service));
        }

        foreach (var (path, service) in touched)
        {
            for (var i = 0; i < service.After.Count; i++)
            {
                var other = service.After[i];
                if (string.Equals(other, service.Name, StringComparison.OrdinalIgnoreCase)
                    || !services.Any(s => string.Equals(s.Name, other, StringComparison.OrdinalIgnoreCase)))
                {
                    throw errors.Error($"{path}.after[{i}]", $"'{other}' is not another known service");
                }
            }
        }

        var catalog = new ServiceCatalog(services, Releases);
        try
        {
            _ = catalog.Waves(services); // a cycle of 'after' lists is refused with the file's name, not at the first plan
        }
        catch (InvalidRequestException ex)
        {
            throw errors.Error("services", ex.Message);
        }

        return catalog;
    }

    private ServiceDefinition Patch(ServiceDefinition service, JsonObject node, string path, OverlayErrors errors)
    {
        var result = service;
        foreach (var (field, value) in node)
        {
            var at = $"{path}.{field}";
            result = field switch
            {
                "databases" => result with { Databases = Read(value, CatalogJsonContext.Default.IReadOnlyListString, at, errors) },
                "config_file" => result with { ConfigFile = (string)value! },
                "since" => result with { Since = (string)value! },
                "after" => result with { After = Read(value, CatalogJsonContext.Default.IReadOnlyListString, at, errors) },
                "version_argv" => result with { VersionArgv = Read(value, CatalogJsonContext.Default.IReadOnlyListString, at, errors) },
                "source" => result with { Source = (string)value! },
                "schema" => result with { Schema = Read(value, CatalogJsonContext.Default.IReadOnlyListSchemaDatabase, at, errors) },
                "cells" => result with { Cells = Read(value, CatalogJsonContext.Default.CellsDefinition, at, errors) },
                "data_leftovers" => result with { DataLeftovers = Read(value, CatalogJsonContext.Default.IReadOnlyListDataLeftover, at, errors) },
                "upgrade_checks" => result with { UpgradeChecks = Read(value, CatalogJsonContext.Default.IReadOnlyListUpgradeCheckRule, at, errors) },
                "versions" => result with { Versions = MergeVersions(result.Versions, Read(value, CatalogJsonContext.Default.IReadOnlyDictionaryStringString, at, errors)) },
                "steps" => result with
                {
                    Steps = StepMerger.Merge(result.Steps, Read(value, CatalogJsonContext.Default.IReadOnlyListStepDefinition, at, errors), Releases),
                },
                _ => result,
            };
        }

        return result;
    }

    private static Dictionary<string, string> MergeVersions(IReadOnlyDictionary<string, string> current, IReadOnlyDictionary<string, string> given)
    {
        var merged = new Dictionary<string, string>(current.Count + given.Count, StringComparer.Ordinal);
        foreach (var (k, v) in current)
        {
            merged[k] = v;
        }

        foreach (var (k, v) in given)
        {
            merged[k] = v;
        }

        return merged;
    }

    private static T Read<T>(JsonNode? node, JsonTypeInfo<T> type, string path, OverlayErrors errors)
    {
        try
        {
            return node.Deserialize(type) ?? throw errors.Error(path, "is empty");
        }
        catch (JsonException e)
        {
            throw errors.Error(path, $"cannot be read ({Printable.Clip(e.Message, 120)})");
        }
    }
}
