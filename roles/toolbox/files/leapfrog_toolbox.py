# Run with python3 (the role sets executable: python3); no shebang, as ansible-test sanity requires.
"""Builds (or reuses) one release's toolbox on this host, checks its tools run, and records what it built.

Run by the leapfrog.openstack.toolbox role (ansible.builtin.script). Argument: a JSON request. Prints one
JSON object: changed, toolbox (the spec for leapfrog_toolboxes, per service), records, msg.

Request: release, type (debian | venv | container), services, tools, record_dir, and per type:
  tools      per service, the catalog's facts for the release (the plan module's query: catalog returns them):
             manage_tool (recorded) and version_argv (the command that prints the tools' version); this file holds
             no service fact
  debian     suite, root (chroot = root/suite), mirror ("" = this host's apt sources), packages (extra),
             aptopts, config_dirs (bound read-only into the chroot at the same path)
  venv       root (venv = root/<service>-<version>), requirements {service: "pkg==X.Y.Z"}, constraints
             (upper-constraints file or URL), index_url or wheel_dir, extra_packages
  container  engine (podman | docker), images {service: image} or image, archives {image: tar file}

A toolbox already built from the same request (its manifest matches) is not rebuilt. Each service's
version command must answer; its answer, the release and a checksum of the environment are
written to record_dir/<release>/<service>.json for preflight.
"""
import configparser
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time

# Debian's python3-<service> library packages ship the code; the *-common packages ship the commands
# (and create users and services). The chroot gets small wrappers for the commands instead: one for each
# console script the service's Python distribution declares in its entry_points.txt (its setup.cfg's).
PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
VERSION = re.compile(r"\b\d{1,3}\.\d+(\.\d+)?")


class Problem(Exception):
    pass


def run(argv, timeout=3600, env=None):
    try:
        p = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, check=False,
                           env=dict(os.environ, PATH=PATH, LC_ALL="C.UTF-8", **(env or {})))
    except (OSError, subprocess.TimeoutExpired) as e:
        raise Problem(f"{argv[0]}: {type(e).__name__}: {e}") from None
    return p.returncode, p.stdout, p.stderr


def must(argv, what, timeout=3600):
    rc, out, err = run(argv, timeout)
    if rc != 0:
        raise Problem(f"{what} failed (rc {rc}): {(err or out).strip()[-400:]}")
    return out


def sha256(text):
    return hashlib.sha256(text.encode()).hexdigest()


def manifest_matches(path, want):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f) == want
    except (OSError, ValueError):
        return False


def write_json(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=2, sort_keys=True)
        f.write("\n")
    os.replace(tmp, path)


def tool_version(argv, what):
    rc, out, err = run(argv, timeout=300)
    match = [m.group(0) for m in VERSION.finditer(out + "\n" + err)]
    if rc != 0 or not match:
        raise Problem(f"{what}: `{' '.join(argv)}` did not report a version (rc {rc}): {(err or out).strip()[-300:]}")
    return match[-1]


# ---------------------------------------------------------------- debian
def apt_mirror():
    """The first plain Debian archive URI named by this host's apt sources."""
    files = []
    for d, ext in (("/etc/apt/sources.list.d", ".sources"), ("/etc/apt", "sources.list"), ("/etc/apt/sources.list.d", ".list")):
        if os.path.isdir(d):
            files += sorted(os.path.join(d, n) for n in os.listdir(d) if n.endswith(ext))
    for name in files:
        with open(name, encoding="utf-8", errors="replace") as f:
            text = f.read()
        if name.endswith(".sources"):
            for stanza in re.split(r"\n\s*\n", text):
                fields = dict(re.findall(r"^(\w[\w-]*):\s*(.*)$", stanza, re.M))
                if "deb" in fields.get("Types", "").split() and "-security" not in fields.get("Suites", ""):
                    for uri in fields.get("URIs", "").split():
                        if re.search(r"/debian/?$", uri):
                            return uri.rstrip("/")
        else:
            for line in text.splitlines():
                words = [w for w in line.split() if not w.startswith("[")]
                if len(words) >= 3 and words[0] == "deb" and "-security" not in words[2] and re.search(r"/debian/?$", words[1]):
                    return words[1].rstrip("/")
    raise Problem("no Debian archive in this host's apt sources: set leapfrog_toolbox_debian_mirror")


def is_mount(path):
    """True when path is a mount point, bind mounts of the same filesystem included (os.path.ismount misses those)."""
    target = os.path.realpath(path)
    with open("/proc/self/mountinfo", encoding="utf-8") as f:
        for line in f:
            point = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), line.split()[4])
            if point == target:
                return True
    return False


def mount_bind(src, dst, readonly=False):
    os.makedirs(dst, exist_ok=True)
    if is_mount(dst):
        return False
    must(["mount", "--bind", src, dst], f"bind-mounting {src}")
    if readonly:
        must(["mount", "-o", "remount,bind,ro", dst], f"making {dst} read-only")
    return True


