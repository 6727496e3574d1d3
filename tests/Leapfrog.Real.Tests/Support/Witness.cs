namespace Leapfrog.Real.Tests.Support;

/// <summary>
/// What really ran in the chroots, written by the tools' side: the real tier's set-up puts a small wrapper per
/// release tool into each chroot's /usr/local/sbin (ahead of the real tool on PATH) that appends the invocation
/// to the chroot's <see cref="LogPath"/> before running the tool. The tests count runs there, not from the
/// product's state files or results. For a Python console script (every release tool here) the wrapper is that
/// script itself, shebang, imports and all, with the logging lines put before its body: it runs in the same process,
/// and whatever reads the script (the hop's pre-check and version reading) sees what it would see in a toolbox
/// without the witness. A shell wrapper that runs the tool would hide the tool from that reading and make the hop
/// start the tool's --version instead, a cost no deployment pays. The wrapper is transparent otherwise: it logs only while the log file
/// exists (this tier's run), not the tests' own tool runs (<see cref="ReleaseTools"/> sets LEAPFROG_WITNESS=off),
/// and holds a run back only when asked (<see cref="Hold"/>). The chroots' manifests are not touched.
/// </summary>
public static class Witness
{
    /// <summary>The log inside each chroot: one line per invocation, pid then tool then arguments, tab-separated.</summary>
    public const string LogPath = "/var/log/leapfrog-witness.log";

    /// <summary>Hold requests inside each chroot: lines of "SECONDS WORD...": a run whose arguments hold every word waits first.</summary>
    public const string HoldPath = "/var/log/leapfrog-witness.hold";

    private static readonly string[] Tools =
    [
        "keystone-manage", "keystone-status", "glance-manage", "glance-status", "cinder-manage", "cinder-status",
        "nova-manage", "nova-status", "placement-manage", "placement-status",
    ];

    /// <summary>Installs (or keeps) the wrappers in <paramref name="suite"/>'s chroot and starts an empty log.</summary>
    public static void Install(Suite suite)
    {
        Directory.CreateDirectory(Path.Combine(suite.Path, "usr/local/sbin"));
        foreach (var tool in Tools)
        {
            var real = new[] { "usr/local/bin", "usr/bin" }.Select(d => $"/{d}/{tool}").FirstOrDefault(p => File.Exists(suite.Path + p));
            if (real is null)
            {
                continue;
            }

            var wrapper = Path.Combine(suite.Path, "usr/local/sbin", tool);
            var script = File.ReadAllText(suite.Path + real);
            var text = script.StartsWith("#!", StringComparison.Ordinal) && script.Split('\n')[0].Contains("python", StringComparison.Ordinal)
                ? PythonScript(tool, real, script)
                : Script(tool, real);
            if (!File.Exists(wrapper) || File.ReadAllText(wrapper) != text)
            {
                File.WriteAllText(wrapper, text);
                File.SetUnixFileMode(wrapper, (UnixFileMode)0b111_101_101);
            }
        }

        File.WriteAllText(suite.Path + LogPath, "");
        File.Delete(suite.Path + HoldPath);
    }

    /// <summary>Removes the log (the wrappers then only run the tools).</summary>
    public static void Stop(Suite suite)
    {
        File.Delete(suite.Path + LogPath);
        File.Delete(suite.Path + HoldPath);
    }

    /// <summary>
    /// The invocations in <paramref name="suite"/>'s chroot that name <paramref name="configFile"/>, oldest first, as
    /// "tool arg..." with the config file options left out.
    /// </summary>
    public static IReadOnlyList<string> Runs(Suite suite, string configFile)
    {
        var runs = new List<string>();
        foreach (var line in File.ReadAllLines(suite.Path + LogPath))
        {
            var words = line.Split('\t').Skip(1).ToList();
            if (!words.Contains(configFile))
            {
                continue;
            }

            var kept = words.Where((w, i) => w != configFile && !(w == "--config-file" && i + 1 < words.Count && words[i + 1] == configFile));
            runs.Add(string.Join(' ', kept));
        }

        return runs;
    }

