using System.Text.Json.Nodes;

namespace Leapfrog.Core.Toolboxes;

/// <summary>
/// How a release's tools are invoked on the controller: a venv, a container image, a chroot, an argv prefix, or the
/// tools on PATH. The one toolbox type: the hop module, the engine and the inventory read it with
/// <see cref="ToolboxReader"/>, fill its <see cref="Placeholders"/> with <see cref="Expand"/>, and wrap a tool's argv
/// with <see cref="Wrap"/>. Build one with <see cref="ToolboxReader"/> (which validates) or <see cref="OnPath"/>.
/// </summary>
/// <param name="Type">The kind of toolbox.</param>
/// <param name="Path">venv or chroot directory.</param>
/// <param name="Image">Container image.</param>
/// <param name="Engine">Container engine (podman or docker); null means podman.</param>
/// <param name="Prefix">Argv put in front of the tool (a prefix toolbox).</param>
public sealed record Toolbox(ToolboxType Type, string? Path, string? Image, string? Engine, IReadOnlyList<string> Prefix)
{
    /// <summary>The container engine used when none is given.</summary>
    public const string DefaultEngine = "podman";

    /// <summary>The tools on PATH.</summary>
    public static Toolbox OnPath { get; } = new(ToolboxType.System, null, null, null, []);

    /// <summary>The type as written: venv, container, chroot, prefix or system.</summary>
    public string TypeName => Name(Type);

    /// <summary>True when some text of the toolbox needs the service's version in the release.</summary>
    public bool NeedsVersion => Texts().Any(t => t.Contains(Placeholders.Version, StringComparison.Ordinal));

    /// <summary>The name of a toolbox type as written.</summary>
    public static string Name(ToolboxType type) => type.ToString().ToLowerInvariant();

    /// <summary>A copy with the placeholders filled for one service in one release.</summary>
    /// <param name="service">The service name.</param>
    /// <param name="version">The service's version in the release, or null when the catalog has none.</param>
    /// <param name="release">The release's code name.</param>
    /// <exception cref="InvalidRequestException">A text uses <c>{version}</c> and <paramref name="version"/> is null.</exception>
    public Toolbox Expand(string service, string? version, string release) => this with
    {
        Path = Path is null ? null : Placeholders.Fill(Path, service, version, release),
        Image = Image is null ? null : Placeholders.Fill(Image, service, version, release),
        Prefix = Prefix.Select(p => Placeholders.Fill(p, service, version, release)).ToList(),
    };

    /// <summary>The full argv that runs <paramref name="toolArgv"/> in this toolbox (quote it with the remote layer's one quoting function).</summary>
    /// <param name="toolArgv">The catalog command (tool first).</param>
    /// <param name="configFile">The service configuration file; its directory is mounted into containers.</param>
    /// <param name="readOnlyDirs">Further directories a container must see (read-only, same path), e.g. a cell's config overlay.</param>
    public IReadOnlyList<string> Wrap(IReadOnlyList<string> toolArgv, string configFile, IReadOnlyList<string>? readOnlyDirs = null)
    {
        var tool = toolArgv[0];
        var rest = toolArgv.Skip(1);
        var configDir = System.IO.Path.GetDirectoryName(configFile);
        return Type switch
        {
            ToolboxType.Venv => [$"{Path!.TrimEnd('/')}/bin/{tool}", .. rest],
            ToolboxType.Chroot => ["chroot", Path!, tool, .. rest],
            ToolboxType.Container => [Engine ?? DefaultEngine, "run", "--rm", "--network", "host",
                "-v", $"{configDir}:{configDir}:ro", .. (readOnlyDirs ?? []).SelectMany(d => new[] { "-v", $"{d}:{d}:ro" }), Image!, tool, .. rest],
            ToolboxType.Prefix => [.. Prefix, tool, .. rest],
            _ => [tool, .. rest],
        };
    }

    /// <summary>
    /// Where a file the tools read at <paramref name="toolPath"/> lies on the controller: under the root of a chroot
    /// (the same file when the host bind-mounts it there), else the same path (a container gets the host's directory
    /// mounted at the same path; a venv, prefix or system toolbox reads the host's file).
    /// </summary>
    public string HostPath(string toolPath) => Type == ToolboxType.Chroot ? Path!.TrimEnd('/') + toolPath : toolPath;

    /// <summary>A short description for messages.</summary>
    public string Describe() => Type switch
    {
        ToolboxType.Venv or ToolboxType.Chroot => $"{TypeName} {Path}",
        ToolboxType.Container => $"{Engine ?? DefaultEngine} image {Image}",
        ToolboxType.Prefix => $"prefix {string.Join(' ', Prefix)}",
        _ => "system PATH",
    };

    /// <summary>The toolbox as data: <c>{type, path?, image?, engine?, prefix?}</c>, the shape the hop module takes.</summary>
    public JsonObject ToJson()
    {
        var o = new JsonObject { ["type"] = TypeName };
        if (Path is not null)
        {
            o["path"] = Path;
        }

        if (Image is not null)
        {
            o["image"] = Image;
        }

        if (Engine is not null)
        {
            o["engine"] = Engine;
        }

        if (Type == ToolboxType.Prefix)
        {
            o["prefix"] = new JsonArray(Prefix.Select(p => (JsonNode)p).ToArray());
        }

        return o;
    }

    /// <summary>Every text of the toolbox, for placeholder checks.</summary>
    public IEnumerable<string> Texts() => new[] { Path, Image }.OfType<string>().Concat(Prefix);
}
