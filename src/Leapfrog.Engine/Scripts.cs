using System.Text;
using Leapfrog.Remote;

namespace Leapfrog.Engine;

/// <summary>
/// The POSIX sh scripts the engine runs on the controller. Every one is safe to run again after a
/// dropped connection: a step is claimed with an atomic <c>mkdir</c> before it starts, so a retried
/// launch attaches to the running step instead of starting it twice.
/// </summary>
internal static class Scripts
{
    /// <summary>Longest a wait script waits on the controller before answering "running".</summary>
    public static readonly TimeSpan LongPoll = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Shell function: is run <c>$a</c> alive? Its wrapper writes its own pid (atomically) as its first act; until
    /// then the run counts as starting for 30 s (a loaded machine may take a while to exec it), then as lost.
    /// A pid that is alive but belongs to another command (pid reuse after a reboot) is not the run.
    /// </summary>
    private const string Alive = """
        alive() {
          if [ -f "$a/pid" ]; then
            p=$(cat "$a/pid" 2>/dev/null) && [ -n "$p" ] && kill -0 "$p" 2>/dev/null && tr '\0' ' ' < "/proc/$p/cmdline" 2>/dev/null | grep -qF -- "$a"
            return
          fi
          [ $(( $(date +%s) - $(stat -c %Y "$a") )) -lt 30 ]
        }
        """;

    /// <summary>Prints the file base64-encoded on one line, or <c>none</c>.</summary>
    public static string Read(string file) =>
        $"f={Q(file)}; if [ -f \"$f\" ]; then base64 -w0 < \"$f\"; echo; else echo none; fi";

    /// <summary>Writes <paramref name="content"/> to <paramref name="file"/> atomically (temp file, fsync, rename), mode 0600.</summary>
    public static string Write(string file, string content) =>
        $"""
        set -e; umask 077; f={Q(file)}; mkdir -p "$(dirname "$f")"; t="$f.tmp.$$"; trap 'rm -f "$t"' EXIT
        printf %s {Q(B64(content))} | base64 -d > "$t"; sync "$t" 2>/dev/null || true; mv -f "$t" "$f"
        """;

    /// <summary>Takes the lock directory if free: prints <c>acquired</c>, or <c>held AGE</c> then the owner file.</summary>
    public static string Lock(string lockDir, string ownerJson) =>
        $"""
        umask 077; l={Q(lockDir)}; mkdir -p "$(dirname "$l")" || exit 70
        if mkdir "$l" 2>/dev/null; then printf %s {Q(B64(ownerJson))} | base64 -d > "$l/owner.json" && echo acquired && exit 0; rm -rf "$l"; exit 71; fi
        m=$(stat -c %Y "$l/owner.json" 2>/dev/null || stat -c %Y "$l"); echo "held $(( $(date +%s) - m ))"; cat "$l/owner.json" 2>/dev/null; exit 0
        """;

    /// <summary>
    /// Replaces a stale lock whose owner file still reads <paramref name="seen"/>; prints <c>acquired</c>, or
    /// <c>lost</c> then the owner file of whoever holds it now. Runs under an flock on <c>LOCK.takeover</c>
    /// (released by the kernel if the script dies), so two runs that both found the same stale lock cannot
    /// both remove it: the second compares after the first replaced it, and loses.
    /// </summary>
    public static string TakeOver(string lockDir, string seen, string ownerJson) =>
        $"""
        umask 077; l={Q(lockDir)}
        exec 9>>"$l.takeover" && flock -w 30 9 || exit 72
        if [ "$(cat "$l/owner.json" 2>/dev/null)" = "$(printf %s {Q(B64(seen))} | base64 -d)" ]; then rm -rf "$l"; fi
        if mkdir "$l" 2>/dev/null; then printf %s {Q(B64(ownerJson))} | base64 -d > "$l/owner.json" && echo acquired && exit 0; fi
        echo lost; cat "$l/owner.json" 2>/dev/null; exit 0
        """;

