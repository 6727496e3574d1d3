using System.Text.Json;
using System.Text.Json.Serialization;

namespace Leapfrog.Core.Outcomes;

/// <summary>
/// JSON of an enum of the engine's vocabulary as its <see cref="Wire"/> name; an unknown value is a
/// <see cref="JsonException"/> (<see cref="WireValueException"/>) that names the value and lists the known ones (no stack trace reaches an operator: callers turn it into their own message).
/// Set on each enum type, so every source-generated context writes and reads it the same way.
/// </summary>
/// <typeparam name="T">The enum.</typeparam>
public sealed class WireEnumConverter<T> : JsonConverter<T>
    where T : struct, Enum
{
    /// <inheritdoc/>
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return Wire.TryParse<T>(text, out var value)
            ? value
            : throw new WireValueException(
                $"{(text is null ? $"a {reader.TokenType}" : $"'{Printable.Clip(text, 40)}'")} is not a {Describe()} (one of: {string.Join(", ", Wire.All<T>())})");
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Name());
    }

    private static string Describe() => JsonNamingPolicy.SnakeCaseLower.ConvertName(typeof(T).Name).Replace('_', ' ');
}
