using System.Text.Json;
using Leapfrog.Core.Catalog;

namespace Leapfrog.Core.Releases;

/// <summary>The ordered list of known OpenStack releases, read once from embedded data.</summary>
public sealed class ReleaseCatalog
{
    private static readonly Lazy<ReleaseCatalog> LazyDefault = new(Load);
    private readonly Dictionary<string, Release> _byKey = new(StringComparer.OrdinalIgnoreCase);

    private ReleaseCatalog(IReadOnlyList<Release> all)
    {
        All = all;
        foreach (var r in all)
        {
            _byKey[r.Name] = r;
            if (r.Number is not null)
            {
                _byKey[r.Number] = r;
                _byKey[r.Id] = r;
            }
        }
    }

    /// <summary>The embedded catalog.</summary>
    public static ReleaseCatalog Default => LazyDefault.Value;

    /// <summary>Every release, oldest first.</summary>
    public IReadOnlyList<Release> All { get; }

    /// <summary>Finds a release by any accepted spelling: <c>zed</c>, <c>Zed</c>, <c>2023.1</c>, <c>antelope</c>, <c>2023.1-antelope</c>.</summary>
    public bool TryFind(string? text, out Release release)
    {
        release = null!;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        return _byKey.TryGetValue(text.Trim(), out release!);
    }

    /// <summary>Finds a release or throws <see cref="InvalidRequestException"/> listing the accepted names.</summary>
    /// <param name="text">What the user wrote.</param>
    /// <param name="what">The parameter's name, for the message.</param>
    /// <exception cref="InvalidRequestException">The text names no known release.</exception>
    public Release Find(string? text, string what)
    {
        if (TryFind(text, out var release))
        {
            return release;
        }

        var shown = text is null ? "nothing" : $"'{Printable.Clip(text)}'";
        throw new InvalidRequestException(
            $"{what}: {shown} is not a known OpenStack release; known: {string.Join(", ", All.Select(r => r.Id))}");
    }

    /// <summary>The release right after <paramref name="release"/>, or null for the newest.</summary>
    public Release? Next(Release release) => release.Order + 1 < All.Count ? All[release.Order + 1] : null;

    /// <summary>The first SLURP release after <paramref name="release"/>, or null.</summary>
    public Release? NextSlurp(Release release) => All.Skip(release.Order + 1).FirstOrDefault(r => r.Slurp);

    private static ReleaseCatalog Load()
    {
        using var stream = EmbeddedData.Open("releases.json");
        var file = JsonSerializer.Deserialize(stream, CatalogJsonContext.Default.ReleaseFile)
            ?? throw new InvalidOperationException("embedded releases.json is empty");
        var list = file.Releases.Select((r, i) => new Release(i, r.Name.ToLowerInvariant(), r.Number, r.Slurp) { OsaSeries = r.OsaSeries }).ToList();
        return new ReleaseCatalog(list);
    }
}
