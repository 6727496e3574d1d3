using System.Text.Json;
using System.Text.Json.Nodes;
using Leapfrog.Core;
using Leapfrog.Core.Releases;
using Leapfrog.Remote;

namespace Leapfrog.Engine;

/// <summary>
/// How a release's tools are invoked on the controller: a venv, a container image, a chroot, an argv
/// prefix, or the tools on PATH. Paths and images may hold <c>{service}</c>, <c>{version}</c> and <c>{release}</c>.
/// </summary>
/// <param name="Type">venv, container, chroot, prefix or system.</param>
/// <param name="Path">venv or chroot directory.</param>
/// <param name="Image">Container image.</param>
/// <param name="Engine">Container engine: podman (default) or docker.</param>
/// <param name="Prefix">Argv put in front of the tool's argv.</param>
public sealed record Toolbox(string Type, string? Path, string? Image, string Engine, IReadOnlyList<string> Prefix)
{
    private static readonly string[] Types = ["venv", "container", "chroot", "prefix", "system"];
    private static readonly string[] Keys = ["type", "path", "image", "engine", "prefix"];

    /// <summary>The tools on PATH.</summary>
    public static Toolbox OnPath { get; } = new("system", null, null, "podman", []);

    /// <summary>Reads and validates a toolbox spec; <paramref name="what"/> names it in messages.</summary>
    /// <exception cref="InvalidRequestException">Unknown type or key, missing path or image, unsafe text.</exception>
    public static Toolbox Parse(JsonObject spec, string what)
    {
        foreach (var key in spec.Select(p => p.Key))
        {
            if (!Keys.Contains(key))
            {
                throw new InvalidRequestException($"{what}: unknown key '{Printable.Clip(key, 40)}'; toolbox keys: {string.Join(", ", Keys)}");
            }
        }

        var type = Text(spec, "type", what) ?? "venv";
        if (!Types.Contains(type))
        {
            throw new InvalidRequestException($"{what}.type: '{Printable.Clip(type, 40)}' is not one of: {string.Join(", ", Types)}");
        }

        var path = Text(spec, "path", what);
        var image = Text(spec, "image", what);
        var engine = Text(spec, "engine", what) ?? "podman";
        if (engine is not ("podman" or "docker"))
        {
            throw new InvalidRequestException($"{what}.engine: '{Printable.Clip(engine, 40)}' is not one of: podman, docker");
        }

        var prefix = spec["prefix"] switch
        {
            null => [],
            JsonArray a => a.Select((n, i) => n is JsonValue v && v.GetValueKind() == JsonValueKind.String
                ? v.GetValue<string>()
                : throw new InvalidRequestException($"{what}.prefix[{i}]: expected a string")).ToList(),
            _ => throw new InvalidRequestException($"{what}.prefix: expected a list of strings (an argv)"),
        };

        if (type is "venv" or "chroot" && string.IsNullOrWhiteSpace(path))
        {
            throw new InvalidRequestException($"{what}: a {type} toolbox needs a path");
        }

        if (type is "venv" or "chroot")
        {
            NewestPath.Check(path!, $"{what}.path"); // a plain path, or one with a * resolved on the controller (InstalledToolbox)
        }

        if (type == "container" && string.IsNullOrWhiteSpace(image))
        {
            throw new InvalidRequestException($"{what}: a container toolbox needs an image");
        }

        if (type == "prefix" && prefix.Count == 0)
        {
            throw new InvalidRequestException($"{what}: a prefix toolbox needs a non-empty prefix argv");
        }

        if (image is not null)
        {
            Inputs.Word(image, $"{what}.image");
        }

        for (var i = 0; i < prefix.Count; i++)
        {
            ShellQuote.EnsurePlain(prefix[i], $"{what}.prefix[{i}]");
        }

        return new Toolbox(type, path, image, engine, prefix);
    }

    /// <summary>Fills the placeholders for one service and release.</summary>
    public Toolbox Expand(string service, string? version, string release) => this with
    {
        Path = Fill(Path, service, version, release),
        Image = Fill(Image, service, version, release),
        Prefix = Prefix.Select(p => Fill(p, service, version, release)!).ToList(),
    };

    /// <summary>The full argv that runs <paramref name="toolArgv"/> in this toolbox.</summary>
    /// <param name="toolArgv">The catalog command (tool first).</param>
    /// <param name="configFile">The service configuration file; its directory is mounted into containers.</param>
    /// <param name="readOnlyDirs">Further directories a container must see (read-only, same path), e.g. a cell's config overlay.</param>
    public IReadOnlyList<string> Wrap(IReadOnlyList<string> toolArgv, string configFile, IReadOnlyList<string>? readOnlyDirs = null)
    {
        var tool = toolArgv[0];
        var rest = toolArgv.Skip(1);
        var configDir = global::System.IO.Path.GetDirectoryName(configFile);
        return Type switch
        {
            "venv" => [$"{Path!.TrimEnd('/')}/bin/{tool}", .. rest],
            "chroot" => ["chroot", Path!, tool, .. rest],
            "container" => [Engine, "run", "--rm", "--network", "host",
                "-v", $"{configDir}:{configDir}:ro", .. (readOnlyDirs ?? []).SelectMany(d => new[] { "-v", $"{d}:{d}:ro" }), Image!, tool, .. rest],
            "prefix" => [.. Prefix, tool, .. rest],
            _ => [tool, .. rest],
        };
    }

    /// <summary>Where a file the tools see at <paramref name="toolPath"/> lies on the controller (inside the root of a chroot).</summary>
    public string HostPath(string toolPath) => Type == "chroot" ? Path!.TrimEnd('/') + toolPath : toolPath;

    /// <summary>A short description for messages and results.</summary>
    public string Describe() => Type switch
    {
        "venv" or "chroot" => $"{Type} {Path}",
        "container" => $"{Engine} image {Image}",
        "prefix" => $"prefix {string.Join(' ', Prefix)}",
        _ => "system PATH",
    };

    private static string? Fill(string? text, string service, string? version, string release)
    {
        if (text is null)
        {
            return null;
        }

        if (version is null && text.Contains("{version}", StringComparison.Ordinal))
        {
            throw new InvalidRequestException($"toolbox '{Printable.Clip(text, 60)}' uses {{version}}, but the catalog has no {service} version for {release}");
        }

        return text.Replace("{service}", service, StringComparison.Ordinal)
            .Replace("{version}", version ?? "", StringComparison.Ordinal)
            .Replace("{release}", release, StringComparison.Ordinal);
    }

    private static string? Text(JsonObject spec, string key, string what) => spec[key] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => throw new InvalidRequestException($"{what}.{key}: expected a string"),
    };
}
