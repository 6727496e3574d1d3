using System.Globalization;
using System.Text;
using Leapfrog.Report.Building;
using Leapfrog.Report.Model;

namespace Leapfrog.Report.Rendering;

/// <summary>The page's tables: hops, notes, backups, rehearsal, unread inputs.</summary>
internal static partial class Html
{
    private static void Hop(StringBuilder sb, HopReport hop)
    {
        sb.Append("<h2 class=\"hop\">Hop ").Append(E(hop.Title)).Append("</h2>\n");
        foreach (var run in hop.Services)
        {
            sb.Append("<h3>").Append(E(run.Service)).Append(": ").Append(Outcome(run.Outcome)).Append(" in ").Append(S(run.DurationS))
              .Append(", verified: ").Append(E(run.Verified switch { true => "yes", false => "NO", null => "not given (no hop result)" })).Append("</h3>\n");
            if (run.Message is not null)
            {
                sb.Append("<p class=\"msg\">").Append(E(run.Message)).Append("</p>");
            }

            sb.Append("<p class=\"facts\">Run <code>").Append(E(run.RunId)).Append("</code>, started ").Append(E(run.Started)).Append(", ended ").Append(E(run.Finished ?? "not yet")).Append(".</p>");
            Steps(sb, run.Steps, run.Service);
            foreach (var cell in run.Cells)
            {
                sb.Append("<h4>Cell ").Append(E(cell.Name.Length > 0 ? cell.Name : "(no name)")).Append(" <code>").Append(E(cell.Uuid)).Append("</code>: ")
                  .Append(Outcome(cell.Outcome)).Append("</h4>");
                if (cell.Message is not null)
                {
                    sb.Append("<p class=\"msg\">").Append(E(cell.Message)).Append("</p>");
                }

                Steps(sb, cell.Steps, run.Service);
            }

            if (run.Databases.Count > 0)
            {
                sb.Append("<table class=\"verdict\"><tr><th>Database</th><th>Cell</th><th>Revision now</th><th>Heads the release ships</th><th>At head</th></tr>");
                foreach (var d in run.Databases)
                {
                    sb.Append("<tr><td>").Append(E(d.Database)).Append("</td><td>").Append(E(d.Cell ?? "-")).Append("</td><td><code>").Append(E(string.Join(", ", d.Revision)))
                      .Append("</code></td><td><code>").Append(E(string.Join(", ", d.Heads))).Append("</code></td><td>")
                      .Append(E(d.AtHead switch { true => "yes", false => "NO", null => d.Error ?? "-" })).Append("</td></tr>");
                }

                sb.Append("</table>");
            }

            if (run.DataMigrations.Count > 0)
            {
                sb.Append("<table class=\"data\"><tr><th>Data migration</th><th>Rows needing it</th><th>Rows migrated</th><th>Batches</th></tr>");
                foreach (var m in run.DataMigrations)
                {
                    sb.Append("<tr><td>").Append(E(m.Name)).Append("</td><td>").Append(N(m.Needed)).Append("</td><td>").Append(N(m.Completed))
                      .Append("</td><td>").Append(N(m.Batches)).Append("</td></tr>");
                }

                sb.Append("</table>");
            }

            Registry(sb, run.Registry);
        }
    }

    private static void Steps(StringBuilder sb, List<StepRow> steps, string service)
    {
        sb.Append("<table class=\"steps\" data-service=\"").Append(E(service)).Append("\"><tr><th>Step</th><th>Outcome</th><th>Exit code</th><th>Meaning</th><th>Duration</th><th>Runs</th><th>Command and tool output</th></tr>");
        foreach (var s in steps)
        {
            sb.Append("<tr><td>").Append(E($"{s.Kind}:{s.Name}")).Append(s.Resumed ? " (re-attached)" : "").Append("</td><td>").Append(Outcome(s.Outcome))
              .Append("</td><td>").Append(E(s.Rc?.ToString(CultureInfo.InvariantCulture) ?? "-")).Append("</td><td>").Append(E(s.Meaning ?? "-"))
              .Append("</td><td>").Append(S(s.DurationS)).Append("</td><td>").Append(s.Runs.ToString(CultureInfo.InvariantCulture))
              .Append("</td><td><code>").Append(E(s.Command ?? "")).Append("</code>");
            if (s.Error is not null)
            {
                sb.Append("<div class=\"msg\">").Append(E(s.Error)).Append("</div>");
            }

            if (s.Output is not null)
            {
                sb.Append("<details><summary>output</summary><pre class=\"tool-output\">").Append(E(s.Output)).Append("</pre></details>");
            }

            sb.Append("</td></tr>");
        }

        sb.Append("</table>\n");
    }