def console_scripts(site, service):
    """Tool -> (module, function) for each console script of the service's Python distribution installed in site."""
    found = {}
    for name in sorted(os.listdir(site)):
        if not re.fullmatch(re.escape(service) + r"-\d[^/]*\.(egg|dist)-info", name):
            continue
        entry_points = configparser.ConfigParser(interpolation=None, delimiters=("=",))
        entry_points.optionxform = str
        entry_points.read(os.path.join(site, name, "entry_points.txt"), encoding="utf-8")
        if entry_points.has_section("console_scripts"):
            for tool, target in entry_points.items("console_scripts"):
                m = re.fullmatch(r"([A-Za-z_][\w.]*):([A-Za-z_]\w*)", target.strip())
                if m and re.fullmatch(r"[\w.-]+", tool):
                    found[tool] = (m.group(1), m.group(2))
    return found


def write_wrappers(chroot, services):
    site = f"{chroot}/usr/lib/python3/dist-packages"
    for service in services:
        for tool, (module, function) in console_scripts(site, service).items():
            code = f"{site}/{module.replace('.', '/')}"
            if os.path.exists(f"{chroot}/usr/bin/{tool}") or not (os.path.exists(code + ".py") or os.path.isdir(code)):
                continue
            os.makedirs(f"{chroot}/usr/local/bin", exist_ok=True)
            with open(f"{chroot}/usr/local/bin/{tool}", "w", encoding="utf-8") as f:
                f.write(f"#!/usr/bin/python3\n# {tool}: the entry point Debian's library package does not install.\n"
                        f"import sys\nfrom {module} import {function}\nsys.argv[0] = {tool!r}\nsys.exit({function}())\n")
            os.chmod(f"{chroot}/usr/local/bin/{tool}", 0o755)


def debian(req):
    suite, root = req["suite"], req["root"].rstrip("/")
    if not re.fullmatch(r"[a-z]+", suite or ""):
        raise Problem(f"debian suite '{suite}' is not a plain suite name")
    chroot = f"{root}/{suite}"
    packages = sorted({"python3-pymysql", *[f"python3-{s}" for s in req["services"]], *req.get("packages", [])})
    # wrappers 2: the services' console scripts as commands. Chroots built when the list of tools was kept here have
    # the same manage and status wrappers (byte for byte), so they stay valid and are not rebuilt.
    want = {"suite": suite, "packages": packages, "aptopts": req.get("aptopts", []), "wrappers": 2}
    manifest = f"{chroot}/etc/leapfrog-toolbox.json"
    changed = False
    if not manifest_matches(manifest, want):
        changed = True
        if shutil.which("mmdebstrap") is None:
            must(["apt-get", "install", "-y", "-qq", "mmdebstrap"], "installing mmdebstrap", timeout=1800)
        new = chroot + ".new"
        for d in (chroot, new):
            for m in ("dev", "proc"):
                if is_mount(f"{d}/{m}"):
                    must(["umount", "-l", f"{d}/{m}"], f"unmounting {d}/{m}")
            if os.path.exists(d):
                must(["rm", "-rf", "--one-file-system", d], f"removing {d}")
        os.makedirs(root, exist_ok=True)
        mirror = req.get("mirror") or apt_mirror()
        argv = ["mmdebstrap", "--quiet", "--variant=apt", "--aptopt=APT::Install-Recommends \"false\""]
        argv += [f"--aptopt={o}" for o in req.get("aptopts", [])]
        argv += [f"--include={','.join(packages)}",
                 "--customize-hook=rm -f \"$1/etc/apt/sources.list\" \"$1\"/etc/apt/sources.list.d/*; rm -rf \"$1\"/var/lib/apt/lists/*",
                 suite, new, f"deb {mirror} {suite} main"]
        must(argv, f"mmdebstrap {suite}", timeout=7200)
        write_wrappers(new, req["services"])
        write_json(f"{new}/etc/leapfrog-toolbox.json", want)
        os.rename(new, chroot)
    os.makedirs(f"{chroot}/proc", exist_ok=True)
    if not is_mount(f"{chroot}/proc"):
        must(["mount", "-t", "proc", "proc", f"{chroot}/proc"], "mounting /proc in the chroot")
        changed = True
    changed |= mount_bind("/dev", f"{chroot}/dev")
    for d in req.get("config_dirs", []):
        if os.path.isdir(d):
            changed |= mount_bind(d, f"{chroot}{d}", readonly=True)
    packages_list = must(["chroot", chroot, "dpkg-query", "-W", "-f", "${Package} ${Version}\\n"], "listing the chroot's packages")
    checksum = sha256("\n".join(sorted(packages_list.splitlines())))
    return changed, {"type": "chroot", "path": chroot}, lambda argv: ["chroot", chroot, *argv], checksum


