# leapfrog-inspect 1: read-only questions of one hop, answered inside the release's toolbox in one process.
# argv[1]: JSON {"config", "tools": [{"tool", "path"}], "databases": [{"name", "url", "layouts", "cells_from"}], "version": {"tool"}}.
# Prints one JSON object: per tool whether it exists and can start; per database the revision it records and the
# heads the toolbox's own migration scripts define; per blocker check ("checks") the rows it found or why it could
# not check; asked for ("cells"), the cell list. Prints no password but the cell list's database URLs (as nova-manage
# cell_v2 list_cells --verbose prints them; the engine keeps them in memory only); changes nothing (check queries run
# in a read-only transaction).
import configparser, json, os, re, shutil, sys

req = json.loads(sys.argv[1])
secrets = []


def remember(url):
    from urllib.parse import unquote, urlsplit
    password = urlsplit(url).password
    if password:
        secrets.extend([password, unquote(password)])


def clean(text):
    text = str(text)
    for s in secrets:
        if s:
            text = text.replace(s, "***")
    return re.sub(r"(://[^:/@\s]*:)[^@\s]*@", r"\1***@", text)[:400]


def tool_problem(path):
    found = path if os.path.isabs(path) else shutil.which(path)
    if not found or not os.path.isfile(found):
        return "not found"
    if not os.access(found, os.X_OK):
        return "not executable"
    with open(found, "rb") as f:
        head = f.read(4096).decode("utf-8", "replace")
    if head.startswith("#!"):
        interp = head[2:].splitlines()[0].split()
        if interp and interp[0] != "/usr/bin/env" and not os.access(interp[0], os.X_OK):
            return "its interpreter %s is missing" % interp[0]
    m = re.search(r"from\s+([\w.]+)\s+import\s+main", head)
    if m and not module_file(m.group(1)):
        return "its module %s is not installed" % m.group(1)
    return None


def module_file(name):
    rel = name.replace(".", "/")
    for base in sys.path:
        for cand in (rel + ".py", rel + "/__init__.py"):
            if os.path.isfile(os.path.join(base or ".", cand)):
                return True
    return False


def package_dir(rel):
    for base in sys.path:
        d = os.path.join(base or ".", rel)
        if os.path.isdir(d):
            return d
    return None


# Alembic revision files, read as text (importing them would import the service, and costs seconds): the heads are
# the revisions no other revision names as its down_revision or depends_on, as alembic's RevisionMap computes them
# (glance's contract revisions depend on the expand ones, so only the contract head is recorded).
REVISION = re.compile(r"^revision\s*(?::[^=\n]*)?=\s*['\"]([^'\"]+)['\"]", re.M)
DOWN_REVISION = re.compile(r"^down_revision\s*(?::[^=\n]*)?=\s*(\S.*)$", re.M)
DEPENDS_ON = re.compile(r"^depends_on\s*(?::[^=\n]*)?=\s*(\S.*)$", re.M)
QUOTED = re.compile(r"['\"]([^'\"]+)['\"]")


def repo_heads(d):
    cfg = os.path.join(d, "migrate.cfg")
    # An alembic script directory has env.py (glance's also keeps an old migrate.cfg); a sqlalchemy-migrate one has not.
    if os.path.isfile(cfg) and not os.path.isfile(os.path.join(d, "env.py")):
        p = configparser.RawConfigParser()
        p.read(cfg)
        repo = p.get("db_settings", "repository_id")
        table = p.get("db_settings", "version_table", fallback="migrate_version")
        nums = [int(f.split("_")[0]) for f in os.listdir(os.path.join(d, "versions")) if re.match(r"^\d+_.*\.py$", f)]
        return {"kind": "migrate", "table": table, "repository": repo, "heads": [str(max(nums))] if nums else []}
    revisions, parents = set(), set()
    for root, _, files in os.walk(os.path.join(d, "versions")):
        for name in files:
            if not name.endswith(".py") or name == "__init__.py":
                continue
            with open(os.path.join(root, name), encoding="utf-8", errors="replace") as f:
                text = f.read()
            rev = REVISION.search(text)
            if rev:
                revisions.add(rev.group(1))
            for pattern in (DOWN_REVISION, DEPENDS_ON):
                found = pattern.search(text)
                if found:
                    value = text[found.start(1):]
                    end = value.find(")" if value[:1] == "(" else "]") if value[:1] in "([" else value.find("\n")
                    parents.update(QUOTED.findall(value[:end + 1] if end >= 0 else value))
    return {"kind": "alembic", "table": "alembic_version", "heads": sorted(revisions - parents)}


