using Leapfrog.Remote;

namespace Leapfrog.Engine;

/// <summary>
/// The controller scripts of the rehearsal's scratch MariaDB. The scratch server's password is made on the controller
/// and kept in <c>DIR/scratch.cnf</c> (mode 0600; <c>DIR/auth</c> holds it URL-encoded as <c>user:password</c> for the
/// overlays, <c>DIR/endpoint</c> the server's <c>host:port</c>): no script, argv, result or log holds it. An existing server the
/// operator names (<c>DIR/existing</c>) gets the same files, and a marker database on it, <see cref="MarkerDatabase"/>, lists
/// every database the rehearsal created there, which is all the stop drops. Everything the rehearsal
/// writes lies under its directory, which carries the marker <c>.leapfrog-rehearsal</c>; nothing without the marker is
/// ever removed.
/// </summary>
internal static class ScratchScripts
{
    /// <summary>The marker file of a rehearsal directory.</summary>
    public const string Marker = ".leapfrog-rehearsal";

    /// <summary>The scratch server's database user.</summary>
    public const string User = "leapfrog_rehearse";

    /// <summary>
    /// What the rehearsal must know before it starts anything, one line each: <c>datadir PATH</c> (every MariaDB/MySQL
    /// datadir on the controller: running servers, my_print_defaults, the default), <c>dir marker|empty|foreign</c>,
    /// <c>free KB</c> (on the filesystem that will hold the directory), <c>port N free|taken</c>, <c>load L</c> (one minute's load average), <c>server yes|no</c>.
    /// </summary>
    public static string Preflight(string dir, int port) =>
        $$"""
        d={{Q(dir)}}; p={{port}}
        { echo /var/lib/mysql
          my_print_defaults --mysqld 2>/dev/null | sed -n 's/^--datadir=//p'
          for c in /proc/[0-9]*/cmdline; do tr '\0' '\n' < "$c" 2>/dev/null | sed -n 's/^--datadir=//p'; done
        } | sort -u | while IFS= read -r x; do [ -n "$x" ] && printf 'datadir\t%s\n' "$(readlink -f "$x" 2>/dev/null || echo "$x")"; done
        if [ -f "$d/{{Marker}}" ]; then echo 'dir	marker'
        elif [ ! -e "$d" ] || [ -z "$(ls -A "$d" 2>/dev/null)" ]; then echo 'dir	empty'
        else echo 'dir	foreign'; fi
        a=$d; while [ ! -d "$a" ]; do a=$(dirname "$a"); done
        printf 'resolved\t%s\n' "$(readlink -f "$a")/$(echo "${d#"$a"}" | sed 's|^/||')"
        printf 'free\t%s\n' "$(df -Pk "$a" | awk 'NR == 2 { print $4 }')"
        taken() { bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"' _ "$1" 2>/dev/null; }
        if [ "$p" -eq 0 ]; then
          p=43306; while taken "$p" && [ "$p" -lt 43506 ]; do p=$((p + 1)); done
        fi
        if taken "$p"; then printf 'port\t%s\ttaken\n' "$p"; else printf 'port\t%s\tfree\n' "$p"; fi
        printf 'load\t%s\n' "$(cut -d' ' -f1 /proc/loadavg 2>/dev/null)"
        if { command -v mariadbd || command -v mysqld || [ -x /usr/sbin/mariadbd ] || [ -x /usr/sbin/mysqld ]; } >/dev/null 2>&1 \
           && { command -v mariadb-install-db || command -v mysql_install_db; } >/dev/null 2>&1; then echo 'server	yes'; else echo 'server	no'; fi
        """;

    /// <summary>The database on an operator's server listing, in its table <c>created</c>, the databases rehearsals made there.</summary>
    public const string MarkerDatabase = "leapfrog_rehearsal";

    /// <summary>
    /// The files of an existing server the operator named (option file, URL credentials, endpoint) and the rehearsal's
    /// subdirectories; <c>DIR/existing</c> tells the stop to drop what the rehearsal created there. The contents come
    /// base64-encoded (the password is in this script's text while it runs, never in a file outside DIR, a result or a log).
    /// Nothing is dropped by a stop until <see cref="Owning"/>.
    /// </summary>
    public static string Existing(string dir, string optionFile, string auth, string endpoint) =>
        $$"""
        umask 077; d={{Q(dir)}}
        mkdir -p "$d/state" "$d/overlays" "$d/dumps" || exit 70
        printf %s {{Q(B64(optionFile))}} | base64 -d > "$d/scratch.cnf" || exit 70
        printf %s {{Q(B64(auth))}} | base64 -d > "$d/auth" || exit 70
        printf %s {{Q(endpoint)}} > "$d/endpoint" || exit 70
        """;

