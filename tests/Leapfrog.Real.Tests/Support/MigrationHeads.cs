using System.Text.RegularExpressions;

namespace Leapfrog.Real.Tests.Support;

/// <summary>
/// The head(s) of a release's migration history, read from the migration files that release's package ships
/// (alembic: revisions no other revision names as its down_revision; sqlalchemy-migrate: the highest
/// numbered script). Used to judge `db version` output independently of our catalog.
/// </summary>
public static partial class MigrationHeads
{
    /// <summary>The heads of the first of <paramref name="candidates"/> (package-relative directories) that exists in the chroot.</summary>
    public static IReadOnlySet<string> Of(Suite suite, params string[] candidates)
    {
        foreach (var relative in candidates)
        {
            var dir = Path.Combine(suite.Path, "usr/lib/python3/dist-packages", relative);
            var files = Directory.Exists(dir) ? Directory.GetFiles(dir, "*.py").Where(f => !f.EndsWith("__init__.py", StringComparison.Ordinal)).ToList() : [];
            if (files.Count == 0)
            {
                continue;
            }

            if (relative.Contains("migrate_repo", StringComparison.Ordinal))
            {
                return new HashSet<string> { files.Select(f => int.Parse(Path.GetFileName(f).Split('_')[0])).Max().ToString() };
            }

            var revisions = new HashSet<string>();
            var parents = new HashSet<string>();
            foreach (var text in files.Select(File.ReadAllText))
            {
                if (Revision().Match(text) is { Success: true } r)
                {
                    revisions.Add(r.Groups[1].Value);
                }

                if (DownRevision().Match(text) is { Success: true } d)
                {
                    foreach (Match q in Quoted().Matches(d.Groups[1].Value))
                    {
                        parents.Add(q.Groups[1].Value);
                    }
                }
            }

            revisions.ExceptWith(parents);
            return revisions;
        }

        throw new InvalidOperationException($"{suite}: none of {string.Join(", ", candidates)} holds migration scripts");
    }

    [GeneratedRegex(@"^revision\s*(?::\s*str\s*)?=\s*['""]([^'""]+)['""]", RegexOptions.Multiline)]
    private static partial Regex Revision();

    [GeneratedRegex(@"^down_revision\s*(?::[^=]*)?=\s*(.+)$", RegexOptions.Multiline)]
    private static partial Regex DownRevision();

    [GeneratedRegex(@"['""]([^'""]+)['""]")]
    private static partial Regex Quoted();
}