def shipped(layouts):
    for layout in layouts:
        dirs = [package_dir(rel) for rel in layout]
        if all(dirs):
            return layout, [repo_heads(d) for d in dirs]
    return None, None


def config_url(parser, where):
    section, option = where.split(".", 1)
    if parser.has_option(section, option):
        return parser.get(section, option)
    return None


def recorded(conn, repos):
    import sqlalchemy
    tables = set(sqlalchemy.inspect(conn).get_table_names())
    out = []
    for r in repos:
        if r["table"] not in tables:
            out.append(None)
        elif r["kind"] == "migrate":
            row = conn.execute(sqlalchemy.text("SELECT version FROM %s WHERE repository_id = :r" % r["table"]), {"r": r["repository"]}).fetchone()
            out.append([str(row[0])] if row else None)
        else:
            out.append(sorted(str(x[0]) for x in conn.execute(sqlalchemy.text("SELECT version_num FROM %s" % r["table"]))))
    return out


def fill_template(url, default):
    from urllib.parse import urlsplit
    d = urlsplit(default)
    parts = {"scheme": d.scheme, "username": d.username or "", "password": d.password or "", "hostname": d.hostname or "",
             "port": d.port or "", "path": d.path.lstrip("/"), "query": d.query, "fragment": d.fragment}
    return url.format(**parts)


def db_name(url):
    from urllib.parse import urlsplit
    return urlsplit(url).path.lstrip("/") or "?"


def db_key(url):
    from urllib.parse import urlsplit
    u = urlsplit(url)
    return (u.hostname, u.port, u.path, u.query)


def judge(name, url, layout, repos, cell=None):
    entry = {"name": name, "database": db_name(url), "cell": cell, "layout": " ".join(layout) if layout else None,
             "revision": None, "heads": None, "tables": None, "error": None}
    if repos is None:
        entry["error"] = "the toolbox ships none of the migration layouts the catalog lists"
        return entry, None
    entry["heads"] = [h for r in repos for h in r["heads"]]
    entry["tables"] = sorted({r["table"] for r in repos})
    try:
        import sqlalchemy
        engine = sqlalchemy.create_engine(url)
        with engine.connect() as conn:
            found = recorded(conn, repos)
            entry["revision"] = None if all(f is None for f in found) else [v for f in found for v in (f or [])]
        return entry, engine
    except Exception as e:  # the verdict reports it; the hop decides
        entry["error"] = "%s: %s" % (type(e).__name__, clean(e))
        return entry, None


def config_problem(path):
    """Why the tools cannot read their config file here (inside the toolbox, where they read it), or None."""
    if not os.path.lexists(path):
        return "does not exist"
    if os.path.isdir(path):
        return "is a directory, not a file"
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            f.read(1)
    except OSError as e:
        return "cannot be read (%s)" % (e.strerror or type(e).__name__)
    return None


