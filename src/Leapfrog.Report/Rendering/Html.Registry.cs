using System.Text;
using Leapfrog.Report.Model;

namespace Leapfrog.Report.Rendering;

/// <summary>The registry section of a final hop: the services rows and the target release's verdict on them.</summary>
internal static partial class Html
{
    private static void Registry(StringBuilder sb, RegistrySection? r)
    {
        if (r is null)
        {
            return;
        }

        sb.Append("<h4>Service registry after the jump: ").Append(E(r.Verdict switch
        {
            "accepted" => "accepted",
            "too_old" => "TOO OLD for the target release",
            "pinned" => "pinned to older versions",
            _ => "COULD NOT CHECK",
        })).Append("</h4>");
        sb.Append("<p class=\"msg\">").Append(E(r.Message)).Append("</p>");
        if (r.Workaround is not null)
        {
            sb.Append("<p class=\"facts\">Until those services are upgraded, set <code>").Append(E(r.Workaround)).Append("</code>.</p>");
        }

        if (r.ReleaseCheck is not null)
        {
            sb.Append("<p class=\"facts\">The release's own check: ").Append(E(r.ReleaseCheck)).Append("</p>");
        }

        if (r.Backup is not null)
        {
            sb.Append("<p class=\"facts\">Removed rows were saved first to <code>").Append(E(r.Backup)).Append("</code>.</p>");
        }

        sb.Append("<table class=\"registry\"><tr><th>Host</th><th>Binary</th><th>Cell</th><th>Versions</th><th>Last heartbeat</th><th>State</th><th>Target release</th></tr>");
        foreach (var row in r.Rows)
        {
            var state = string.Join(", ", new[]
            {
                row.Deleted ? "deleted" : null, row.Disabled ? "disabled" : null, row.Dead ? "dead" : null, row.Removed ? "removed now" : null,
            }.Where(s => s is not null).DefaultIfEmpty("live"));
            sb.Append("<tr><td>").Append(E(row.Host ?? "?")).Append("</td><td>").Append(E(row.Binary ?? "?")).Append("</td><td>").Append(E(row.Cell ?? "-"))
              .Append("</td><td><code>").Append(E(row.Versions)).Append("</code></td><td>").Append(E(row.LastSeen ?? "-")).Append("</td><td>").Append(E(state))
              .Append("</td><td>").Append(E(row.Status == "too_old" ? "TOO OLD" : row.Status)).Append("</td></tr>");
        }

        sb.Append("</table>");
        if (r.Source is not null)
        {
            sb.Append("<p class=\"facts\">Source: ").Append(E(r.Source)).Append("</p>");
        }
    }
}