# ---------------------------------------------------------------- venv
def venv(req):
    root = req["root"].rstrip("/")
    specs, boxes = {}, {}
    changed = False
    for service in req["services"]:
        requirement = (req.get("requirements") or {}).get(service)
        m = re.fullmatch(r"([A-Za-z0-9_.-]+)==([0-9][0-9A-Za-z.+-]*)", requirement or "")
        if not m:
            raise Problem(f"venv toolbox for {service} in {req['release']}: give a pinned requirement like '{service}==X.Y.Z'")
        path = f"{root}/{service}-{m.group(2)}"
        source = (["--index-url", req["index_url"]] if req.get("index_url")
                  else ["--no-index", "--find-links", req["wheel_dir"]] if req.get("wheel_dir") else [])
        if not source:
            raise Problem(f"venv toolbox for {req['release']}: set leapfrog_toolbox_venv_index_url or leapfrog_toolbox_venv_wheel_dir")
        want = {"requirement": requirement, "constraints": req.get("constraints", ""), "source": source,
                "extra": sorted(req.get("extra_packages", ["PyMySQL"]))}
        if not manifest_matches(f"{path}/leapfrog-toolbox.json", want):
            changed = True
            if os.path.exists(path):
                shutil.rmtree(path)
            must([req.get("python", "python3"), "-m", "venv", path], f"creating the venv {path}")
            constraint = ["--constraint", req["constraints"]] if req.get("constraints") else []
            must([f"{path}/bin/pip", "install", "--quiet", *source, *constraint, requirement, *want["extra"]],
                 f"pip install {requirement} into {path}", timeout=7200)
            write_json(f"{path}/leapfrog-toolbox.json", want)
        freeze = must([f"{path}/bin/pip", "freeze", "--all"], f"pip freeze in {path}")
        boxes[service] = (path, sha256("\n".join(sorted(freeze.splitlines()))))
        specs[service] = {"type": "venv", "path": path}
    return changed, specs, boxes


# ---------------------------------------------------------------- container
def container(req):
    engine = req.get("engine") or "podman"
    if engine not in ("podman", "docker"):
        raise Problem(f"container engine '{engine}' is not podman or docker")
    if shutil.which(engine) is None:
        raise Problem(f"container engine {engine} is not installed on this host")
    images = req.get("images") or {}
    changed, specs, ids = False, {}, {}
    for service in req["services"]:
        image = images.get(service) if isinstance(images, dict) else images
        image = image or req.get("image")
        if not image:
            raise Problem(f"container toolbox for {service} in {req['release']}: no image")
        if run([engine, "image", "inspect", image], timeout=120)[0] != 0:
            archive = (req.get("archives") or {}).get(image)
            if archive:
                must([engine, "load", "-i", archive], f"{engine} load {archive}", timeout=3600)
            else:
                must([engine, "pull", image], f"{engine} pull {image}", timeout=3600)
            changed = True
        ids[service] = must([engine, "image", "inspect", "--format", "{{.Id}}", image], f"{engine} image inspect").strip()
        specs[service] = {"type": "container", "engine": engine, "image": image}
    return changed, specs, ids


def main():
    req = json.loads(sys.argv[1])
    release, kind, services = req["release"], req["type"], req["services"]
    tools = {s: req["tools"][s] for s in services}
    for service in services:
        if not tools[service].get("version_argv"):
            raise Problem(f"the catalog names no version command for {service} in {release}")
    records = []
    if kind == "debian":
        changed, spec, wrap, checksum = debian(req)
        specs = {s: spec for s in services}
        argv_for = {s: wrap(tools[s]["version_argv"]) for s in services}
        sums = {s: checksum for s in services}
    elif kind == "venv":
        changed, specs, boxes = venv(req)
        argv_for = {s: [f"{boxes[s][0]}/bin/{tools[s]['version_argv'][0]}", *tools[s]["version_argv"][1:]] for s in services}
        sums = {s: boxes[s][1] for s in services}
    elif kind == "container":
        changed, specs, ids = container(req)
        argv_for = {s: [specs[s]["engine"], "run", "--rm", "--network", "host", specs[s]["image"], *tools[s]["version_argv"]] for s in services}
        sums = ids
    else:
        raise Problem(f"toolbox type '{kind}' is not one of: debian, venv, container")
    for service in services:
        version = tool_version(argv_for[service], f"{release} {service}")
        record = {"release": release, "service": service, "type": kind, "toolbox": specs[service],
                  "tool": tools[service]["manage_tool"], "version": version, "checksum": sums[service]}
        path = os.path.join(req["record_dir"], release, f"{service}.json")
        old = None
        try:
            with open(path, encoding="utf-8") as f:
                old = json.load(f)
        except (OSError, ValueError):
            pass
        if old is None or {k: v for k, v in old.items() if k != "recorded"} != record:
            record["recorded"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
            write_json(path, record)
            changed = True
        else:
            record = old
        records.append(record)
    summary = ", ".join(f"{r['service']} {r['version']}" for r in records)
    print(json.dumps({"changed": changed, "toolbox": specs, "records": records,
                      "msg": f"{release} ({kind}): {summary}"}))


if __name__ == "__main__":
    try:
        main()
    except Problem as e:
        print(json.dumps({"failed": True, "changed": False, "msg": str(e)}))
        sys.exit(1)
    except (KeyError, ValueError, IndexError) as e:
        print(json.dumps({"failed": True, "changed": False, "msg": f"bad request: {type(e).__name__}: {e}"}))
        sys.exit(1)