def cells_of(api_url, url):
    """(name, url) of every cell the API database maps, templates filled from url; none while its schema is not made yet."""
    import sqlalchemy
    with sqlalchemy.create_engine(api_url).connect() as conn:
        # An API database whose schema is not made yet maps no cell (its own sync will make the table).
        if not conn.dialect.has_table(conn, "cell_mappings"):
            return []
        rows = conn.execute(sqlalchemy.text("SELECT name, database_connection FROM cell_mappings ORDER BY id")).fetchall()
    out = []
    for name, cell_url in rows:
        cell_url = fill_template(cell_url, url) if "{" in (cell_url or "") else cell_url
        if cell_url:
            remember(cell_url)
            out.append((name, cell_url))
    return out


def check(c, parser):
    """One blocker check: a finding per database whose query returned rows (or for the config holding the text), or why not checked."""
    base = {"id": c["id"], "cell": None, "rows": [], "error": None}
    if c["kind"] == "config":
        value = config_url(parser, c["option"])
        return [dict(base, rows=[["%s holds %r" % (c["option"], c["contains"])]])] if value and c["contains"] in value else []
    url = config_url(parser, c["url"])
    if not url:
        return [dict(base, error="no %s in %s" % (c["url"], req["config"]))]
    remember(url)
    query = c["query"]
    try:
        if c.get("threshold"):
            query = query.replace("{threshold}", str(ask_number(c["threshold"])))
        targets = [{"cell": None, "url": url}]
        if c.get("cells_url") and config_url(parser, c["cells_url"]):
            for name, cell_url in cells_of(config_url(parser, c["cells_url"]), url):
                if db_key(cell_url) == db_key(url):
                    targets[0]["cell"] = targets[0]["cell"] or name
                elif db_key(cell_url) not in [db_key(t["url"]) for t in targets]:
                    targets.append({"cell": name, "url": cell_url})
    except Exception as e:
        return [dict(base, error="%s: %s" % (type(e).__name__, clean(e)))]
    out = []
    for t in targets:
        try:
            if c["kind"] == "free_space":
                columns, rows = ["free_space"], free_space(t["url"], c["factor"])
            else:
                columns, rows = read_only(t["url"], query)
        except Exception as e:
            out.append(dict(base, cell=t["cell"], error="%s: %s" % (type(e).__name__, clean(e))))
            continue
        if rows:
            shown = [[clean("%s=%s" % (k, v)) for k, v in zip(columns, r)] for r in rows[:20]]
            if len(rows) > 20:
                shown.append(["and %d more rows" % (len(rows) - 20)])
            out.append(dict(base, cell=t["cell"], rows=shown))
    return out


def free_space(url, factor):
    """[[why]] when the database's largest table times factor does not fit in the free space of the server's data
    directory (a table rebuild, ALTER TABLE with the copy algorithm, writes a whole copy beside it); [] when it fits.
    Raises when that cannot be told here: the server keeps its data on another host, or the toolbox cannot see it."""
    from urllib.parse import urlsplit
    _, rows = read_only(url, "SELECT @@datadir, table_name, COALESCE(data_length, 0) + COALESCE(index_length, 0) AS size "
                             "FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY size DESC LIMIT 1")
    if not rows:
        return []
    datadir, table, size = rows[0][0], rows[0][1], int(rows[0][2] or 0)
    largest = "the largest table, %s.%s, holds %.1f MiB" % (db_name(url), table, size / 1048576.0)
    u = urlsplit(url)
    if not (u.hostname in (None, "", "localhost", "::1") or u.hostname.startswith("127.") or "unix_socket" in u.query):
        raise RuntimeError("the database server (%s) keeps its data on another host, whose free space cannot be read "
                           "from here; %s" % (u.hostname, largest))
    try:
        st = os.statvfs(datadir)
    except OSError as e:
        raise RuntimeError("the server's data directory %s cannot be read from the toolbox (%s); %s"
                           % (datadir, e.strerror, largest))
    free = st.f_bavail * st.f_frsize
    if free >= size * factor:
        return []
    return [["%s; %.1f MiB free in %s; needed: %s x that" % (largest, free / 1048576.0, datadir, factor)]]


