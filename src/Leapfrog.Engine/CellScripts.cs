using Leapfrog.Remote;

namespace Leapfrog.Engine;

/// <summary>The controller scripts of the cells: find the service's own database, write and remove the per-cell config overlays.</summary>
internal static class CellScripts
{
    /// <summary>
    /// Prints the last <c>connection</c> of the <c>[database]</c> section of <paramref name="configFile"/> (oslo.config: the
    /// last value wins), or nothing. Its output holds a password: it is read into memory, never kept.
    /// </summary>
    public static string DatabaseConnection(string configFile) =>
        $$"""
        f={{ShellQuote.Quote(configFile)}}; [ -r "$f" ] || exit 0
        tr -d '\r' < "$f" | awk '/^[ \t]*\[/ { s = $0; gsub(/[][ \t]/, "", s); next }
          s == "database" && /^[ \t]*connection[ \t]*=/ { sub(/^[^=]*=[ \t]*/, ""); sub(/[ \t]+$/, ""); v = $0 }
          END { print v }'
        """;

    /// <summary>
    /// The overlay of one cell: <c>[database] connection</c> set to its URL (<c>$</c> doubled: oslo.config would read it as a
    /// substitution).
    /// </summary>
    public static string Overlay(string databaseUrl) =>
        $"# written by leapfrog.openstack.hop for one cell's steps; removed when they end\n[database]\nconnection = {databaseUrl.Replace("$", "$$", StringComparison.Ordinal)}\n";

    /// <summary>Removes the overlay directory (and the run directory that held it, when it is left empty, as in a chroot).</summary>
    public static string Remove(string overlayDir) =>
        $"d={ShellQuote.Quote(overlayDir)}; rm -rf \"$d\"; rmdir \"$(dirname \"$d\")\" 2>/dev/null; exit 0";
}