    /// <summary>From here on the stop drops, on the operator's server, what the marker table lists as this rehearsal's.</summary>
    public static string Owning(string dir) => $"umask 077; : > {Q(dir + "/existing")}";

    /// <summary>
    /// What the operator's server holds, through DIR/scratch.cnf: <c>server HOSTNAME PORT SOCKET</c>, then <c>has DB</c>
    /// for each of <paramref name="databases"/> it has, and <c>marked DB</c> for each database a rehearsal created there
    /// (the marker table). Fails (rc 70, the client's message) when the server cannot be reached.
    /// </summary>
    public static string Look(string dir, IEnumerable<string> databases) =>
        $$"""
        d={{Q(dir)}}; client=$(command -v mariadb || command -v mysql) || { echo "the mariadb client is not installed on the controller" >&2; exit 69; }
        q() { "$client" --defaults-extra-file="$d/scratch.cnf" --connect-timeout=10 -NB -e "$1"; }
        q "SELECT 'server', @@hostname, @@port, COALESCE(@@socket, '')" | tr '	' ' ' || exit 70
        q "SELECT CONCAT('has ', schema_name) FROM information_schema.schemata WHERE schema_name IN ({{string.Join(", ", databases.Select(x => $"'{x}'"))}})" || exit 70
        if [ "$(q "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '{{MarkerDatabase}}' AND table_name = 'created'")" = 1 ]; then
          q "SELECT CONCAT('marked ', name) FROM \`{{MarkerDatabase}}\`.created" || exit 70
        fi
        """;

    /// <summary>
    /// Writes <paramref name="database"/> into the marker table (made if missing) as created by this rehearsal, before
    /// the load creates it; with <paramref name="dropFirst"/>, first drops the database a rehearsal left there (only
    /// when the marker table lists it).
    /// </summary>
    public static string Mark(string dir, string database, bool dropFirst) =>
        $$"""
        d={{Q(dir)}}; db={{Q(database)}}; client=$(command -v mariadb || command -v mysql) || exit 69
        q() { "$client" --defaults-extra-file="$d/scratch.cnf" --connect-timeout=10 -NB -e "$1"; }
        id="$(hostname):$d"
        if [ "$(q "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = '$db'")" != 0 ]; then
          {{(dropFirst ? DropLeftover : RefuseForeign)}}
        fi
        q "CREATE DATABASE IF NOT EXISTS \`{{MarkerDatabase}}\`; CREATE TABLE IF NOT EXISTS \`{{MarkerDatabase}}\`.created (name VARCHAR(64) PRIMARY KEY, rehearsal VARCHAR(512) NOT NULL, created TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP) COMMENT 'databases a leapfrog rehearsal created on this server; it drops them when it ends'; REPLACE INTO \`{{MarkerDatabase}}\`.created (name, rehearsal) VALUES ('$db', '$id')" || exit 70
        """;

    private const string RefuseForeign = """
        echo "the server already holds a database named $db, which this rehearsal did not create; nothing of it was changed" >&2; exit 73
        """;

    private const string DropLeftover = $$"""
        [ "$(q "SELECT COUNT(*) FROM \`{{MarkerDatabase}}\`.created WHERE name = '$db'")" = 1 ] || { echo "$db is not a database a rehearsal created" >&2; exit 70; }
        q "DROP DATABASE IF EXISTS \`$db\`" || exit 70
        """;

    /// <summary>Makes the directory (mode 0700) and its marker.</summary>
    public static string Claim(string dir) => $"umask 077; mkdir -p {Q(dir)} && : > {Q(dir + "/" + Marker)}";

