using System.Globalization;
using Leapfrog.Core.Releases;

namespace Leapfrog.Report.Building;

/// <summary>Plain words for the report: release names, durations, outcomes.</summary>
internal static class Words
{
    /// <summary>"2023.1 antelope" for 2023.1-antelope; the text itself when not a known release.</summary>
    public static string Release(string? id) =>
        id is null ? "unknown" : ReleaseCatalog.Default.TryFind(id, out var r) ? (r.Number is null ? r.Name : $"{r.Number} {r.Name}") : id;

    /// <summary>Position on the release path, for ordering; unknown releases last.</summary>
    public static int Order(string id) => ReleaseCatalog.Default.TryFind(id, out var r) ? r.Order : int.MaxValue;

    public static string HopTitle(string from, string to) =>
        from == to ? $"at {Release(from)}: finish its data migrations" : $"{Release(from)} -> {Release(to)}";

    public static string Seconds(double? s) => s switch
    {
        null => "-",
        < 1 => s.Value.ToString("0.00", CultureInfo.InvariantCulture) + " s",
        < 120 => s.Value.ToString("0.0", CultureInfo.InvariantCulture) + " s",
        < 7200 => (s.Value / 60).ToString("0.0", CultureInfo.InvariantCulture) + " min",
        _ => (s.Value / 3600).ToString("0.0", CultureInfo.InvariantCulture) + " h",
    };

    public static string Bytes(long? b) => b switch
    {
        null => "-",
        < 1024 => b.Value.ToString(CultureInfo.InvariantCulture) + " B",
        < 1024 * 1024 => (b.Value / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KiB",
        < 1024L * 1024 * 1024 => (b.Value / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) + " MiB",
        _ => (b.Value / 1073741824.0).ToString("0.00", CultureInfo.InvariantCulture) + " GiB",
    };

    public static string Stamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
