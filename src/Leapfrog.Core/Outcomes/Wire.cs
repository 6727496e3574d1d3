using System.Text.Json;

namespace Leapfrog.Core.Outcomes;

/// <summary>
/// The one spelling of the engine's vocabulary in JSON (module results, state files, the report's input): an enum value's
/// name in snake_case, e.g. <see cref="StepOutcome.DoneEarlier"/> is <c>done_earlier</c>.
/// </summary>
public static class Wire
{
    /// <summary>The value as written in JSON, e.g. <c>done_earlier</c>.</summary>
    public static string Name<T>(this T value)
        where T : struct, Enum => Names<T>.ByValue.TryGetValue(value, out var name) ? name : value.ToString();

    /// <summary>Reads a value written by <see cref="Name{T}"/>; false for anything else (exact spelling only).</summary>
    public static bool TryParse<T>(string? text, out T value)
        where T : struct, Enum
    {
        value = default;
        return text is not null && Names<T>.ByName.TryGetValue(text, out value);
    }

    /// <summary>Every value's name, in declaration order, for messages.</summary>
    public static IReadOnlyList<string> All<T>()
        where T : struct, Enum => Names<T>.Ordered;

    private static class Names<T>
        where T : struct, Enum
    {
        public static readonly IReadOnlyList<string> Ordered = Enum.GetValues<T>().Select(v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString())).ToList();

        public static readonly Dictionary<T, string> ByValue = Enum.GetValues<T>().Zip(Ordered).ToDictionary(p => p.First, p => p.Second);

        public static readonly Dictionary<string, T> ByName = ByValue.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
    }
}