    /// <summary>
    /// Makes the directory (marker first), initialises a datadir, starts mariadbd detached (own datadir, tmpdir, socket,
    /// 127.0.0.1:PORT), makes the user <see cref="User"/> with a password made here, and writes <c>scratch.cnf</c>.
    /// Prints <c>started PID</c>. Safe to run again after a dropped connection (the controller retries scripts).
    /// </summary>
    public static string Start(string dir, int port) =>
        $$"""
        umask 077; d={{Q(dir)}}; p={{port}}; m="$d/mariadb"
        mkdir -p "$d" && : > "$d/{{Marker}}" || exit 70
        mkdir -p "$m/data" "$m/tmp" "$d/state" "$d/overlays" "$d/dumps" || exit 70
        PATH=$PATH:/usr/sbin:/usr/local/sbin
        srv=$(command -v mariadbd || command -v mysqld) || { echo "mariadbd is not installed on the controller" >&2; exit 69; }
        inst=$(command -v mariadb-install-db || command -v mysql_install_db) || { echo "mariadb-install-db is not installed on the controller" >&2; exit 69; }
        client=$(command -v mariadb || command -v mysql) || { echo "the mariadb client is not installed on the controller" >&2; exit 69; }
        u=; [ "$(id -u)" = 0 ] && u=--user=root
        # Run again after a dropped connection: a datadir already made is kept, a server of it already running is used.
        [ -d "$m/data/mysql" ] || "$inst" --no-defaults --datadir="$m/data" $u --auth-root-authentication-method=normal --skip-test-db --skip-name-resolve \
          --tmpdir="$m/tmp" > "$m/install.log" 2>&1 || { echo "mariadb-install-db failed: $(tail -n 3 "$m/install.log" | tr '\n' ' ')" >&2; exit 70; }
        running=; for c in /proc/[0-9]*/cmdline; do tr '\0' '\n' < "$c" 2>/dev/null | grep -qxF -- "--datadir=$m/data" && running=1; done
        [ -n "$running" ] || setsid "$srv" --no-defaults --datadir="$m/data" $u --bind-address=127.0.0.1 --port="$p" --socket="$m/sock" \
          --pid-file="$m/pid" --log-error="$m/error.log" --tmpdir="$m/tmp" --skip-name-resolve --skip-log-bin \
          --innodb-log-file-size=48M < /dev/null > /dev/null 2>&1 &
        i=0
        until "$client" --no-defaults --socket="$m/sock" -uroot --connect-timeout=2 -NB -e 'SELECT 1' > /dev/null 2>&1; do
          i=$((i + 1)); [ $i -lt 120 ] || { echo "the scratch server did not start: $(tail -n 3 "$m/error.log" | tr '\n' ' ')" >&2; exit 70; }
          sleep 0.5
        done
        # One password however often this runs (noclobber: the first run's stays).
        ( set -C; head -c 48 /dev/urandom | od -An -tx1 | tr -d ' \n' | head -c 40 > "$m/pw" ) 2>/dev/null
        pw=$(cat "$m/pw") && [ -n "$pw" ] || { echo "no password for the scratch server" >&2; exit 70; }
        printf "CREATE OR REPLACE USER '%s'@'127.0.0.1' IDENTIFIED BY '%s';\nGRANT ALL ON *.* TO '%s'@'127.0.0.1';\n" {{User}} "$pw" {{User}} \
          | "$client" --no-defaults --socket="$m/sock" -uroot || exit 70
        printf '[client]\nuser=%s\npassword=%s\nhost=127.0.0.1\nport=%s\nprotocol=TCP\n' {{User}} "$pw" "$p" > "$d/scratch.cnf" || exit 70
        printf '%s:%s' {{User}} "$pw" > "$d/auth" && printf '127.0.0.1:%s' "$p" > "$d/endpoint" || exit 70
        echo "started $(cat "$m/pid" 2>/dev/null)"
        """;

    /// <summary>A private copy of scratch.cnf for one load.</summary>
    public static string OptionCopy(string dir, string copy) => $"umask 077; cp -f {Q(dir + "/scratch.cnf")} {Q(copy)}";

    /// <summary>
    /// Points every row of <c>cell_mappings</c> in the copy of <paramref name="apiDatabase"/> at the scratch copy of the
    /// same database (nova/objects/cell_mapping.py: a row's <c>database_connection</c> is a URL or a template filled from
    /// <c>[database] connection</c>; a template keeps its <c>{path}</c> and gets the scratch host and user). Prints
    /// <c>cells N LEFT</c>: rows, and rows still not pointing at the scratch server (must be 0).
    /// </summary>
    public static string PointCells(string dir, string apiDatabase) =>
        $$"""
        d={{Q(dir)}}; db={{Q(apiDatabase)}}
        client=$(command -v mariadb || command -v mysql) || exit 69
        a=$(cat "$d/auth") && e=$(cat "$d/endpoint") || exit 70
        has=$("$client" --defaults-extra-file="$d/scratch.cnf" -NB -e "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '$db' AND table_name = 'cell_mappings'") || exit 70
        [ "$has" = 1 ] || { echo "cells 0 0"; exit 0; }
        u="mysql+pymysql://$a@$e/"
        printf "UPDATE cell_mappings SET database_connection = CONCAT('%s', SUBSTRING_INDEX(SUBSTRING_INDEX(database_connection, '?', 1), '/', -1), '?charset=utf8') WHERE database_connection IS NOT NULL;\nSELECT COUNT(*), COALESCE(SUM(database_connection IS NOT NULL AND database_connection NOT LIKE '%%@%s/%%'), 0) FROM cell_mappings;\n" "$u" "$e" \
          | "$client" --defaults-extra-file="$d/scratch.cnf" -NB "$db" | tail -n 1 | awk '{ print "cells", $1, $2 }'
        """;

