using System.Globalization;
using System.Text.RegularExpressions;
using Leapfrog.Core;
using Leapfrog.Core.Catalog;
using Leapfrog.Engine;

namespace Leapfrog.Module.Hop;

/// <summary>The registry step's parameters: the catalog's registry of the service and <c>registry_remove_dead_after</c>.</summary>
internal static partial class RegistryArgs
{
    /// <summary>The shortest removal age: every service is down during an offline window, so a short age would take live rows.</summary>
    public static readonly TimeSpan Shortest = TimeSpan.FromHours(1);

    /// <summary><paramref name="request"/> with the service's registry and the removal age.</summary>
    /// <exception cref="InvalidRequestException">A bad age.</exception>
    public static HopRequest Apply(ModuleArgs args, HopRequest request) => request with
    {
        Registry = RegistryCatalog.For(request.Service.Name),
        RegistryRemoveDeadAfter = Age(args.GetString("registry_remove_dead_after")),
    };

    /// <summary>An age: whole seconds, or a number with <c>s</c>, <c>m</c>, <c>h</c> or <c>d</c>; null when not given.</summary>
    /// <exception cref="InvalidRequestException">Not an age, or shorter than <see cref="Shortest"/>.</exception>
    public static TimeSpan? Age(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var m = AgePattern().Match(text.Trim());
        if (!m.Success || !long.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > 36500L * 86400)
        {
            throw new InvalidRequestException(
                $"registry_remove_dead_after: '{Printable.Clip(text, 40)}' is not an age (whole seconds, or a number with s, m, h or d, e.g. 30d)");
        }

        var age = m.Groups[2].Value switch
        {
            "d" => TimeSpan.FromDays(n),
            "h" => TimeSpan.FromHours(n),
            "m" => TimeSpan.FromMinutes(n),
            _ => TimeSpan.FromSeconds(n),
        };
        return age >= Shortest
            ? age
            : throw new InvalidRequestException(
                $"registry_remove_dead_after: {text.Trim()} is shorter than {Shortest.TotalHours:0} hour: every service is down during the window, " +
                "so a short age would remove live services' rows; give an age longer than the window (e.g. 30d)");
    }

    [GeneratedRegex("^([0-9]{1,12})([smhd]?)$")]
    private static partial Regex AgePattern();
}
