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

        var text = Read(path);
        try
        {
            return ServiceCatalog.Default.WithOverlay(text, Path.GetFileName(path));
        }
        catch (InvalidRequestException ex)
        {
            throw new InvalidRequestException($"catalog_file: {ex.Message}", ex);
        }
    }

    /// <summary>The known blockers for <paramref name="args"/>: the embedded ones and the catalog file's <c>blockers</c>.</summary>
    /// <param name="args">The module's parameters.</param>
    /// <param name="catalog">The catalog <see cref="Load"/> returned for the same arguments.</param>
    /// <exception cref="InvalidRequestException">The file is missing, unreadable, or a blocker in it is invalid or not read-only.</exception>
    public static BlockerCatalog LoadBlockers(ModuleArgs args, ServiceCatalog catalog)
    {
        var path = args.GetString("catalog_file");
        if (string.IsNullOrWhiteSpace(path))
        {
            return BlockerCatalog.Default;
        }

        try
        {
            return BlockerCatalog.WithOverlay(Read(path), Path.GetFileName(path), catalog);
        }
        catch (InvalidRequestException ex)
        {
            throw new InvalidRequestException($"catalog_file: {ex.Message}", ex);
        }
    }

    private static string Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidRequestException($"catalog_file: '{Printable.Clip(path)}' cannot be read ({ex.GetType().Name.Replace("Exception", "", StringComparison.Ordinal)})");
        }
    }
}