    /// <summary>
    /// The overlay of one service: a copy of <paramref name="configFile"/> (mode 0600) in which every option whose value
    /// is a MySQL/MariaDB URL points at the scratch copy of the same database; written at <c>DIR/overlays/SERVICE.conf</c>
    /// and at the same path under each of <paramref name="roots"/> (chroot toolboxes). Prints <c>overlay N</c>: URLs rewritten.
    /// </summary>
    public static string Overlay(string dir, string service, string configFile, IReadOnlyList<string> roots) =>
        $$"""
        umask 077; d={{Q(dir)}}; cfg={{Q(configFile)}}; o="$d/overlays/{{service}}.conf"
        [ -r "$cfg" ] || { echo "the config file $cfg does not exist or cannot be read" >&2; exit 66; }
        a=$(cat "$d/auth") && e=$(cat "$d/endpoint") || exit 70
        awk -v A="$a@$e" '
          /^[ \t]*[A-Za-z0-9_.-]+[ \t]*=[ \t]*mysql[A-Za-z0-9+_]*:\/\// {
            k = index($0, "="); key = substr($0, 1, k - 1); v = substr($0, k + 1); sub(/^[ \t]+/, "", v); sub(/[ \t\r]+$/, "", v)
            s = substr(v, 1, index(v, "://") - 1); r = substr(v, index(v, "://") + 3); q = index(r, "?"); if (q) r = substr(r, 1, q - 1)
            n = split(r, parts, "/"); print key "= " s "://" A "/" parts[n] "?charset=utf8"; c++; next }
          { print }
          END { print c + 0 > "/dev/stderr" }' "$cfg" > "$o.tmp" 2> "$o.count" || exit 70
        mv -f "$o.tmp" "$o" || exit 70
        for r in {{string.Join(" ", roots.Select(Q))}}; do
          mkdir -p "$r$d/overlays" && cp -f "$o" "$r$o" || exit 70
          grep -qxF "$r" "$d/roots" 2>/dev/null || printf '%s\n' "$r" >> "$d/roots"
        done
        echo "overlay $(cat "$o.count")"; rm -f "$o.count"
        """;

    /// <summary>Copies the production state files of <paramref name="services"/> into the rehearsal's state directory (read only).</summary>
    public static string CopyState(string dir, string productionStateDir, IEnumerable<string> services) =>
        $"d={Q(dir)}; s={Q(productionStateDir)}; umask 077; for v in {string.Join(" ", services.Select(Q))}; do " +
        "if [ -f \"$s/$v.json\" ]; then cp -f \"$s/$v.json\" \"$d/state/$v.json\" || exit 70; fi; done";

    /// <summary>The largest tables of <paramref name="databases"/> in the copy: <c>table DB TABLE BYTES ROWS</c> (rows counted exactly).</summary>
    public static string LargestTables(string dir, IEnumerable<string> databases, int count) =>
        $$"""
        d={{Q(dir)}}; client=$(command -v mariadb || command -v mysql) || exit 69
        "$client" --defaults-extra-file="$d/scratch.cnf" -NB -e "SELECT table_schema, table_name, data_length + index_length FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema IN ({{string.Join(", ", databases.Select(x => $"'{x}'"))}}) ORDER BY 3 DESC, 1, 2 LIMIT {{count}}" \
        | while IFS="$(printf '\t')" read -r s t b; do
            n=$("$client" --defaults-extra-file="$d/scratch.cnf" -NB -e "SELECT COUNT(*) FROM \`$s\`.\`$t\`" 2>/dev/null || echo -1)
            printf 'table\t%s\t%s\t%s\t%s\n' "$s" "$t" "$b" "$n"
          done
        """;

