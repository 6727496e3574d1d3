using System.Text.RegularExpressions;
using Leapfrog.Testing;

namespace Leapfrog.EndToEnd.Tests;

/// <summary>The built collection as Ansible's own tools see it: what the tarball holds, and ansible-test sanity.</summary>
public sealed partial class SanityTests(ITestOutputHelper output)
{
    /// <summary>
    /// Sanity tests that install their own Python requirements (pinned versions, from a package index) into a venv
    /// before they run (ansible-doc and import do for a Python module: toolbox_build): they cannot run offline, so they
    /// are skipped here (GalaxyTests runs ansible-doc on every module). Every other test of the installed
    /// ansible-test runs (without --docker).
    /// </summary>
    private static readonly string[] NeedAPackageIndex = ["pep8", "pylint", "validate-modules", "yamllint", "runtime-metadata", "mypy", "ansible-doc", "import"];

    [Fact]
    public void The_built_collection_holds_no_build_or_source_files()
    {
        using var tmp = new TempDir("lf-tarball");
        var tarball = Build(tmp.Path);

        var list = Proc.Run("tar", ["tzf", tarball]);
        Assert.True(list.ExitCode == 0, list.Stderr);
        var entries = list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        output.WriteLine($"{entries.Length} entries");
        Assert.Contains("plugins/modules/hop.yml", entries);
        Assert.Contains("plugins/modules/backup.yml", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("roles/backup/files/", StringComparison.Ordinal));
        var unwanted = entries.Where(e => BuildOrSource().IsMatch(e)).ToList();
        Assert.True(unwanted.Count == 0, "build or source files in the collection: " + string.Join(", ", unwanted));
    }

    [Fact]
    public void Ansible_test_sanity_passes_on_the_installed_collection_offline()
    {
        using var tmp = new TempDir("lf-sanity");
        var tarball = Build(tmp.Path);
        var installed = Path.Combine(tmp.Path, "collections");
        var install = Proc.Run("ansible-galaxy", ["collection", "install", "--offline", "-p", installed, tarball], cwd: tmp.Path, timeout: TimeSpan.FromMinutes(5));
        Assert.True(install.ExitCode == 0, install.Stdout + install.Stderr);
        var root = Path.Combine(installed, "ansible_collections", "leapfrog", "openstack");

        var python = Proc.Run("python3", ["-c", "import sys; print('%d.%d' % sys.version_info[:2])"]).Stdout.Trim();
        var known = Proc.Run("ansible-test", ["sanity", "--list-tests"], cwd: root).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("shebang", known);
        var skipped = NeedAPackageIndex.Where(known.Contains).ToList();
        var r = Proc.Run("ansible-test", ["sanity", "--python", python, .. skipped.SelectMany(t => new[] { "--skip-test", t })],
            cwd: root, timeout: TimeSpan.FromMinutes(10));
        output.WriteLine($"python {python}; skipped (need a package index): {string.Join(", ", skipped)}\n{r.Stdout}\n{r.Stderr}");

        Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
        Assert.DoesNotContain("ERROR:", r.Stdout + r.Stderr, StringComparison.Ordinal);
        foreach (var test in new[] { "shebang", "compile", "line-endings", "no-smart-quotes", "symlinks" })
        {
            Assert.Contains($"Running sanity test \"{test}\"", r.Stdout + r.Stderr, StringComparison.Ordinal);
        }
    }

    private static string Build(string dir)
    {
        var build = Proc.Run("ansible-galaxy", ["collection", "build", "--force", "--output-path", dir], cwd: Repo.Root, timeout: TimeSpan.FromMinutes(5));
        Assert.True(build.ExitCode == 0, build.Stdout + build.Stderr);
        return Directory.GetFiles(dir, "leapfrog-openstack-*.tar.gz").Single();
    }

    /// <summary>Sources, tests, scripts, build inputs and outputs: nothing an installed collection needs.</summary>
    [GeneratedRegex(@"^(src|tests|scripts|docs|artifacts|\.ci|\.git|\.work)(/|$)|(^|/)(bin|obj|TestResults|__pycache__)(/|$)|(^|/)(Directory\.[^/]*|global\.json|[^/]*\.(cs|csproj|sln|props|targets|trx|pyc|tar\.gz))$")]
    private static partial Regex BuildOrSource();

    private sealed class TempDir : IDisposable
    {
        public TempDir(string prefix)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), prefix + "-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
