using Leapfrog.Core;
using Leapfrog.Core.Catalog;

namespace Leapfrog.Module;

/// <summary>Loads the embedded catalog, corrected by the user's <c>catalog_file</c> when one is given.</summary>
public static class CatalogFile
{
    /// <summary>The catalog to use for <paramref name="args"/>.</summary>
    /// <exception cref="InvalidRequestException">The file is missing, unreadable or invalid.</exception>
    public static ServiceCatalog Load(ModuleArgs args)
    {
        var path = args.GetString("catalog_file");
        if (string.IsNullOrWhiteSpace(path))
        {
            return ServiceCatalog.Default;
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidRequestException($"catalog_file: '{Printable.Clip(path)}' cannot be read ({ex.GetType().Name.Replace("Exception", "", StringComparison.Ordinal)})");
        }

        try
        {
            return ServiceCatalog.Default.WithOverlay(text, Path.GetFileName(path));
        }
        catch (InvalidRequestException ex)
        {
            throw new InvalidRequestException($"catalog_file: {ex.Message}", ex);
        }
    }
}
