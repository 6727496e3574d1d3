#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: LeapfrogAnsible developers
# Apache License 2.0 (see https://www.apache.org/licenses/LICENSE-2.0)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r"""
module: toolbox_build
short_description: Build or reuse one release's toolbox (Debian chroot, virtualenv or container image) on this host
version_added: 0.2.0
description:
  - Builds, or reuses when its manifest matches the request, the environment that holds one OpenStack release's tools for
    the given services, and returns the toolbox spec C(leapfrog.openstack.hop) takes for each service, with a checksum
    of what is installed in it (the package list, C(pip freeze), or the image ID).
  - It runs no OpenStack tool and knows no service fact. Which tools a service has, and how they report their version,
    is the catalog's; C(leapfrog.openstack.toolbox) checks each built toolbox with C(leapfrog.openstack.hop)
    (C(toolbox_only)), which runs the catalog's version command through the same toolbox type the hops use.
  - C(debian) builds a chroot of the suite with mmdebstrap (the service's C(python3-<service>) library packages and
    wrappers for their console scripts), mounts C(/proc) and C(/dev) in it and binds the config directories read-only
    at the same path. C(venv) makes C(<root>/<service>-<version>) with pip, OpenStack-Ansible's layout. C(container)
    loads or pulls the image.
  - In check mode nothing is built or mounted; C(changed) says whether a run would build or mount something.
