namespace Leapfrog.Core.Catalog;

/// <summary>Reads the data files embedded in this assembly.</summary>
internal static class EmbeddedData
{
    /// <summary>Opens <c>Data/&lt;path&gt;</c> (path with '/' separators).</summary>
    public static Stream Open(string path)
    {
        // The csproj's LogicalName keeps RecursiveDir's '/' (services/nova.json); accept the dotted form too.
        var assembly = typeof(EmbeddedData).Assembly;
        return assembly.GetManifestResourceStream("Leapfrog.Data." + path)
            ?? assembly.GetManifestResourceStream("Leapfrog.Data." + path.Replace('/', '.'))
            ?? throw new InvalidOperationException($"embedded data '{path}' is missing from the build");
    }
}
