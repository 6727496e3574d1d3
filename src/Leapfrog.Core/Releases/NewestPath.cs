namespace Leapfrog.Core.Releases;

/// <summary>
/// A toolbox path whose last part holds one <c>*</c> standing for a version, e.g. <c>/openstack/venvs/cinder-26.*</c>:
/// on the controller it means the newest installed directory that matches (versions compared as versions, see
/// <see cref="PointRelease"/>). OpenStack-Ansible names its venvs after its own point release, which only the
/// controller knows.
/// </summary>
/// <param name="Directory">The directory the candidates are in, e.g. <c>/openstack/venvs</c>.</param>
/// <param name="Before">The name's text before the <c>*</c>, e.g. <c>cinder-26.</c>.</param>
/// <param name="After">The name's text after the <c>*</c>, usually empty.</param>
public sealed record NewestPath(string Directory, string Before, string After)
{
    /// <summary>The pattern as written.</summary>
    public string Pattern => $"{Directory.TrimEnd('/')}/{Before}*{After}";

    /// <summary>True when <paramref name="path"/> holds a <c>*</c> (and so needs resolving on the controller).</summary>
    public static bool IsPattern(string? path) => path is not null && path.Contains('*', StringComparison.Ordinal);

    /// <summary>
    /// Checks a toolbox path: a plain path (<see cref="Inputs.Path"/>), or one with a single <c>*</c> in its last part.
    /// </summary>
    /// <exception cref="InvalidRequestException">Anything else.</exception>
    public static string Check(string path, string what)
    {
        if (IsPattern(path))
        {
            Parse(path, what);
        }
        else
        {
            Inputs.Path(path, what);
        }

        return path;
    }

    /// <summary>Reads a pattern path.</summary>
    /// <exception cref="InvalidRequestException">More than one <c>*</c>, a <c>*</c> outside the last part, or a path <see cref="Inputs.Path"/> refuses.</exception>
    public static NewestPath Parse(string path, string what)
    {
        var trimmed = path.TrimEnd('/');
        var slash = trimmed.LastIndexOf('/');
        var star = trimmed.IndexOf('*', StringComparison.Ordinal);
        if (star != trimmed.LastIndexOf('*') || star < slash || slash < 0)
        {
            throw new InvalidRequestException(
                $"{what}: '{Printable.Clip(path)}': a path may hold one '*', in its last part (the version, e.g. /openstack/venvs/cinder-26.*)");
        }

        Inputs.Path(trimmed.Replace('*', '0'), what);
        var name = trimmed[(slash + 1)..];
        var at = name.IndexOf('*', StringComparison.Ordinal);
        return new NewestPath(slash == 0 ? "/" : trimmed[..slash], name[..at], name[(at + 1)..]);
    }

    /// <summary>The newest of <paramref name="names"/> (entries of <see cref="Directory"/>) that matches, or null.</summary>
    public string? Newest(IEnumerable<string> names) =>
        names.Select(n => (Name: n, Version: VersionIn(n)))
            .Where(c => c.Version is not null)
            .OrderBy(c => c.Version, PointRelease.Order)
            .Select(c => c.Name)
            .LastOrDefault();

    /// <summary>
    /// The entries worth naming when none matches: those that start like the pattern up to its version
    /// (<c>cinder-</c> for <c>cinder-26.*</c>) and end like it, in version order.
    /// </summary>
    public IReadOnlyList<string> Related(IEnumerable<string> names)
    {
        var stem = Before.TrimEnd('.', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
        return names.Where(n => n.Length >= stem.Length + After.Length && n.StartsWith(stem, StringComparison.Ordinal) && n.EndsWith(After, StringComparison.Ordinal))
            .OrderBy(n => PointRelease.TryParse(n[stem.Length..(n.Length - After.Length)]), PointRelease.Order)
            .ThenBy(n => n, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The full path of entry <paramref name="name"/>.</summary>
    public string PathOf(string name) => $"{Directory.TrimEnd('/')}/{name}";

    // The text the '*' stands for must be a version (10.0 in cinder-26.10.0); other names never match.
    private PointRelease? VersionIn(string name) =>
        name.Length > Before.Length + After.Length
        && name.StartsWith(Before, StringComparison.Ordinal)
        && name.EndsWith(After, StringComparison.Ordinal)
            ? PointRelease.TryParse(name[Before.Length..(name.Length - After.Length)])
            : null;
}
