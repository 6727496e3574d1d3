# Run with python3 (the role sets executable: python3); no shebang, as ansible-test sanity requires.
"""Preflight checks on the controller for leapfrog.openstack.preflight. Prints one JSON object
{"problems": [...], "notes": [...]} and exits 0; the role fails once with every problem listed.

The toolboxes of the path are checked by the hop module itself (check mode: the tools where they run, the
config file where they read it, the version as the hop checks it); this script does what no hop does.

usage: leapfrog_preflight.py REQUEST-JSON   (one argument, built by the role), with:
  toolboxes  [{release, service, toolbox, argv}]: the source release's toolboxes as the hop module resolved them
             (its `toolbox` result: {type, path?, image?, engine?, prefix?}) and the catalog's upgrade check
             command there (the plan module's status_argv, config file filled in); each runs in its toolbox
  unresolved_sources  [{release, service, msg}]: source releases whose upgrade check does not run (no toolbox
             given for that release, or no status tool in the catalog): skipped with a note
  locks      [lock directory, ...]
  disk       {path, need_bytes}
"""
import json
import os
import shutil
import subprocess
import sys

def locate(box, service, release_id, tool):
    """(argv prefix to run the tool, problem or None) for the hop module's resolved toolbox."""
    kind = box.get("type")
    if kind in ("venv", "chroot"):
        path = box["path"]
        inners = ["bin"] if kind == "venv" else ["usr/local/sbin", "usr/local/bin", "usr/sbin", "usr/bin"]
        inner = next((i for i in inners if os.access(os.path.join(path, i, tool), os.X_OK)), None)
        if inner is None:
            return None, f"{release_id} {service}: no {tool} in {kind} {path}"
        return ([os.path.join(path, inner, tool)] if kind == "venv" else ["chroot", path, tool]), None
    if kind == "container":
        engine, image = box.get("engine", "podman"), box["image"]
        if shutil.which(engine) is None:
            return None, f"{release_id} {service}: container engine {engine} is not installed"
        return [engine, "run", "--rm", "--network", "host", image, tool], None
    if kind == "prefix":
        prefix = box.get("prefix") or []
        if not prefix or shutil.which(prefix[0]) is None:
            return None, f"{release_id} {service}: prefix command {prefix[:1]} not found"
        return prefix + [tool], None
    if shutil.which(tool) is None:
        return None, f"{release_id} {service}: {tool} is not on PATH"
    return [tool], None


def check_results(out):
    """[(check, result, details)] from oslo.upgradecheck's table (oslo_upgradecheck/upgradecheck.py,
    UpgradeCommands.check): per check a "Check: NAME", "Result: Success|Warning|Failure" and "Details: ..."
    row, details wrapped over the rows that follow, checks separated by +---+ lines."""
    results, current = [], None
    for raw in out.splitlines():
        line = raw.strip()
        if line.startswith("+"):
            current = None
            continue
        text = line.strip("|").strip()
        if text.startswith("Check: "):
            current = [text[7:].strip(), "", ""]
            results.append(current)
        elif current is not None and text.startswith("Result: "):
            current[1] = text[8:].strip()
        elif current is not None and text.startswith("Details: "):
            current[2] = text[9:].strip()
        elif current is not None and current[2] and text:
            current[2] += " " + text
    return [tuple(r) for r in results]


def upgrade_check(tool, release_id, rc, out, err):
    """(problem or None, note or None) for one source-release upgrade check.

    oslo.upgradecheck's exit codes (Code in oslo_upgradecheck/upgradecheck.py): 0 success, 1 warning,
    2 failure; anything else is the tool itself failing (glance-status of victoria raises TypeError when
    enabled_backends is unset): that says nothing about the cloud, so it is a note, not a problem."""
    what = f"{tool} upgrade check at {release_id}"
    listed = check_results(out)

    def named(result):
        return "; ".join(f"{c}: {d}" if d and d != "None" else c for c, r, d in listed if r == result)

    if rc == 0:
        return None, f"{what}: success"
    if rc == 1:
        return None, f"{what}: warnings ({named('Warning') or (err or out)[-200:]})"
    if rc == 2:
        return f"{what} failed: {named('Failure') or (err or out)[-200:]}", None
    last = (err or out).strip().splitlines()[-1:] or [""]
    return None, f"{what} could not run (rc {rc}, not an upgrade-check result): {last[0][-200:]}"


def run(argv, timeout=300):
    try:
        p = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, check=False)
        return p.returncode, p.stdout.strip(), p.stderr.strip()
    except (OSError, subprocess.TimeoutExpired) as e:
        return None, "", type(e).__name__


def main():
    req = json.loads(sys.argv[1])
    problems, notes = [], []

    for item in req.get("toolboxes", []):
        release_id, service = item["release"], item["service"]
        tool, args = item["argv"][0], item["argv"][1:]
        argv, problem = locate(item["toolbox"], service, release_id, tool)
        if problem:
            notes.append(f"upgrade check of {service} at {release_id} skipped: {problem}")
            continue
        rc, out, err = run(argv + args)
        problem, note = upgrade_check(tool, release_id, rc, out, err)
        problems.extend([problem] if problem else [])
        notes.extend([note] if note else [])

    for item in req.get("unresolved_sources", []):
        notes.append(f"upgrade check of {item['service']} at {item['release']} skipped: {item['msg']}")

    for lock in req.get("locks", []):
        if os.path.exists(lock):
            owner = ""
            for name in ("owner", "owner.json"):
                try:
                    with open(os.path.join(lock, name), encoding="utf-8") as f:
                        owner = " " + " ".join(f.read().split())[:300]
                    break
                except OSError:
                    pass
            problems.append(f"lock {lock} is held{owner}: another leapfrog run is migrating; wait for it or remove a stale lock")

    disk = req.get("disk")
    if disk:
        path = disk["path"]
        while not os.path.exists(path) and path not in ("", "/"):
            path = os.path.dirname(path)
        free = shutil.disk_usage(path or "/").free
        if free < disk["need_bytes"]:
            problems.append(f"{disk['path']}: {free // 1048576} MB free, backups need about {disk['need_bytes'] // 1048576} MB")
        else:
            notes.append(f"{disk['path']}: {free // 1048576} MB free (need about {disk['need_bytes'] // 1048576} MB)")

    print(json.dumps({"changed": False, "problems": problems, "notes": notes}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