    /// <summary>
    /// The rehearsal's own state files, read before the stop removes them: for each, a line <c>\x1eSERVICE</c> and the
    /// file's JSON (the hops' start and end times: the chain's wall time on the copy); then <c>\x1eload L</c>, the
    /// controller's load average over one minute. Prints nothing for a directory without the marker.
    /// </summary>
    public static string StateFiles(string dir) =>
        $$"""
        d={{Q(dir)}}; [ -f "$d/{{Marker}}" ] || exit 0
        for f in "$d"/state/*.json; do [ -f "$f" ] || continue; printf '\036%s\n' "$(basename "$f" .json)"; cat "$f"; echo; done
        printf '\036load %s\n' "$(cut -d' ' -f1 /proc/loadavg 2>/dev/null)"
        """;

    /// <summary>
    /// Stops the scratch server of <paramref name="dir"/> (by its pid file, and any mariadbd still started with its
    /// datadir) and removes the directory and its mirror under each chroot root it wrote overlays to (the hop's cell
    /// overlays go there too, under the state directory); nothing without the marker is touched.
    /// On an operator's server, first drops every database the marker table lists as this rehearsal's (<c>dropped DB</c>,
    /// <c>kept DB</c>, or <c>unreachable HOST:PORT</c>), and the marker database once it lists none. Its last line is
    /// <c>removed</c>, <c>removed not-running</c> (a datadir was made but no server of it was running) or <c>none</c>.
    /// </summary>
    public static string Stop(string dir) =>
        $$"""
        d={{Q(dir)}}; m="$d/mariadb"
        [ -f "$d/{{Marker}}" ] || { echo none; exit 0; }
        ours() { tr '\0' '\n' < "/proc/$1/cmdline" 2>/dev/null | grep -qxF -- "--datadir=$m/data"; }
        pids=$(cat "$m/pid" 2>/dev/null); alive=; made=; [ -d "$m/data" ] && made=1
        for c in /proc/[0-9]*; do ours "${c#/proc/}" && pids="$pids ${c#/proc/}"; done
        # Detached dumps and loads still running (an interrupted copy): killed first, so none writes after the stop.
        for a in "$d"/.steps/*/[0-9]* "$d"/dumps/*/.steps/*/[0-9]*; do
          [ -f "$a/pid" ] && [ ! -f "$a/rc" ] && kill -KILL "-$(cat "$a/pid")" 2>/dev/null
        done
        for pid in $pids; do ours "$pid" && alive=1 && kill -TERM "$pid" 2>/dev/null; done
        i=0
        for pid in $pids; do
          while ours "$pid" && [ $i -lt 120 ]; do sleep 0.5; i=$((i + 1)); done
          ours "$pid" && kill -KILL "$pid" 2>/dev/null
        done
        if [ -f "$d/existing" ] && [ -f "$d/scratch.cnf" ]; then
          client=$(command -v mariadb || command -v mysql)
          q() { "$client" --defaults-extra-file="$d/scratch.cnf" --connect-timeout=10 -NB -e "$1"; }
          id="$(hostname):$d"
          if has=$(q "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '{{MarkerDatabase}}' AND table_name = 'created'" 2>/dev/null); then
            if [ "$has" = 1 ]; then
              for db in $(q "SELECT name FROM \`{{MarkerDatabase}}\`.created WHERE rehearsal = '$id'"); do
                q "DROP DATABASE IF EXISTS \`$db\`; DELETE FROM \`{{MarkerDatabase}}\`.created WHERE name = '$db'" && echo "dropped $db" || echo "kept $db"
              done
              [ "$(q "SELECT COUNT(*) FROM \`{{MarkerDatabase}}\`.created")" = 0 ] && q "DROP DATABASE \`{{MarkerDatabase}}\`"
            fi
          else
            echo "unreachable $(cat "$d/endpoint" 2>/dev/null)"
          fi
        fi
        if [ -f "$d/roots" ]; then
          while IFS= read -r r; do [ -n "$r" ] && [ "$r$d" != "$d" ] && rm -rf -- "$r$d"; done < "$d/roots"
        fi
        rm -rf -- "$d" && if [ -n "$made" ] && [ -z "$alive" ]; then echo removed not-running; else echo removed; fi
        """;

    private static string Q(string text) => ShellQuote.Quote(text);

    private static string B64(string text) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text));
}
