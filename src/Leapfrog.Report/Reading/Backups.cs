using Leapfrog.Report.Model;

namespace Leapfrog.Report.Reading;

/// <summary>
/// The backups' manifests (<c>MANIFEST.json</c>, written by the backup beside the dumps: created, dumps with file, sha256,
/// bytes). A directory is searched for manifests; a manifest at <c>LABEL/SERVICE/MANIFEST.json</c> under it names the
/// backup's label and service, and the dump's path is that place under the given root (the backup directory on the
/// controller) when given.
/// </summary>
internal static class Backups
{
    public static List<BackupFile> Read(IEnumerable<string> paths, string? root, List<Unread> unread, List<SourceFile> sources)
    {
        var files = new List<BackupFile>();
        foreach (var path in paths)
        {
            var manifests = Directory.Exists(path)
                ? Directory.EnumerateFiles(path, "MANIFEST.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
                : [path];
            foreach (var manifest in manifests)
            {
                var relative = Directory.Exists(path) ? Path.GetRelativePath(path, Path.GetDirectoryName(manifest)!) : null;
                files.AddRange(ReadOne(manifest, relative, root, unread, sources));
            }
        }

        return files;
    }

    private static List<BackupFile> ReadOne(string manifest, string? relative, string? root, List<Unread> unread, List<SourceFile> sources)
    {
        var text = InputFile.Read(manifest, out var error);
        var node = text is null ? null : Json.Parse(text, out error);
        if (node is null || Json.Str(node, "created") is null && !Json.Arr(node, "dumps").Any())
        {
            unread.Add(new Unread(manifest, error ?? "not a backup manifest (no created time and no dumps)"));
            return [];
        }

        sources.Add(new SourceFile(manifest, "backup"));
        var parts = relative is null or "." ? [] : relative.Split(Path.DirectorySeparatorChar);
        var dir = relative is not null && root is not null ? Path.Combine(root, relative) : Path.GetDirectoryName(manifest)!;
        var label = parts.Length >= 2 ? parts[^2] : null;
        var service = parts.Length >= 1 ? parts[^1] : null;
        return Json.Arr(node, "dumps").Select(d => Json.Str(d, "file") is not { } file ? null : new BackupFile
        {
            Service = service,
            Label = label,
            Database = Json.Str(d, "database"),
            Path = Path.Combine(dir, file),
            Bytes = Json.Long(d, "bytes"),
            Sha256 = Json.Str(d, "sha256"),
            Created = Json.Str(node, "created"),
            RecordedIn = $"{Path.Combine(dir, "MANIFEST.json")} and {Path.Combine(dir, file)}.sha256",
        }).OfType<BackupFile>().ToList();
    }
}
