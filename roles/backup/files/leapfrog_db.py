# Run with python3 (the role sets executable: python3); no shebang, as ansible-test sanity requires.
"""Backs up, restores and probes one OpenStack service's databases on the controller.

Run by the leapfrog.openstack.backup role (ansible.builtin.script). Prints one JSON object.

Credentials: the `connection` URL of each database section of the service's config file
([database], and [api_database] when present), e.g. mysql+pymysql://nova:PASS@db.example:3306/nova.
LEAPFROG_DB_HOST, LEAPFROG_DB_PORT, LEAPFROG_DB_USER and LEAPFROG_DB_PASSWORD (environment) override
the URL's parts for every section. Passwords reach the client through MYSQL_PWD, never argv, and are
never printed.

  backup  --config F --out-dir D [--state-file S] [--extra-db NAME]...
      One gzip'd mariadb-dump --single-transaction per database (--databases --add-drop-database, so a
      restore replaces the database whole) with a .sha256 beside it, a copy of the leapfrog state file,
      then MANIFEST.json (written last: a backup is complete when it exists). An existing complete
      backup is kept as it is (changed false): it holds the database as it was before the hop.
  restore --config F --in-dir D [--state-file S] [--lock-dir L]
      Checks every checksum, loads every dump, puts the state file back as it was (or removes it).
  probe   --config F [--extra-db NAME]...
      Connects and reports which databases exist and their size in bytes.
"""
import argparse
import configparser
import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse

SECTIONS = ("database", "api_database")


class Problem(Exception):
    """A failure with a message fit for the user."""


def client(*names):
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    raise Problem(f"none of {', '.join(names)} is installed on this host")


def connections(config_path, extra):
    """[(section, db, credentials)] from the config file, plus extra databases with [database]'s credentials."""
    if not os.path.isfile(config_path):
        raise Problem(f"config file {config_path} does not exist")
    parser = configparser.RawConfigParser(strict=False, interpolation=None)
    try:
        parser.read(config_path)
    except configparser.Error as e:
        raise Problem(f"cannot read {config_path}: {type(e).__name__}") from None
    out = []
    for section in SECTIONS:
        if not parser.has_option(section, "connection"):
            continue
        url = urllib.parse.urlsplit(parser.get(section, "connection").strip())
        if not url.scheme.startswith("mysql"):
            raise Problem(f"[{section}] connection in {config_path} is not a MySQL/MariaDB URL")
        query = urllib.parse.parse_qs(url.query)
        creds = {
            "host": os.environ.get("LEAPFROG_DB_HOST") or url.hostname or "localhost",
            "port": os.environ.get("LEAPFROG_DB_PORT") or str(url.port or 3306),
            "user": os.environ.get("LEAPFROG_DB_USER") or urllib.parse.unquote(url.username or ""),
            "password": os.environ.get("LEAPFROG_DB_PASSWORD") or urllib.parse.unquote(url.password or ""),
            "socket": (query.get("unix_socket") or [None])[0],
        }
        db = url.path.lstrip("/")
        if not db:
            raise Problem(f"[{section}] connection in {config_path} names no database")
        out.append((section, db, creds))
    if not out:
        raise Problem(f"{config_path} has no [database] connection")
    for name in extra:
        if name not in [db for _, db, _ in out]:
            out.append(("extra", name, out[0][2]))
    return out


def conn_args(creds, dump=False):
    args = ["--no-defaults", f"--user={creds['user']}"] + ([] if dump else ["--connect-timeout=10"])
    if creds["socket"]:
        args.append(f"--socket={creds['socket']}")
    else:
        args += ["--protocol=TCP", f"--host={creds['host']}", f"--port={creds['port']}"]
    return args


def env_for(creds):
    env = dict(os.environ)
    env["MYSQL_PWD"] = creds["password"]
    return env


def clean(text, creds_list):
    for creds in creds_list:
        if creds["password"]:
            text = text.replace(creds["password"], "********")
    return " ".join(text.split())[-400:]


def query(creds, sql):
    mariadb = client("mariadb", "mysql")
    p = subprocess.run([mariadb, *conn_args(creds), "--batch", "--skip-column-names", "-e", sql],
                       env=env_for(creds), capture_output=True, text=True, timeout=120, check=False)
    if p.returncode != 0:
        raise Problem(f"cannot query {creds['user']}@{creds['host']}:{creds['port']}: {clean(p.stderr, [creds])}")
    return [line.split("\t") for line in p.stdout.splitlines() if line]


def existing(creds, db):
    rows = query(creds, f"SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '{db}'")
    return len(rows) > 0


def size_of(creds, db):
    rows = query(creds, "SELECT COALESCE(SUM(data_length + index_length), 0) FROM information_schema.TABLES "
                        f"WHERE table_schema = '{db}'")
    return int(rows[0][0]) if rows else 0


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def safe_name(db):
    if not db or not all(c.isalnum() or c in "_-$" for c in db):
        raise Problem(f"database name '{db[:40]}' is not plain")
    return db