options:
  release:
    description: The release the toolbox is for (used in messages).
    type: str
    required: true
  type:
    description: The kind of toolbox.
    type: str
    required: true
    choices: [debian, venv, container]
  services:
    description: The services whose tools the toolbox must hold.
    type: list
    elements: str
    required: true
  root:
    description: C(debian) the directory holding one chroot per suite; C(venv) the directory holding the venvs.
    type: path
  suite:
    description: C(debian) the Debian suite that carries the release, for example C(bookworm).
    type: str
  mirror:
    description: C(debian) the Debian archive URL; empty reads it from this host's apt sources. May hold credentials.
    type: str
    default: ""
  packages:
    description: C(debian) extra packages for the chroot.
    type: list
    elements: str
    default: []
  aptopts:
    description: C(debian) extra apt options for mmdebstrap.
    type: list
    elements: str
    default: []
  config_dirs:
    description: C(debian) directories bound read-only into the chroot at the same path (the services' config).
    type: list
    elements: path
    default: []
  requirements:
    description: C(venv) per service a pinned requirement, for example C(keystone==22.0.0).
    type: dict
    default: {}
  constraints:
    description: C(venv) the upper-constraints file or URL.
    type: str
    default: ""
  index_url:
    description: C(venv) the package index to install from. May hold credentials.
    type: str
    default: ""
  wheel_dir:
    description: C(venv) a directory of wheels to install from instead of an index.
    type: str
    default: ""
  python:
    description: C(venv) the Python that makes the venvs.
    type: str
    default: python3
  extra_packages:
    description: C(venv) extra packages installed into every venv.
    type: list
    elements: str
    default: [PyMySQL]
  engine:
    description: C(container) the container engine.
    type: str
    default: podman
    choices: [podman, docker]
  images:
    description: C(container) per service the image.
    type: dict
    default: {}
  archives:
    description: C(container) per image a saved archive to load instead of pulling it.
    type: dict
    default: {}
attributes:
  check_mode:
    support: full
author:
  - LeapfrogAnsible developers
"""

EXAMPLES = r"""
- name: Build zed's chroot for keystone and nova
  leapfrog.openstack.toolbox_build:
    release: zed
    type: debian
    suite: bookworm
    root: /var/lib/leapfrog/chroots
    services: [keystone, nova]
    config_dirs: [/etc/keystone, /etc/nova]
"""

RETURN = r"""
toolbox:
  description: Per service, the toolbox spec for C(leapfrog.openstack.hop) (C(type), C(path) or C(engine) and C(image)).
  returned: success
  type: dict
checksums:
  description: Per service, a checksum of what the toolbox holds; null in check mode for a toolbox not built yet.
  returned: success
  type: dict
toolboxes:
  description: The same as a list, one item per service, with C(release), C(service), C(toolbox) and C(checksum).
  returned: success
  type: list
  elements: dict
msg:
  description: What was built or reused.
  returned: always
  type: str
"""

import configparser
import hashlib
import json
import os
import re
import shutil
import subprocess

from ansible.module_utils.basic import AnsibleModule

# Debian's python3-<service> library packages ship the code; the *-common packages ship the commands
# (and create users and services). The chroot gets small wrappers for the commands instead: one for each
# console script the service's Python distribution declares in its entry_points.txt (its setup.cfg's).
PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


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
        if req["check"]:
            return changed, {"type": "chroot", "path": chroot}, None
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
    if req["check"]:
        binds = [f"{chroot}{d}" for d in req.get("config_dirs") or [] if os.path.isdir(d)]
        changed = not all(is_mount(m) for m in [f"{chroot}/proc", f"{chroot}/dev", *binds])
    os.makedirs(f"{chroot}/proc", exist_ok=True)
    if req["check"]:
        pass
    elif not is_mount(f"{chroot}/proc"):
        must(["mount", "-t", "proc", "proc", f"{chroot}/proc"], "mounting /proc in the chroot")
        changed = True
    if not req["check"]:
        changed |= mount_bind("/dev", f"{chroot}/dev")
        for d in req.get("config_dirs") or []:
            if os.path.isdir(d):
                changed |= mount_bind(d, f"{chroot}{d}", readonly=True)
    packages_list = must(["chroot", chroot, "dpkg-query", "-W", "-f", "${Package} ${Version}\\n"], "listing the chroot's packages")
    checksum = sha256("\n".join(sorted(packages_list.splitlines())))
    return changed, {"type": "chroot", "path": chroot}, checksum


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
        # A digest of the source, not the URL: an index URL may hold credentials, and the manifest is a file at rest.
        want = {"requirement": requirement, "constraints": req.get("constraints", ""), "source": sha256(json.dumps(source)),
                "extra": sorted(req.get("extra_packages", ["PyMySQL"]))}
        specs[service] = {"type": "venv", "path": path}
        if not manifest_matches(f"{path}/leapfrog-toolbox.json", want):
            changed = True
            if req["check"]:
                boxes[service] = (path, None)
                continue
            if os.path.exists(path):
                shutil.rmtree(path)
            must([req.get("python", "python3"), "-m", "venv", path], f"creating the venv {path}")
            constraint = ["--constraint", req["constraints"]] if req.get("constraints") else []
            must([f"{path}/bin/pip", "install", "--quiet", *source, *constraint, requirement, *want["extra"]],
                 f"pip install {requirement} into {path}", timeout=7200)
            write_json(f"{path}/leapfrog-toolbox.json", want)
        freeze = must([f"{path}/bin/pip", "freeze", "--all"], f"pip freeze in {path}")
        boxes[service] = (path, sha256("\n".join(sorted(freeze.splitlines()))))
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
        specs[service] = {"type": "container", "engine": engine, "image": image}
        if run([engine, "image", "inspect", image], timeout=120)[0] != 0:
            changed = True
            if req["check"]:
                ids[service] = None
                continue
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
    module = AnsibleModule(
        argument_spec=dict(
            release=dict(type="str", required=True),
            type=dict(type="str", required=True, choices=["debian", "venv", "container"]),
            services=dict(type="list", elements="str", required=True),
            root=dict(type="path"),
            suite=dict(type="str"),
            mirror=dict(type="str", default="", no_log=True),
            packages=dict(type="list", elements="str", default=[]),
            aptopts=dict(type="list", elements="str", default=[]),
            config_dirs=dict(type="list", elements="path", default=[]),
            requirements=dict(type="dict", default={}),
            constraints=dict(type="str", default=""),
            index_url=dict(type="str", default="", no_log=True),
            wheel_dir=dict(type="str", default=""),
            python=dict(type="str", default="python3"),
            extra_packages=dict(type="list", elements="str", default=["PyMySQL"]),
            engine=dict(type="str", default="podman", choices=["podman", "docker"]),
            images=dict(type="dict", default={}),
            archives=dict(type="dict", default={}),
        ),
        required_if=[("type", "debian", ("root", "suite")), ("type", "venv", ("root",))],
        supports_check_mode=True,
    )
    req = dict(module.params, check=module.check_mode)
    kind, services = req["type"], req["services"]
    try:
        if kind == "debian":
            changed, spec, checksum = debian(req)
            specs = {s: spec for s in services}
            sums = {s: checksum for s in services}
        elif kind == "venv":
            changed, specs, boxes = venv(req)
            sums = {s: boxes[s][1] for s in services}
        else:
            changed, specs, sums = container(req)
    except Problem as e:
        module.fail_json(msg=f"{req['release']} ({kind}) toolbox: {e}")
    verb = "would build" if changed and module.check_mode else "built or updated" if changed else "reused"
    toolboxes = [{"release": req["release"], "service": s, "toolbox": specs[s], "checksum": sums[s]} for s in services]
    module.exit_json(changed=changed, toolbox=specs, checksums=sums, toolboxes=toolboxes,
                     msg=f"{req['release']} ({kind}): {verb} the toolbox of {', '.join(services)}")


if __name__ == "__main__":
    main()
