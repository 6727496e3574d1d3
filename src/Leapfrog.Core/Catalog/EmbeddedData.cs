namespace Leapfrog.Core.Catalog;

/// <summary>Reads the data files embedded in this assembly.</summary>
internal static class EmbeddedData
{
    /// <summary>Opens <c>Data/&lt;path&gt;</c> (path with '/' separators).</summary>
    public static Stream Open(string path)
    {
        var name = "Leapfrog.Data." + path.Replace('/', '.');
        return typeof(EmbeddedData).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded data '{path}' is missing from the build");
    }
}
