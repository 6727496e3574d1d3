using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Leapfrog.Core.Catalog;

namespace Leapfrog.Real.Tests.Support;

/// <summary>A Debian suite whose packages carry a real OpenStack release, and its chroot toolbox.</summary>
/// <param name="Name">The suite (bullseye, bookworm, trixie, forky).</param>
/// <param name="Release">The OpenStack release the suite is known for. A suite that moves (forky is Debian testing)
/// may carry a later release of some services: <see cref="ReleaseOf"/> says what each tool really is.</param>
public sealed partial record Suite(string Name, string Release)
{
    public static readonly Suite Bullseye = new("bullseye", "victoria");
    public static readonly Suite Bookworm = new("bookworm", "zed");
    public static readonly Suite Trixie = new("trixie", "2025.1");
    public static readonly Suite Forky = new("forky", "2026.1");

    private static readonly ConcurrentDictionary<(string, string), string?> Releases = new();

    public static IReadOnlyList<Suite> All { get; } = [Bullseye, Bookworm, Trixie, Forky];

    /// <summary>Where scripts/real-toolboxes keeps the chroots.</summary>
    public static string Cache { get; } =
        Environment.GetEnvironmentVariable("LEAPFROG_TOOLBOX_CACHE") is { Length: > 0 } c ? c : "/var/cache/leapfrog/toolboxes";

    /// <summary>The chroot directory.</summary>
    public string Path => System.IO.Path.Combine(Cache, Name);

    /// <summary>True when the chroot is built and its /proc is mounted.</summary>
    public bool IsReady => File.Exists(System.IO.Path.Combine(Path, "etc", "leapfrog-toolbox.json"))
        && File.Exists(System.IO.Path.Combine(Path, "proc", "self", "status"));

    /// <summary>
    /// The release whose <paramref name="service"/> tools this chroot holds, from the version the manage tool
    /// reports and the catalog's version table; null when the suite does not carry the service.
    /// </summary>
    public string? ReleaseOf(string service) => Releases.GetOrAdd((Name, service), _ =>
    {
        var definition = ServiceCatalog.Default.Find(service);
        var tool = definition.VersionArgv[0];
        if (!File.Exists(System.IO.Path.Combine(Path, "usr/bin", tool)) && !File.Exists(System.IO.Path.Combine(Path, "usr/local/bin", tool)))
        {
            return null;
        }

        var run = ReleaseTools.Run(this, [.. definition.VersionArgv]);
        var major = VersionPattern().Matches(run.Stdout + run.Stderr).LastOrDefault()?.Groups[1].Value
            ?? throw new InvalidOperationException($"{this}: {tool} --version printed no version (rc {run.ExitCode}): {run.StderrTail}");
        return Leapfrog.Core.Releases.ReleaseCatalog.Default.All
            .LastOrDefault(r => ServiceCatalog.VersionFor(definition, r)?.Split('.')[0] == major)?.Id
            ?? throw new InvalidOperationException($"{this}: {service} {major}.x is in no release of the catalog");
    });

    public override string ToString() => $"{Name} ({Release})";

    [GeneratedRegex(@"\b(\d{1,3})\.\d+(\.\d+)?")]
    private static partial Regex VersionPattern();
}