    private static void Notes(StringBuilder sb, RunReport r)
    {
        sb.Append("<h2>Warnings and resumes</h2>\n");
        if (r.Notes.Count == 0)
        {
            sb.Append("<p>None recorded.</p>\n");
            return;
        }

        sb.Append("<table id=\"notes\"><tr><th>What</th><th>Service</th><th>Hop</th><th>Details</th></tr>");
        foreach (var n in r.Notes)
        {
            sb.Append("<tr><td>").Append(E(n.Kind)).Append("</td><td>").Append(E(n.Service ?? "-")).Append("</td><td>").Append(E(n.Hop ?? "-"))
              .Append("</td><td>").Append(E(n.Text)).Append("</td></tr>");
        }

        sb.Append("</table>\n");
    }

    private static void Backups(StringBuilder sb, RunReport r)
    {
        sb.Append("<h2>Backups taken</h2>\n");
        if (r.Backups.Count == 0)
        {
            sb.Append("<p>None given to this report.</p>\n");
            return;
        }

        sb.Append("<table id=\"backups\"><tr><th>Taken before</th><th>Service</th><th>Database</th><th>File</th><th>Size</th><th>SHA-256</th><th>Recorded in</th></tr>");
        foreach (var b in r.Backups)
        {
            sb.Append("<tr><td>").Append(E(b.Label ?? "-")).Append("</td><td>").Append(E(b.Service ?? "-")).Append("</td><td>").Append(E(b.Database ?? "-"))
              .Append("</td><td><code>").Append(E(b.Path)).Append("</code></td><td>").Append(E(Words.Bytes(b.Bytes))).Append("</td><td><code>").Append(E(b.Sha256 ?? "-"))
              .Append("</code></td><td><code>").Append(E(b.RecordedIn ?? "-")).Append("</code></td></tr>");
        }

        sb.Append("</table>\n");
    }

    private static void Rehearsal(StringBuilder sb, RunReport r)
    {
        if (r.Rehearsal is not { } p)
        {
            return;
        }

        sb.Append("<h2>Predicted and actual window</h2>\n<p>The rehearsal (<code>").Append(E(p.File)).Append("</code>) predicted ").Append(S(p.PredictedWindowS))
          .Append("; this run took ").Append(S(p.ActualWindowS)).Append(".</p><table id=\"rehearsal\"><tr><th>Hop</th><th>Service</th><th>Predicted</th><th>Actual</th></tr>");
        foreach (var h in p.Hops)
        {
            sb.Append("<tr><td>").Append(E(Words.HopTitle(h.From, h.To))).Append("</td><td>").Append(E(h.Service)).Append("</td><td>").Append(S(h.PredictedS))
              .Append("</td><td>").Append(S(h.ActualS)).Append("</td></tr>");
        }

        sb.Append("</table>\n");
    }

    private static void Unread(StringBuilder sb, RunReport r)
    {
        if (r.Unread.Count == 0)
        {
            return;
        }

        sb.Append("<h2>Could not be read</h2>\n<p>The report shows everything else; these inputs (or parts of them) are missing from it:</p><table id=\"unread\"><tr><th>File</th><th>Why</th></tr>");
        foreach (var u in r.Unread)
        {
            sb.Append("<tr><td><code>").Append(E(u.File)).Append("</code></td><td>").Append(E(u.Reason)).Append("</td></tr>");
        }

        sb.Append("</table>\n");
    }
}