def backup(a):
    os.makedirs(a.out_dir, mode=0o700, exist_ok=True)
    manifest_path = os.path.join(a.out_dir, "MANIFEST.json")
    if os.path.isfile(manifest_path):
        with open(manifest_path, encoding="utf-8") as f:
            manifest = json.load(f)
        for item in manifest["dumps"]:
            if sha256(os.path.join(a.out_dir, item["file"])) != item["sha256"]:
                raise Problem(f"the backup in {a.out_dir} is damaged: {item['file']} does not match its checksum")
        return {"changed": False, "msg": f"kept the complete backup taken {manifest['created']}", **manifest}

    conns = connections(a.config, a.extra_db)
    dump = client("mariadb-dump", "mysqldump")
    dumps, skipped = [], []
    for section, db, creds in conns:
        safe_name(db)
        if not existing(creds, db):
            skipped.append(db)
            continue
        final = os.path.join(a.out_dir, f"{db}.sql.gz")
        fd, tmp = tempfile.mkstemp(dir=a.out_dir, prefix=f".{db}.", suffix=".tmp")
        started = time.time()
        with os.fdopen(fd, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=6) as gz:
            p = subprocess.Popen([dump, *conn_args(creds, dump=True), "--single-transaction", "--quick",
                                  "--triggers", "--hex-blob", "--add-drop-database", "--databases", db],
                                 env=env_for(creds), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for chunk in iter(lambda: p.stdout.read(1 << 20), b""):
                gz.write(chunk)
            err = p.stderr.read().decode("utf-8", "replace")
            rc = p.wait()
        if rc != 0:
            os.unlink(tmp)
            raise Problem(f"{os.path.basename(dump)} of {db} failed (rc {rc}): {clean(err, [c for _, _, c in conns])}")
        os.chmod(tmp, 0o600)
        os.replace(tmp, final)
        digest = sha256(final)
        with open(final + ".sha256", "w", encoding="utf-8") as f:
            f.write(f"{digest}  {os.path.basename(final)}\n")
        dumps.append({"database": db, "section": section, "file": os.path.basename(final), "sha256": digest,
                      "bytes": os.path.getsize(final), "seconds": round(time.time() - started, 3)})

    state = None
    if a.state_file and os.path.isfile(a.state_file):
        shutil.copyfile(a.state_file, os.path.join(a.out_dir, "state.json"))
        state = "state.json"
    manifest = {"created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "dumps": dumps,
                "skipped": skipped, "state_file": a.state_file, "state_copy": state}
    tmp = manifest_path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2)
    os.replace(tmp, manifest_path)
    return {"changed": True, "msg": f"dumped {', '.join(d['database'] for d in dumps) or 'nothing'}"
            + (f" (not found: {', '.join(skipped)})" if skipped else ""), **manifest}


def restore(a):
    manifest_path = os.path.join(a.in_dir, "MANIFEST.json")
    if not os.path.isfile(manifest_path):
        raise Problem(f"{a.in_dir} holds no complete backup (no MANIFEST.json)")
    if a.lock_dir and os.path.exists(a.lock_dir):
        raise Problem(f"{a.lock_dir} exists: a leapfrog run holds this service's lock; wait for it or remove a stale lock")
    with open(manifest_path, encoding="utf-8") as f:
        manifest = json.load(f)
    for item in manifest["dumps"]:
        if sha256(os.path.join(a.in_dir, item["file"])) != item["sha256"]:
            raise Problem(f"{item['file']} in {a.in_dir} does not match its checksum: not restoring anything")
    conns = {db: creds for _, db, creds in connections(a.config, [d["database"] for d in manifest["dumps"]])}
    mariadb = client("mariadb", "mysql")
    restored = []
    for item in manifest["dumps"]:
        creds = conns[item["database"]]
        with gzip.open(os.path.join(a.in_dir, item["file"]), "rb") as gz:
            p = subprocess.Popen([mariadb, *conn_args(creds), "--batch"], env=env_for(creds),
                                 stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            try:
                for chunk in iter(lambda: gz.read(1 << 20), b""):
                    p.stdin.write(chunk)
                p.stdin.close()
            except BrokenPipeError:
                pass
            err = p.stderr.read().decode("utf-8", "replace")
            rc = p.wait()
        if rc != 0:
            raise Problem(f"loading {item['file']} failed (rc {rc}): {clean(err, [creds])}")
        restored.append(item["database"])
    if a.state_file:
        copy = manifest.get("state_copy")
        if copy:
            tmp = a.state_file + ".restore.tmp"
            shutil.copyfile(os.path.join(a.in_dir, copy), tmp)
            os.replace(tmp, a.state_file)
        elif os.path.exists(a.state_file):
            os.unlink(a.state_file)
    return {"changed": True, "msg": f"restored {', '.join(restored)} from the backup taken {manifest['created']}",
            "restored": restored, "created": manifest["created"]}


def probe(a):
    conns = connections(a.config, a.extra_db)
    out = []
    for section, db, creds in conns:
        present = existing(creds, safe_name(db))
        out.append({"database": db, "section": section, "present": present, "bytes": size_of(creds, db) if present else 0})
    return {"changed": False, "databases": out, "bytes": sum(d["bytes"] for d in out),
            "dump_tool": os.path.basename(client("mariadb-dump", "mysqldump"))}


def main():
    parser = argparse.ArgumentParser(prog="leapfrog_db.py")
    sub = parser.add_subparsers(dest="action", required=True)
    b = sub.add_parser("backup")
    b.add_argument("--config", required=True)
    b.add_argument("--out-dir", required=True)
    b.add_argument("--state-file")
    b.add_argument("--extra-db", action="append", default=[])
    r = sub.add_parser("restore")
    r.add_argument("--config", required=True)
    r.add_argument("--in-dir", required=True)
    r.add_argument("--state-file")
    r.add_argument("--lock-dir")
    p = sub.add_parser("probe")
    p.add_argument("--config", required=True)
    p.add_argument("--extra-db", action="append", default=[])
    a = parser.parse_args()
    try:
        result = {"backup": backup, "restore": restore, "probe": probe}[a.action](a)
        print(json.dumps(result))
        return 0
    except (Problem, OSError, subprocess.SubprocessError, ValueError, KeyError) as e:
        message = str(e) if isinstance(e, Problem) else f"{type(e).__name__}: {e}"
        print(json.dumps({"failed": True, "changed": False, "msg": message}))
        return 1


if __name__ == "__main__":
    sys.exit(main())
