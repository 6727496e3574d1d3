# Run with python3 (the role sets executable: python3); no shebang, as ansible-test sanity requires.
"""Preflight checks on the controller for leapfrog.openstack.preflight. Prints one JSON object
{"problems": [...], "notes": [...]} and exits 0; the role fails once with every problem listed.

usage: leapfrog_preflight.py REQUEST-JSON   (one argument, built by the role), with:
  specs      leapfrog_toolboxes: {release key (any spelling): spec or {service: spec, default: spec}}
  toolboxes  [{release, service, toolbox, purpose}]: toolbox = the hop module's description of the toolbox
             it resolved; purpose path (a hop runs it: tool present, version matches) or source (the start
             release: its upgrade check runs)
  unresolved_sources  [{release, service, msg}]: source releases whose toolbox the hop module could not
             resolve (none given for that release): their upgrade checks are skipped with a note
  configs    {service: config file}
  locks      [lock directory, ...]
  disk       {path, need_bytes}
"""
import json
import os
import re
import shutil
import subprocess
import sys

TOOLS = {"neutron": "neutron-db-manage"}


def manage_tool(service):
    return TOOLS.get(service, f"{service}-manage")


def matches(key, release_id):
    key = str(key).strip().lower()
    return key in {release_id, release_id.split("-")[0], release_id.split("-")[-1]}


def spec_for(toolboxes, release_id, service):
    for key, value in toolboxes.items():
        if not matches(key, release_id):
            continue
        if not isinstance(value, dict):
            return None, f"toolboxes.{key}: expected a dictionary"
        if "type" in value:
            return value, None
        chosen = value.get(service, value.get("default"))
        if not isinstance(chosen, dict):
            return None, f"toolboxes.{key}: no toolbox for {service} (and no 'default')"
        return chosen, None
    return None, f"leapfrog_toolboxes has no entry for {release_id} (needed by {service})"


def fill(text, service, release_id):
    return text.replace("{service}", service).replace("{release}", release_id.split("-")[-1])


def locate(described, spec, service, release_id, tool):
    """(argv prefix to run the tool, version its path claims or None, problem or None).

    described is the hop module's `toolbox` result (the spec with its placeholders filled in):
    'venv PATH', 'chroot PATH', 'ENGINE image IMAGE', 'prefix ARGV...' or 'system PATH'."""
    words = described.split()
    kind = words[0] if words else ""
    if kind in ("venv", "chroot"):
        path = described.split(" ", 1)[1]
        # A chroot runs the tool through its own PATH: Debian's packages put some manage entry points in
        # /usr/bin, and the toolbox role adds the others as wrappers in /usr/local/bin.
        inners = ["bin"] if kind == "venv" else ["usr/local/sbin", "usr/local/bin", "usr/sbin", "usr/bin"]
        inner = next((i for i in inners if os.access(os.path.join(path, i, tool), os.X_OK)), None)
        if inner is None:
            return None, None, f"{release_id} {service}: no {tool} in {kind} {path}"
        claimed = None
        pattern = fill((spec or {}).get("path", ""), service, release_id)
        if "{version}" in pattern:
            m = re.fullmatch(re.escape(pattern).replace(re.escape("{version}"), "(.+)"), path)
            claimed = m.group(1) if m else None
        argv = [os.path.join(path, inner, tool)] if kind == "venv" else ["chroot", path, tool]
        return argv, claimed, None
    if len(words) >= 3 and words[1] == "image":
        engine, image = words[0], words[2]
        if shutil.which(engine) is None:
            return None, None, f"{release_id} {service}: container engine {engine} is not installed"
        if subprocess.run([engine, "image", "inspect", image], capture_output=True, timeout=60, check=False).returncode != 0:
            return None, None, f"{release_id} {service}: image {image} is not present ({engine} image inspect failed)"
        return [engine, "run", "--rm", "--network", "host", image, tool], None, None
    if kind == "prefix":
        prefix = words[1:]
        if not prefix or shutil.which(prefix[0]) is None:
            return None, None, f"{release_id} {service}: prefix command {prefix[:1]} not found"
        return prefix + [tool], None, None
    if kind == "system":
        if shutil.which(tool) is None:
            return None, None, f"{release_id} {service}: {tool} is not on PATH"
        return [tool], None, None
    return None, None, f"{release_id} {service}: unknown toolbox '{described}'"


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


def upgrade_check(service, release_id, rc, out, err):
    """(problem or None, note or None) for one source-release upgrade check.

    oslo.upgradecheck's exit codes (Code in oslo_upgradecheck/upgradecheck.py): 0 success, 1 warning,
    2 failure; anything else is the tool itself failing (glance-status of victoria raises TypeError when
    enabled_backends is unset): that says nothing about the cloud, so it is a note, not a problem."""
    what = f"{service}-status upgrade check at {release_id}"
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
    toolboxes = req.get("specs") or {}

    for item in req.get("toolboxes", []):
        release_id, service, described = item["release"], item["service"], item["toolbox"]
        spec, _ = spec_for(toolboxes, release_id, service)
        if item["purpose"] == "source":
            argv, _, problem = locate(described, spec, service, release_id, f"{service}-status")
            if problem:
                notes.append(f"upgrade check of {service} at {release_id} skipped: {problem}")
                continue
            config = req.get("configs", {}).get(service)
            rc, out, err = run(argv + (["--config-file", config] if config else []) + ["upgrade", "check"])
            problem, note = upgrade_check(service, release_id, rc, out, err)
            problems.extend([problem] if problem else [])
            notes.extend([note] if note else [])
            continue
        tool = manage_tool(service)
        argv, claimed, problem = locate(described, spec, service, release_id, tool)
        if problem:
            problems.append(problem)
            continue
        rc, out, err = run(argv + ["--version"], timeout=120)
        version = (out or err).splitlines()[-1].strip() if (out or err) else ""
        if rc != 0:
            problems.append(f"{release_id} {service}: {tool} --version failed (rc {rc}): {err[-200:]}")
        elif claimed and version.split(".")[0] != claimed.split(".")[0]:
            problems.append(f"{release_id} {service}: {tool} says version {version}, but its toolbox claims {claimed}")
        else:
            notes.append(f"{release_id} {service}: {tool} {version}")

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
