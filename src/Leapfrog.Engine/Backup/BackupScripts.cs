using Leapfrog.Remote;

namespace Leapfrog.Engine;

/// <summary>
/// The controller scripts of backup, restore and probe. Passwords stay on the controller: <c>urls.awk</c> reads them
/// from the service config (and nova's cell_mappings) straight into option files of mode 0600 that the MariaDB
/// clients read with <c>--defaults-extra-file</c>; no script, argv, result or log holds one.
/// </summary>
internal static class BackupScripts
{
    private static readonly Lazy<string> Awk = new(() =>
    {
        using var stream = typeof(BackupScripts).Assembly.GetManifestResourceStream("Leapfrog.Engine.urls.awk")
            ?? throw new InvalidOperationException("the embedded urls.awk is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>
    /// Writes an option file per database into <paramref name="work"/> and prints one line per database:
    /// <c>db N NAME WHERE PORT USER LABEL PRESENT BYTES</c>, <c>unreachable N NAME WHERE PORT USER LABEL ERROR</c>,
    /// <c>missing LABEL SECTION.OPTION</c> or <c>error TEXT</c>; or the single line <c>noconfig</c> / <c>noclient</c>.
    /// </summary>
    /// <param name="configFile">The service config.</param>
    /// <param name="work">A private directory for the option files (made afresh).</param>
    /// <param name="specs">label=section.option of each URL the catalog names.</param>
    /// <param name="cellsFrom">Labels whose database lists further (cell) databases in <c>cell_mappings</c>.</param>
    /// <param name="also">Database names the catalog lists that no URL names: tried with the first URL's credentials.</param>
    public static string Resolve(string configFile, string work, IEnumerable<string> specs, IEnumerable<string> cellsFrom, IEnumerable<string> also) =>
        $$"""
        umask 077; export LC_ALL=C; tab=$(printf '\t')
        w={{Q(work)}}; cfg={{Q(configFile)}}; prog={{Q(Awk.Value)}}
        rm -rf "$w"; mkdir -p "$w" || exit 70
        [ -r "$cfg" ] || { echo noconfig; exit 0; }
        client=$(command -v mariadb || command -v mysql) || { echo noclient; exit 0; }
        awk -v W="$w" -v MODE=conf -v SPECS={{Q(string.Join(",", specs))}} "$prog" "$cfg" > "$w/list" || exit 71
        for api in {{string.Join(" ", cellsFrom.Select(Q))}}; do
          line=$(awk -F "$tab" -v l="$api" '$1 ~ /^[0-9]+$/ && $6 == l' "$w/list" | head -n 1)
          [ -n "$line" ] || continue
          n=$(printf '%s\n' "$line" | cut -f1); db=$(printf '%s\n' "$line" | cut -f2)
          k=$(grep -c '^[0-9]' "$w/list")
          "$client" --defaults-extra-file="$w/$n.cnf" --connect-timeout=10 -NB \
            -e "SELECT database_connection FROM cell_mappings ORDER BY id" "$db" 2>/dev/null \
            | awk -v W="$w" -v MODE=cells -v START="$k" "$prog" "$cfg" - >> "$w/list"
        done
        first=$(grep '^[0-9]' "$w/list" | head -n 1)
        for name in {{string.Join(" ", also.Select(Q))}}; do
          [ -n "$first" ] || break
          awk -F "$tab" -v d="$name" '$1 ~ /^[0-9]+$/ && $2 == d { f = 1 } END { exit !f }' "$w/list" && continue
          printf '%s\n' "$first" | awk -F "$tab" -v OFS="$tab" -v d="$name" '{ $2 = d; $6 = "catalog"; print }' >> "$w/list"
        done
        while IFS= read -r line; do
          n=$(printf '%s\n' "$line" | cut -f1)
          case "$n" in [0-9]*) ;; *) printf '%s\n' "$line"; continue ;; esac
          db=$(printf '%s\n' "$line" | cut -f2)
          if r=$("$client" --defaults-extra-file="$w/$n.cnf" --connect-timeout=10 -NB -e "SELECT (SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '$db'), (SELECT COALESCE(SUM(data_length + index_length), 0) FROM information_schema.TABLES WHERE table_schema = '$db')" 2>"$w/err"); then
            printf 'db\t%s\t%s\n' "$line" "$r"
          else
            printf 'unreachable\t%s\t%s\n' "$line" "$(tail -c 300 "$w/err" | tr '\t\n' '  ')"
          fi
        done < "$w/list"
        rm -f "$w/list" "$w/err"
        """;

    /// <summary>Removes the option files.</summary>
    public static string Forget(string work) => $"rm -rf {Q(work)}; exit 0";

    /// <summary>
    /// The dump of one database as a detached step's command: mariadb-dump (or mysqldump) in one consistent snapshot
    /// (<c>--single-transaction</c>: InnoDB tables are read from one transaction, nothing is locked), gzip'd to a temp
    /// file, synced and renamed into place, then its sha256 beside it. Prints <c>SHA256 BYTES</c>. Its option file stays: databases
    /// reached with the same credentials share one (nova_cell0 tried with the first URL's), and the runner removes the
    /// whole directory when it ends.
    /// </summary>
    public static string Dump(string optionFile, string database, string file) =>
        ShellQuote.Join(["/bin/sh", "-c", """
            umask 077; c=$1; d=$2; f=$3; t="$f.tmp"
            dump=$(command -v mariadb-dump || command -v mysqldump) || { echo "neither mariadb-dump nor mysqldump is installed on the controller" >&2; exit 69; }
            rm -f "$t" "$t.rc"
            { "$dump" --defaults-extra-file="$c" --single-transaction --skip-lock-tables --quick --routines --triggers --hex-blob \
                --add-drop-database --databases "$d"; echo $? > "$t.rc"; } | gzip -6 > "$t"
            rc=$(cat "$t.rc" 2>/dev/null || echo 70); rm -f "$t.rc"
            [ "$rc" = 0 ] || { rm -f "$t"; exit "$rc"; }
            sync "$t" 2>/dev/null; mv -f "$t" "$f" || exit 70
            s=$(sha256sum "$f" | cut -d ' ' -f 1) || exit 70
            printf '%s  %s\n' "$s" "${f##*/}" > "$f.sha256.tmp" && mv -f "$f.sha256.tmp" "$f.sha256" || exit 70
            echo "$s $(stat -c %s "$f")"
            """, "leapfrog-dump", optionFile, database, file]);

    /// <summary>
    /// The load of one dump as a detached step's command (the dump drops and recreates its database). Its option file
    /// stays, as the dump's does (shared; the runner removes the directory).
    /// </summary>
    public static string Load(string optionFile, string file) =>
        ShellQuote.Join(["/bin/sh", "-c", """
            c=$1; f=$2
            client=$(command -v mariadb || command -v mysql) || { echo "neither mariadb nor mysql is installed on the controller" >&2; exit 69; }
            { gzip -dc "$f"; echo $? > "$c.gz"; } | "$client" --defaults-extra-file="$c" --batch; rc=$?
            g=$(cat "$c.gz" 2>/dev/null || echo 70); rm -f "$c.gz"
            [ "$g" = 0 ] || { echo "$f cannot be decompressed (gzip rc $g)" >&2; exit 65; }
            exit $rc
            """, "leapfrog-load", optionFile, file]);

    /// <summary>Prints <c>SHA256 BYTES</c> of each file (<c>missing</c> for one that is not there), one line each, in order.</summary>
    public static string Checksums(string dir, IEnumerable<string> files) =>
        $"cd {Q(dir)} || exit 70; for f in {string.Join(" ", files.Select(Q))}; do " +
        "if [ -f \"$f\" ]; then echo \"$(sha256sum \"$f\" | cut -d ' ' -f 1) $(stat -c %s \"$f\")\"; else echo missing; fi; done";

    /// <summary>Copies the state file into the backup (when there is one); prints <c>copied</c> or <c>none</c>.</summary>
    public static string CopyState(string stateFile, string copy) =>
        $"s={Q(stateFile)}; c={Q(copy)}; umask 077; if [ -f \"$s\" ]; then cp -f \"$s\" \"$c.tmp\" && mv -f \"$c.tmp\" \"$c\" && echo copied; else rm -f \"$c\"; echo none; fi";

    /// <summary>Puts the state file back as the backup holds it (atomically), or removes it when the backup had none.</summary>
    public static string PutStateBack(string copy, string? stateFile) =>
        stateFile is null ? "exit 0"
        : $"s={Q(stateFile)}; c={Q(copy)}; umask 077; if [ -f \"$c\" ]; then cp -f \"$c\" \"$s.restore.tmp\" && mv -f \"$s.restore.tmp\" \"$s\"; else rm -f \"$s\"; fi";

    /// <summary>
    /// Retention: keeps the newest <paramref name="keep"/> backup directories under <paramref name="root"/> (by modification
    /// time, <paramref name="current"/> always among them) and removes the others; prints each one removed.
    /// </summary>
    public static string Retain(string root, string current, int keep) =>
        $$"""
        cd {{Q(root)}} || exit 70; n=1
        for d in $(ls -1dt -- */ 2>/dev/null); do
          d=${d%/}; [ "$d" = {{Q(current)}} ] && continue
          n=$((n + 1)); [ $n -le {{keep}} ] && continue
          rm -rf -- "$d" && echo "$d"
        done
        """;

    /// <summary>Makes the backup directory (mode 0700).</summary>
    public static string MakeDir(string dir) => $"umask 077; mkdir -p {Q(dir)}";

    private static string Q(string text) => ShellQuote.Quote(text);
}
