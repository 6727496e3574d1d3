using System.Globalization;
using System.Net;
using System.Text;
using Leapfrog.Core.Outcomes;
using Leapfrog.Report.Building;
using Leapfrog.Report.Model;

namespace Leapfrog.Report.Rendering;

/// <summary>
/// The timeline as inline SVG, generated here: one row per service and hop (and per nova cell), one bar per step whose
/// width is its recorded duration on the shared axis. Each bar carries its order, step, outcome and duration as data-*
/// attributes, so what the page shows can be read back from its DOM.
/// </summary>
internal static class Svg
{
    private const double LabelWidth = 300, ChartWidth = 860, Row = 22, Top = 30;

    public static string Timeline(Timeline t)
    {
        if (t.Lanes.Count == 0)
        {
            return "<p>No step was recorded: nothing to draw.</p>";
        }

        var scale = ChartWidth / t.SpanS;
        var height = Top + (t.Lanes.Count * Row) + 10;
        var sb = new StringBuilder();
        sb.Append(Inv($"<svg id=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{LabelWidth + ChartWidth + 20}\" height=\"{height}\" "))
          .Append(Inv($"data-span-s=\"{t.SpanS:0.###}\" data-scale=\"{scale:0.######}\" role=\"img\" aria-label=\"Timeline of every hop, service, cell and step\">"));
        Axis(sb, t.SpanS, scale, height);
        var y = Top;
        string? hop = null;
        foreach (var lane in t.Lanes)
        {
            if (lane.Hop != hop)
            {
                hop = lane.Hop;
                sb.Append(Inv($"<line class=\"hop-rule\" x1=\"0\" x2=\"{LabelWidth + ChartWidth}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\" stroke=\"#bbb\"/>"));
            }

            sb.Append(Inv($"<text class=\"lane-label\" x=\"{LabelWidth - 8}\" y=\"{y + 15:0.#}\" text-anchor=\"end\">")).Append(E(lane.Label)).Append("</text>");
            var x0 = LabelWidth + (lane.StartS * scale);
            var x1 = LabelWidth + ((lane.EndS ?? lane.StartS) * scale);
            sb.Append(Inv($"<rect class=\"lane\" x=\"{x0:0.###}\" y=\"{y + 3:0.#}\" width=\"{Math.Max(x1 - x0, 0):0.###}\" height=\"{Row - 6:0.#}\" fill=\"#eceff1\" stroke=\"{Legend.Colour(lane.Outcome)}\" stroke-dasharray=\"{(lane.Outcome == HopStatus.Running.Name() ? "4 2" : "none")}\"/>"));
            foreach (var bar in lane.Bars)
            {
                var x = LabelWidth + (bar.StartS * scale);
                var w = bar.DurationS * scale;
                sb.Append(Inv($"<rect class=\"bar\" data-order=\"{bar.Order}\" data-step=\"{E(bar.Step)}\" data-outcome=\"{E(bar.Outcome)}\" data-duration-s=\"{bar.DurationS:0.######}\" "))
                  .Append(Inv($"data-lane=\"{E(lane.Label)}\" x=\"{x:0.######}\" y=\"{y + 5:0.#}\" width=\"{w:0.######}\" height=\"{Row - 10:0.#}\" fill=\"{Legend.Colour(bar.Outcome)}\">"))
                  .Append("<title>").Append(E($"{lane.Label}: {bar.Step}, {bar.Outcome}, {Words.Seconds(bar.DurationS)}{(bar.Rc is { } rc ? $", exit code {rc}" : "")}")).Append("</title></rect>");
                if (w < 1)
                {
                    // A step too short to see gets a thin mark beside its (exact) bar.
                    sb.Append(Inv($"<line class=\"mark\" x1=\"{x:0.###}\" x2=\"{x:0.###}\" y1=\"{y + 5:0.#}\" y2=\"{y + Row - 5:0.#}\" stroke=\"{Legend.Colour(bar.Outcome)}\" stroke-width=\"1\"/>"));
                }
            }

            y += (int)Row;
        }

        return sb.Append("</svg>").ToString();
    }

    private static void Axis(StringBuilder sb, double span, double scale, double height)
    {
        var step = NiceStep(span / 8);
        for (var s = 0.0; s <= span + 1e-9; s += step)
        {
            var x = LabelWidth + (s * scale);
            sb.Append(Inv($"<line class=\"grid\" x1=\"{x:0.##}\" x2=\"{x:0.##}\" y1=\"{Top - 6}\" y2=\"{height - 10}\" stroke=\"#e0e0e0\"/>"))
              .Append(Inv($"<text class=\"tick\" x=\"{x:0.##}\" y=\"{Top - 10}\" text-anchor=\"middle\">+{E(Tick(s, step))}</text>"));
        }
    }

    /// <summary>One unit along the whole axis: seconds, or minutes and seconds once the steps are a minute or more.</summary>
    private static string Tick(double s, double step) =>
        step >= 60 ? Inv($"{(int)(s / 60)}:{(int)(s % 60):00}") : step >= 1 ? Inv($"{s:0} s") : Inv($"{s:0.###} s");

    private static double NiceStep(double raw)
    {
        var mag = Math.Pow(10, Math.Floor(Math.Log10(Math.Max(raw, 1e-6))));
        var n = raw / mag;
        var nice = mag * (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10);
        return nice is > 60 and < 600 ? Math.Ceiling(nice / 60) * 60 : nice; // whole minutes on longer axes
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