    /// <summary>Removes the lock when <paramref name="runId"/> holds it.</summary>
    public static string Unlock(string lockDir, string runId) =>
        $"l={Q(lockDir)}; grep -qF {Q($"\"{runId}\"")} \"$l/owner.json\" 2>/dev/null && rm -rf \"$l\"; exit 0";

    /// <summary>
    /// Reports a unit's latest run: <c>none</c>, <c>done N RC</c>, <c>running N</c> or <c>lost N AGE</c>.
    /// </summary>
    public static string Status(string unitDir) =>
        $$"""
        u={{Q(unitDir)}}
        n=$(ls -1 "$u" 2>/dev/null | grep -E '^[0-9]+$' | sort -n | tail -n 1)
        [ -n "$n" ] || { echo none; exit 0; }
        a="$u/$n"
        {{Alive}}
        if [ -f "$a/rc" ]; then echo "done $n $(cat "$a/rc")"; elif alive; then echo "running $n"; else echo "lost $n $(( $(date +%s) - $(stat -c %Y "$a") ))"; fi
        """;

    /// <summary>
    /// Starts run <paramref name="run"/> of a unit detached (own session and process group, output to
    /// files, exit status written last and atomically) unless that run exists already, then waits as
    /// <see cref="Wait"/> does.
    /// </summary>
    /// <remarks>
    /// No secret at rest: the tool's stdout and stderr each pass through sed (<see cref="Redactor.UrlPasswordSed"/>) before
    /// they reach <c>out</c> and <c>err</c>, so a database URL a tool prints is stored with its password masked. The tool's
    /// own exit status goes through <c>rc.tool</c> (a pipeline's status would be sed's); <c>rc</c> is written only after
    /// both filters have flushed, so the tails read with it are whole. Known secret values (the SSH password, key and
    /// passphrase) are not masked here: putting them in this script would show them in <c>ps</c>, and writing them to a
    /// file would store them in clear. The tools never receive them, and the module masks them in everything it returns
    /// or writes.
    /// </remarks>
    public static string Launch(string unitDir, int run, string command, string lockDir, TimeSpan wait)
    {
        var filter = $"LC_ALL=C sed -u -E {Q(Redactor.UrlPasswordSed)}";
        var wrapper = "trap '' HUP; a=\"$1\"; echo $$ > \"$a/pid.tmp\" && mv -f \"$a/pid.tmp\" \"$a/pid\"; date +%s.%N > \"$a/started\"; cd / || exit 70; " +
                      $"{{ {{ {command} 2>&1 >&3 3>&- < /dev/null; echo $? > \"$a/rc.tool\"; }} | {filter} > \"$a/err\" 3>&-; }} 3>&1 | {filter} > \"$a/out\"; " +
                      "rc=$(cat \"$a/rc.tool\" 2>/dev/null) || rc=70; rm -f \"$a/rc.tool\"; " +
                      "date +%s.%N > \"$a/finished\"; echo $rc > \"$a/rc.tmp\" && mv -f \"$a/rc.tmp\" \"$a/rc\"";
        return $"""
            trap '' HUP; umask 077
            u={Q(unitDir)}; a="$u/{run}"
            mkdir -p "$u" || exit 70
            if mkdir "$a" 2>/dev/null; then
              setsid /bin/sh -c {Q(wrapper)} leapfrog-step "$a" < /dev/null > /dev/null 2>&1 &
              echo $! > "$a/pid.l"
            fi
            {WaitBody(lockDir, wait)}
            """;
    }

    /// <summary>
    /// Waits up to <paramref name="wait"/> (at most <see cref="LongPoll"/>) for run directory <c>$a</c> to finish, touching the lock as a
    /// heartbeat. Prints <c>running SECONDS</c> (how long the run has been going by the controller's clock, from its
    /// <c>started</c> file; 0 before the wrapper wrote it), <c>lost</c>, or <c>done RC</c> followed by three lines: the
    /// base64 tails of stdout and stderr, and "started finished" epoch seconds.
    /// </summary>
    public static string Wait(string runDir, string lockDir, TimeSpan wait) => $"a={Q(runDir)}\n{WaitBody(lockDir, wait)}";

    /// <summary>
    /// Kills a run's process group (TERM, then KILL after 5 s) and records exit status 124 if it left none.
    /// The group id is the wrapper's pid (setsid made it a session leader). dash's kill takes no "--".
    /// </summary>
    public static string Kill(string runDir) =>
        $$"""
        a={{Q(runDir)}}; p=$(cat "$a/pid" 2>/dev/null || cat "$a/pid.l" 2>/dev/null)
        touch "$a/timeout"
        if [ -n "$p" ]; then
          kill -TERM "-$p" 2>/dev/null; i=0
          while kill -0 "-$p" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done
          kill -KILL "-$p" 2>/dev/null
        fi
        [ -f "$a/rc" ] || { date +%s.%N > "$a/finished"; echo 124 > "$a/rc.tmp" && mv -f "$a/rc.tmp" "$a/rc"; }
        echo killed
        """;

    /// <summary>Shell function: seconds since run <c>$a</c> started, by the controller's clock (0 before it started).</summary>
    private const string Ran = """
        ran() {
          s=$(cat "$a/started" 2>/dev/null)
          if [ -n "$s" ]; then awk -v s="$s" -v n="$(date +%s.%N)" 'BEGIN { d = n - s; printf "%.3f", d < 0 ? 0 : d }'; else echo 0; fi
        }
        """;

    private static string WaitBody(string lockDir, TimeSpan wait) =>
        $$"""
        {{Alive}}
        {{Ran}}
        touch {{Q(lockDir + "/owner.json")}} 2>/dev/null
        i=0
        while [ ! -f "$a/rc" ]; do
          if [ $i -ge {{Iterations(wait)}} ]; then echo "running $(ran)"; exit 0; fi
          if [ $((i % 10)) -eq 5 ] && ! alive; then sleep 0.1; [ -f "$a/rc" ] && break; echo lost; exit 0; fi
          if [ $i -lt 100 ]; then sleep 0.01; else sleep 0.1; fi
          i=$((i+1))
        done
        echo "done $(cat "$a/rc")"
        tail -c 4096 "$a/out" 2>/dev/null | base64 -w0; echo
        tail -c 4096 "$a/err" 2>/dev/null | base64 -w0; echo
        echo "$(cat "$a/started" 2>/dev/null) $(cat "$a/finished" 2>/dev/null)"
        """;

    /// <summary>Loop turns of the wait loop for <paramref name="wait"/>: 10 ms turns for the first second, then 100 ms.</summary>
    private static int Iterations(TimeSpan wait)
    {
        var ms = Math.Clamp(wait.TotalMilliseconds, 100, LongPoll.TotalMilliseconds);
        return ms <= 1000 ? (int)(ms / 10) : 100 + (int)((ms - 1000) / 100);
    }

    private static string Q(string text) => ShellQuote.Quote(text);

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