def ask_number(code):
    """The one integer the release's own code prints (e.g. the oldest compute service version it accepts)."""
    import subprocess
    r = subprocess.run([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300,
                       universal_newlines=True)
    if r.returncode != 0:
        raise RuntimeError("the release's code exited %d: %s" % (r.returncode, (r.stderr.strip().splitlines() or [""])[-1]))
    return int(r.stdout.strip().splitlines()[-1])


def read_only(url, query):
    # The server enforces it: the session's transactions are read-only, so a write fails (error 1792) instead of running.
    import sqlalchemy
    engine = sqlalchemy.create_engine(url)
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        cur.execute("SET SESSION TRANSACTION READ ONLY")
        raw.rollback()
        cur.execute(query)
        return [d[0] for d in cur.description or []], cur.fetchall()
    finally:
        try:
            raw.rollback()
        finally:
            raw.close()
            engine.dispose()


# The version the toolbox's tools report, read where they read it: the tools print their distribution's version
# (pbr's VersionInfo(<project>).version_string(), from the installed package metadata), so the metadata of the
# distribution that ships the tool's module, read by the same interpreter the tool runs with, is that version without
# starting the tool. None (and why) when that cannot be told for sure: the hop then runs the tool's own --version.
def tool_version(path):
    found = path if os.path.isabs(path) else shutil.which(path)
    if not found or not os.path.isfile(found):
        return None, "tool not found"
    with open(found, "rb") as f:
        head = f.read(4096).decode("utf-8", "replace")
    interp = head[2:].splitlines()[0].split() if head.startswith("#!") else []
    if not interp or os.path.dirname(interp[0]) != os.path.dirname(sys.executable) \
            or os.path.realpath(interp[0]) != os.path.realpath(sys.executable):
        return None, "the tool runs with another interpreter"
    m = re.search(r"from\s+([\w.]+)\s+import\s+main", head)
    if not m:
        return None, "the tool's module is not named in it"
    top = m.group(1).split(".")[0]
    try:
        from importlib import metadata
    except ImportError:
        return None, "no importlib.metadata"
    versions = set()
    for dist in metadata.distributions():
        name = (dist.metadata["Name"] or "").lower().replace("_", "-")
        tops = (dist.read_text("top_level.txt") or "").split()
        if top in tops or (not tops and name == top.lower()):
            versions.add(dist.version)
    if len(versions) != 1:
        return None, "%d distributions ship %s" % (len(versions), top)
    return versions.pop(), None


# The service registry (the services table) after the jump: every row, read-only, and the target release's own
# answer about which versions it accepts; or, asked to, the soft-delete of dead rows (catalog statements, one
# transaction per row, which re-check the row is still dead). Request key "registry".
def registry_databases(r, parser):
    url = config_url(parser, r["url"])
    if not url:
        raise RuntimeError("no %s in %s" % (r["url"], req["config"]))
    remember(url)
    found = [{"cell": None, "url": url}]
    if r.get("cells_url") and config_url(parser, r["cells_url"]):
        for name, cell_url in cells_of(config_url(parser, r["cells_url"]), url):
            if db_key(cell_url) == db_key(url):
                found[0]["cell"] = found[0]["cell"] or name
            elif db_key(cell_url) not in [db_key(t["url"]) for t in found]:
                found.append({"cell": name, "url": cell_url})
    return found


def plain(value):
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def registry_read(r, parser):
    out = {"service": r["service"], "rows": [], "databases": [], "answer": None, "answer_error": None, "error": None}
    try:
        databases = registry_databases(r, parser)
    except Exception as e:
        out["error"] = "%s: %s" % (type(e).__name__, clean(e))
        return out
    query = ("SELECT *, TIMESTAMPDIFF(SECOND, COALESCE(updated_at, created_at), UTC_TIMESTAMP()) AS leapfrog_age_s "
             "FROM %s ORDER BY id" % r["table"])
    for d in databases:
        entry = {"cell": d["cell"], "database": db_name(d["url"]), "rows": 0, "error": None}
        out["databases"].append(entry)
        try:
            columns, rows = read_only(d["url"], query)
        except Exception as e:
            entry["error"] = "%s: %s" % (type(e).__name__, clean(e))
            continue
        entry["rows"] = len(rows)
        for row in rows:
            values = {k: plain(v) for k, v in zip(columns, row)}
            values["leapfrog_cell"] = d["cell"]
            out["rows"].append(values)
    if r.get("accept"):
        import subprocess
        try:
            p = subprocess.run([sys.executable, "-c", r["accept"], req["config"]], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, timeout=300, universal_newlines=True)
            if p.returncode != 0:
                raise RuntimeError("the release's code exited %d: %s" % (p.returncode, (p.stderr.strip().splitlines() or [""])[-1]))
            out["answer"] = json.loads([l for l in p.stdout.splitlines() if l.startswith("{")][-1])
        except Exception as e:
            out["answer_error"] = "%s: %s" % (type(e).__name__, clean(e))
    return out


def registry_remove(r, parser):
    """Soft-deletes the rows asked for, each in its own transaction, only while the first statement still matches."""
    import sqlalchemy
    out = {"service": r["service"], "removed": [], "skipped": [], "error": None}
    try:
        databases = {d["cell"]: d["url"] for d in registry_databases(r, parser)}
    except Exception as e:
        out["error"] = "%s: %s" % (type(e).__name__, clean(e))
        return out
    for row in r["remove"]:
        url = databases.get(row["cell"])
        if url is None:
            out["skipped"].append({"cell": row["cell"], "id": row["id"], "why": "its database is no longer mapped"})
            continue
        binds = {"id": row["id"], "host": row["host"], "binary": row["binary"], "age": r["dead_after_s"]}
        engine = sqlalchemy.create_engine(url)
        try:
            with engine.begin() as conn:
                first = conn.execute(sqlalchemy.text(r["statements"][0]), binds)
                if first.rowcount != 1:
                    out["skipped"].append({"cell": row["cell"], "id": row["id"], "why": "no longer dead or already deleted"})
                    continue
                for statement in r["statements"][1:]:
                    conn.execute(sqlalchemy.text(statement), binds)
            out["removed"].append({"cell": row["cell"], "id": row["id"]})
        except Exception as e:
            out["error"] = "%s: %s" % (type(e).__name__, clean(e))
            break
        finally:
            engine.dispose()
    return out


# The cells as nova-manage cell_v2 list_cells --verbose lists them, without starting nova-manage (request key "cells":
# "url", the option holding the API database's URL; "default", the one templates are filled from): every row of the
# API database's cell_mappings (cell0 and disabled cells included) in id order (CellMappingList.get_all), sorted by
# name as list_cells sorts them (stable: 'name or ""'), each database_connection filled as CellMapping.format_db_url
# fills it (nova/objects/cell_mapping.py _format_url, _parse_netloc). Raises when that cannot be told as nova would
# tell it (a '$' in an option: oslo.config substitutes it, this reader does not); the hop then runs list_cells itself.
def nova_netloc(netloc):
    these = {"username": None, "password": None, "hostname": None, "port": None}
    userpass, hostport = netloc.split("@", 1) if "@" in netloc else ("", netloc)
    if hostport.startswith("["):
        end = hostport.find("]")
        if end < 0:
            raise ValueError("Invalid IPv6 URL")
        these["hostname"], these["port"] = hostport[1:end], hostport[end + 1:]
    elif ":" in hostport:
        these["hostname"], these["port"] = hostport.split(":", 1)
    else:
        these["hostname"] = hostport
    if ":" in userpass:
        these["username"], these["password"] = userpass.split(":", 1)
    else:
        these["username"] = userpass
    return these


def nova_format_url(url, default):
    from urllib.parse import urlparse
    d = urlparse(default)
    subs = {"username": d.username, "password": d.password, "hostname": d.hostname, "port": d.port,
            "scheme": d.scheme, "query": d.query, "fragment": d.fragment, "path": d.path.lstrip("/")}
    if "," in d.netloc:
        for index, netloc in enumerate(d.netloc.split(","), 1):
            for key, value in nova_netloc(netloc).items():
                subs["%s%i" % (key, index)] = value
    return url.format(**subs)


def cell_list(c, parser):
    import sqlalchemy
    api = config_url(parser, c["url"])
    default = config_url(parser, c["default"])
    if not api:
        raise RuntimeError("no %s in %s" % (c["url"], req["config"]))
    if "$" in api or "$" in (default or ""):
        raise RuntimeError("a '$' in %s or %s (oslo.config substitutes it)" % (c["url"], c["default"]))
    remember(api)
    engine = sqlalchemy.create_engine(api)
    try:
        with engine.connect() as conn:
            rows = conn.execute(sqlalchemy.text("SELECT name, uuid, database_connection FROM cell_mappings ORDER BY id")).fetchall()
    finally:
        engine.dispose()
    out = []
    for name, uuid, url in sorted(rows, key=lambda r: r[0] or ""):
        if default is not None and url is not None:
            try:
                url = nova_format_url(url, default)
            except Exception:
                pass  # nova logs it and keeps the mapping's URL as it is
        out.append({"name": name or "", "uuid": uuid, "database": str(url)})
    return out


def main():
    parser = configparser.RawConfigParser(strict=False)
    problem = config_problem(req["config"])
    if problem is None:
        parser.read(req["config"])
    out = {"inspect": 1, "config": {"path": req["config"], "problem": problem}, "tools": [], "databases": []}
    for t in req.get("tools", []):
        out["tools"].append({"tool": t["tool"], "path": t["path"], "problem": tool_problem(t["path"])})
    urls = {}
    for db in req.get("databases", []):
        url = config_url(parser, db["url"])
        if url:
            remember(url)
            urls[db["name"]] = url
    for db in req.get("databases", []):
        layout, repos = shipped(db.get("layouts", []))
        url = urls.get(db["name"])
        if url is None:
            out["databases"].append({"name": db["name"], "database": None, "cell": None, "layout": None, "revision": None,
                                     "heads": None, "tables": None, "error": "no %s in %s" % (db["url"], req["config"])})
            continue
        entry, _ = judge(db["name"], url, layout, repos)
        out["databases"].append(entry)
        source = db.get("cells_from")
        if source and urls.get(source):
            seen = {db_key(url)}
            try:
                cells = cells_of(urls[source], url)
            except Exception as e:
                out["databases"].append({"name": db["name"], "database": None, "cell": "*", "layout": None, "revision": None,
                                         "heads": None, "tables": None, "error": "cell_mappings: %s: %s" % (type(e).__name__, clean(e))})
                cells = []
            for cell_name, cell_url in cells:
                if db_key(cell_url) in seen:
                    entry["cell"] = entry["cell"] or cell_name
                    continue
                seen.add(db_key(cell_url))
                cell_entry, _ = judge(db["name"], cell_url, layout, repos, cell_name)
                out["databases"].append(cell_entry)
    if req.get("version"):
        version, why = tool_version(req["version"]["tool"])
        out["version"] = {"version": version, "why": why}
    if "checks" in req:
        out["findings"] = [f for c in req["checks"] for f in check(c, parser)]
    if "cells" in req:
        try:
            out["cells"] = cell_list(req["cells"], parser)
        except Exception as e:
            out["cells_error"] = "%s: %s" % (type(e).__name__, clean(e))
    if "registry" in req:
        out["registry"] = [registry_remove(r, parser) if r.get("remove") else registry_read(r, parser) for r in req["registry"]]
    print(json.dumps(out))


main()
