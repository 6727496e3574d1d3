namespace Leapfrog.Inventory.Config;

/// <summary>One toolbox as written in the configuration; text may hold <c>{service}</c> and <c>{version}</c>.</summary>
/// <param name="Type">The kind of toolbox.</param>
/// <param name="Path">venv or chroot directory.</param>
/// <param name="Image">Container image.</param>
/// <param name="Engine">Container engine (podman or docker).</param>
/// <param name="Prefix">Argv put in front of the tool.</param>
internal sealed record ToolboxSpec(ToolboxType Type, string? Path, string? Image, string? Engine, IReadOnlyList<string>? Prefix)
{
    /// <summary>True when some text of the spec needs the service's version in the release.</summary>
    public bool NeedsVersion => Texts().Any(t => t.Contains(Placeholders.Version, StringComparison.Ordinal));

    /// <summary>Every text field, for placeholder checks.</summary>
    public IEnumerable<string> Texts()
    {
        if (Path is not null)
        {
            yield return Path;
        }

        if (Image is not null)
        {
            yield return Image;
        }

        if (Engine is not null)
        {
            yield return Engine;
        }

        foreach (var p in Prefix ?? [])
        {
            yield return p;
        }
    }

    /// <summary>A copy with the placeholders replaced.</summary>
    public ToolboxSpec Expand(string service, string? version) => this with
    {
        Path = Placeholders.Expand(Path, service, version),
        Image = Placeholders.Expand(Image, service, version),
        Engine = Placeholders.Expand(Engine, service, version),
        Prefix = Prefix?.Select(p => Placeholders.Expand(p, service, version)!).ToList(),
    };
}
