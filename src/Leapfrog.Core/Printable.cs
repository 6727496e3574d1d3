using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Leapfrog.Core;

/// <summary>Makes untrusted text safe to put in a one-line message.</summary>
public static class Printable
{
    /// <summary>Escapes control characters and clips to <paramref name="max"/> characters.</summary>
    public static string Clip(string text, int max = 80)
    {
        var sb = new StringBuilder();
        foreach (var c in text)
        {
            if (sb.Length >= max)
            {
                sb.Append('…');
                break;
            }

            if (char.IsControl(c))
            {
                sb.Append(c switch
                {
                    '\n' => "\\n",
                    '\r' => "\\r",
                    '\t' => "\\t",
                    '\0' => "\\0",
                    _ => $"\\x{(int)c:x2}",
                });
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>What kind of JSON value <paramref name="node"/> is, for messages: "a list", "a string", ...</summary>
    /// <param name="node">The value.</param>
    /// <param name="objectWord">How to call an object: "a dictionary" (Ansible's word) or "a mapping" (YAML's).</param>
    public static string Kind(JsonNode? node, string objectWord = "a dictionary") => node switch
    {
        null => "null",
        JsonObject => objectWord,
        JsonArray => "a list",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "a value",
        },
        _ => "a value",
    };
}
