# leapfrog-inspect 1: read-only questions of one hop, answered inside the release's toolbox in one process.
# argv[1]: JSON {"config", "tools": [{"tool", "path"}], "databases": [{"name", "url", "layouts", "cells_from"}]}.
# Prints one JSON object: per tool whether it exists and can start; per database the revision it records and the
# heads the toolbox's own migration scripts define. Never prints a password; changes nothing.
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
                import sqlalchemy
                with sqlalchemy.create_engine(urls[source]).connect() as conn:
                    # An API database whose schema is not made yet maps no cell (its own sync will make the table).
                    if conn.dialect.has_table(conn, "cell_mappings"):
                        cells = conn.execute(sqlalchemy.text("SELECT name, database_connection FROM cell_mappings ORDER BY id")).fetchall()
                    else:
                        cells = []
            except Exception as e:
                out["databases"].append({"name": db["name"], "database": None, "cell": "*", "layout": None, "revision": None,
                                         "heads": None, "tables": None, "error": "cell_mappings: %s: %s" % (type(e).__name__, clean(e))})
                cells = []
            for cell_name, cell_url in cells:
                cell_url = fill_template(cell_url, url) if "{" in (cell_url or "") else cell_url
                if not cell_url:
                    continue
                remember(cell_url)
                if db_key(cell_url) in seen:
                    entry["cell"] = entry["cell"] or cell_name
                    continue
                seen.add(db_key(cell_url))
                cell_entry, _ = judge(db["name"], cell_url, layout, repos, cell_name)
                out["databases"].append(cell_entry)
    print(json.dumps(out))


main()