    /// <summary>True for a run that may change a database: anything but versions, checks and listings.</summary>
    public static bool Changes(string run)
    {
        var words = run.Split(' ');
        return !words[0].EndsWith("-status", StringComparison.Ordinal)
            && !words.Skip(1).Any(w => w is "--version" or "version" or "db_version" or "--check" or "check" or "list_cells" or "current" or "heads");
    }

    /// <summary>True for one batch of online data migrations (a step that legitimately runs several times).</summary>
    public static bool IsBatch(string run) => run.Contains("online_data_migrations", StringComparison.Ordinal);

    /// <summary>
    /// Makes runs in <paramref name="suite"/>'s chroot whose arguments hold every one of <paramref name="words"/>
    /// wait <paramref name="seconds"/> before the tool starts (they are logged first), until disposed.
    /// </summary>
    public static IDisposable Hold(Suite suite, int seconds, params string[] words)
    {
        File.WriteAllText(suite.Path + HoldPath, $"{seconds} {string.Join(' ', words)}\n");
        return new Release(suite.Path + HoldPath);
    }

    private static string Script(string tool, string real) =>
        "#!/bin/sh\n" +
        "# Witness of the Leapfrog real test tier (tests/Leapfrog.Real.Tests/Support/Witness.cs): appends this run to\n" +
        $"# {LogPath} (when it exists) before running {real}, and waits when {HoldPath} asks it to.\n" +
        $"if [ \"${{LEAPFROG_WITNESS:-}}\" != off ] && [ -f {LogPath} ]; then\n" +
        $"  line=\"$$\t{tool}\"\n" +
        "  for a in \"$@\"; do line=\"$line\t$a\"; done\n" +
        $"  printf '%s\\n' \"$line\" >> {LogPath}\n" +
        "fi\n" +
        $"if [ \"${{LEAPFROG_WITNESS:-}}\" != off ] && [ -f {HoldPath} ]; then\n" +
        "  set -f\n" +
        "  while read -r seconds words; do\n" +
        "    all=1\n" +
        "    for w in $words; do case \" $* \" in *\"$w\"*) ;; *) all=0 ;; esac; done\n" +
        "    if [ \"$all\" = 1 ]; then sleep \"$seconds\"; fi\n" +
        $"  done < {HoldPath}\n" +
        "  set +f\n" +
        "fi\n" +
        $"exec {real} \"$@\"\n";

    /// <summary>The release's own console script <paramref name="script"/> with the witness's lines after its shebang.</summary>
    private static string PythonScript(string tool, string real, string script)
    {
        var newline = script.IndexOf('\n', StringComparison.Ordinal);
        return script[..(newline + 1)] +
            "# Witness of the Leapfrog real test tier (tests/Leapfrog.Real.Tests/Support/Witness.cs): appends this run to\n" +
            $"# {LogPath} (when it exists) and waits when {HoldPath} asks it to; below the witness's lines, {real} as the\n" +
            "# release ships it.\n" +
            "import os as _lf_os, sys as _lf_sys, time as _lf_time\n" +
            "if _lf_os.environ.get('LEAPFROG_WITNESS') != 'off':\n" +
            $"    if _lf_os.path.isfile('{LogPath}'):\n" +
            $"        with open('{LogPath}', 'a') as _lf_log:\n" +
            $"            _lf_log.write('\\t'.join([str(_lf_os.getpid()), '{tool}'] + _lf_sys.argv[1:]) + '\\n')\n" +
            $"    if _lf_os.path.isfile('{HoldPath}'):\n" +
            $"        for _lf_line in open('{HoldPath}'):\n" +
            "            _lf_words = _lf_line.split()\n" +
            "            if _lf_words and all(w in ' ' + ' '.join(_lf_sys.argv[1:]) + ' ' for w in _lf_words[1:]):\n" +
            "                _lf_time.sleep(int(_lf_words[0]))\n" +
            "# --- the release's script ---\n" +
            script[(newline + 1)..];
    }

    private sealed class Release(string path) : IDisposable
    {
        public void Dispose() => File.Delete(path);
    }
}
