using System.Text;

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
}
