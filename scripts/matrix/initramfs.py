# SPDX-License-Identifier: GPL-2.0
"""Build a guest initramfs: Debian busybox-static + real kmod for the guest arch,
the kcrypto modules, modprobe.d policy, KTV vectors and the matrix guest scripts.

Layout in the guest:
  /bin/busybox, /bin/kmod (+ /sbin/{modprobe,depmod,lsmod,rmmod,insmod,modinfo})
  /lib/modules/<release>/extra/   kcrypto.ko and the arch leaf modules
  /lib/modules/<release>/kunit/   KUnit suites, stress client, test provider
  /etc/modprobe.d/kcrypto.conf    from the repo (etc/modprobe.d/), if present
  /etc/kcrypto/examples/*.conf    etc/modprobe.d/examples/ (used by S1, S1b, S3)
  /etc/kcrypto/matrix.env         key=value settings from the runner
  /etc/kcrypto/vectors/*.ktv      converted vectors for S7
  /init, /kcm/*.sh                from qemu/guest/
depmod runs in the guest at boot (real kmod, real module tree).

The net userland (userland="net", the net kernel variant's cells) is taken
from trixie instead, busybox and kmod included (one C library in the
guest), plus the tools of NET_TOOLS under /usr/{bin,sbin}: what WireGuard's
netns.sh, the ipsec scenario and the AF_ALG client need.  Their shared
libraries come from the packages' lib* dependencies (net_packages()), the
NEEDED closure decides what enters the image.
"""
import argparse
import gzip
import hashlib
import os
import re
import shlex
import shutil
import stat
import subprocess
import tempfile
import time
from pathlib import Path

from . import debarchive
from .common import CACHE, QEMU_DIR, REPO, die, flocked, load_arches, log

GUEST_DIR = QEMU_DIR / "guest"
PACKAGES = ["busybox-static", "kmod", "libkmod2", "liblzma5", "libzstd1", "libssl3", "libc6"]


def _apt_update():
    # Foreign-arch (armhf security) indexes fail now and then; never fatal here.
    for _ in range(3):
        if subprocess.run(["apt-get", "update", "-q", "-o", "Acquire::Retries=3"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0:
            return
        time.sleep(5)


def fetch_debs(debarch):
    """apt-get download the guest packages for `debarch` once; return the .deb paths."""
    d = CACHE / "debs" / debarch
    d.mkdir(parents=True, exist_ok=True)
    with flocked(CACHE / "debs" / f".{debarch}.lock"):
        out = []
        for pkg in PACKAGES:
            have = sorted(d.glob(f"{pkg}_*_{debarch}.deb"))
            if not have:
                cmd = ["apt-get", "download", "-q", f"{pkg}:{debarch}"]
                r = subprocess.run(cmd, cwd=d, capture_output=True, text=True)
                if r.returncode != 0:
                    log(f"apt-get download {pkg}:{debarch} failed, running apt-get update")
                    _apt_update()
                    r = subprocess.run(cmd, cwd=d, capture_output=True, text=True)
                if r.returncode != 0:
                    die(f"cannot download {pkg}:{debarch}: {r.stderr.strip()}\n"
                        f"(needs `dpkg --add-architecture {debarch}` + apt-get update; see scripts/deps)")
                have = sorted(d.glob(f"{pkg}_*_{debarch}.deb"))
            if not have:
                die(f"{pkg}:{debarch}: download reported success but no .deb in {d}")
            out.append(have[-1])
        return out


# The net userland: trixie (wireguard-tools from trixie-backports: 7.3's
# netns.sh removes allowed IPs with "-ip", which bookworm's wg cannot say).
NET_SUITE = "trixie"
NET_TOP = {"busybox-static": NET_SUITE, "kmod": NET_SUITE, "bash": NET_SUITE,
           "iproute2": NET_SUITE, "wireguard-tools": "trixie-backports",
           "iperf3": NET_SUITE, "iputils-ping": NET_SUITE, "ncat": NET_SUITE,
           "iptables": NET_SUITE, "libkcapi1": NET_SUITE}
# Guest path -> executable of the net userland (looked up in usr/sbin,
# usr/bin, sbin, bin of the unpacked packages).
NET_TOOLS = {"/bin/bash": "bash", "/usr/sbin/ip": "ip", "/usr/sbin/ss": "ss",
             "/usr/bin/wg": "wg", "/usr/bin/iperf3": "iperf3", "/usr/bin/ping": "ping",
             "/usr/bin/ncat": "ncat", "/usr/sbin/xtables-legacy-multi": "xtables-legacy-multi"}
# netns.sh calls iptables; the net kernel has the legacy (x_tables) tables.
NET_LINKS = {f"/usr/sbin/{n}": "xtables-legacy-multi" for n in
             ("iptables", "ip6tables", "iptables-legacy", "ip6tables-legacy",
              "iptables-save", "iptables-restore")}
NET_LINKS.update({"/usr/bin/ping4": "ping", "/usr/bin/ping6": "ping"})  # as iputils-ping has them
# Libraries loaded with dlopen(), which NEEDED does not show: glibc's
# pthread_cancel() (iperf3 ends its threads with it) needs libgcc_s.
NET_DLOPEN = ("libgcc_s.so.1",)


def net_packages(debarch):
    """NET_TOP plus the lib* (and zlib*) packages they depend on, recursively, as
    {package: suite}.  A library takes the suite of the first package
    that pulled it in."""
    debarchive.update()
    out, todo = {}, list(NET_TOP.items())
    while todo:
        pkg, suite = todo.pop()
        if pkg in out:
            continue
        out[pkg] = suite
        r = debarchive.apt_cache("-o", f"APT::Default-Release={NET_SUITE}", "depends",
                                 "--no-recommends", "--no-suggests", "--no-conflicts",
                                 "--no-breaks", "--no-replaces", "--no-enhances",
                                 f"{pkg}:{debarch}/{suite}")
        if r.returncode != 0:
            die(f"net userland: apt-cache depends {pkg}:{debarch}/{suite}: {r.stderr.strip()[-200:]}")
        for line in r.stdout.splitlines():
            line = line.strip()
            if not line.startswith(("Depends:", "PreDepends:")):
                continue
            dep = line.split(":", 1)[1].strip().split(":")[0]
            if dep.startswith(("lib", "zlib")) and dep not in out:
                todo.append((dep, NET_SUITE))
    return out


def fetch_net_debs(debarch):
    """Download the net userland's packages once (cached, keyed by the
    package list); return the .deb paths."""
    key = hashlib.sha256(repr(sorted(NET_TOP.items())).encode()).hexdigest()[:8]
    d = CACHE / "debs" / f"net-{NET_SUITE}-{debarch}-{key}"
    d.mkdir(parents=True, exist_ok=True)
    with flocked(CACHE / "debs" / f".net-{debarch}.lock"):
        listf = d / ".packages"
        if listf.exists():
            names = listf.read_text().split()
            debs = [sorted(d.glob(f"{n}_*.deb")) for n in names]
            if all(debs):
                return [x[-1] for x in debs]
        pkgs = net_packages(debarch)
        for old in d.glob("*.deb"):
            old.unlink()
        specs = [f"{p}:{debarch}/{s}" for p, s in sorted(pkgs.items())]
        debarchive.download(specs, d)
        missing = [p for p in pkgs if not list(d.glob(f"{p}_*.deb"))]
        if missing:
            die(f"net userland ({debarch}): no .deb for {' '.join(missing)} in {d}")
        listf.write_text("\n".join(sorted(pkgs)) + "\n")
        return [sorted(d.glob(f"{p}_*.deb"))[-1] for p in sorted(pkgs)]


def unpacked_root(debarch, userland="base"):
    """dpkg-deb -x every guest package into one cached tree."""
    debs = fetch_debs(debarch) if userland == "base" else fetch_net_debs(debarch)
    root = CACHE / "debroot" / (debarch if userland == "base" else f"{userland}-{debarch}")
    ident = "\n".join(p.name for p in debs) + "\n"
    stampf = root / ".kcrypto-debs"
    with flocked(CACHE / "debroot" / f".{debarch}.lock"):
        if stampf.exists() and stampf.read_text() == ident:
            return root
        shutil.rmtree(root, ignore_errors=True)
        root.mkdir(parents=True)
        for deb in debs:
            subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
        stampf.write_text(ident)
    return root


def _needed(elf):
    r = subprocess.run(["readelf", "-d", str(elf)], capture_output=True, text=True)
    out = []
    for line in r.stdout.splitlines():
        if "(NEEDED)" in line and "[" in line:
            out.append(line.split("[", 1)[1].split("]", 1)[0])
    return out


def _find_lib(root, multiarch, name):
    for d in (f"lib/{multiarch}", f"usr/lib/{multiarch}", "lib", "usr/lib"):
        p = root / d / name
        if p.exists() or p.is_symlink():
            return p
    return None


def _in_pkgs(src_root, rel):
    """rel inside the unpacked packages, at rel or (merged-/usr suites
    such as trixie) at usr/rel."""
    rel = str(rel).lstrip("/")
    for cand in (rel, f"usr/{rel}"):
        p = src_root / cand
        if p.exists() or p.is_symlink():
            return cand
    return None


def _copy_resolving(src_root, rel, dst_root, dst_rel=None):
    """Copy src_root/rel to dst_root/(dst_rel or rel), following symlinks
    inside src_root (absolute link targets are relative to the package
    root, not the host; a merged-/usr target may sit under usr/)."""
    p = src_root / rel
    for _ in range(10):
        if not p.is_symlink():
            break
        t = os.readlink(p)
        if t.startswith("/"):
            t = _in_pkgs(src_root, t) or t.lstrip("/")
            p = src_root / t
        else:
            p = p.parent / t
    dst = dst_root / str(dst_rel or rel).lstrip("/")
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(p, dst)
    return dst


def _install_libs(root, debroot, ma, elves, names=()):
    """The transitive NEEDED closure of `elves` (files in the image) and
    of the libraries `names`, resolved inside the package tree, copied to
    the same paths."""
    todo, seen = list(names) + [n for e in elves for n in _needed(e)], set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        src = _find_lib(debroot, ma, name)
        if src is None and _find_lib(root, ma, name) is not None:
            # In the image already, an extra of its own (libkcapi.so.1).
            todo += _needed(_find_lib(root, ma, name))
            continue
        if src is None:
            die(f"{name} (a NEEDED library) not found in {debroot}: add its package "
                f"to the guest packages (scripts/matrix/initramfs.py)")
        rel = src.relative_to(debroot)
        todo += _needed(_copy_resolving(debroot, rel, root))


def _find_tool(debroot, name):
    for d in ("usr/sbin", "usr/bin", "sbin", "bin"):
        if (debroot / d / name).exists():
            return f"{d}/{name}"
    die(f"net userland: no executable {name} in {debroot}")


def install_userland(root, debroot, a, userland="base"):
    """busybox, kmod, (net) the tools of NET_TOOLS, the shared libraries
    they need and the dynamic loader."""
    ma = a.multiarch
    _copy_resolving(debroot, _in_pkgs(debroot, "bin/busybox"), root, "bin/busybox")
    kmod = _copy_resolving(debroot, _in_pkgs(debroot, "bin/kmod"), root, "bin/kmod")
    for n in ("modprobe", "depmod", "lsmod", "rmmod", "insmod", "modinfo"):
        (root / "sbin").mkdir(exist_ok=True)
        (root / "sbin" / n).symlink_to("/bin/kmod")
    elves = [kmod]
    if userland == "net":
        for dst, name in NET_TOOLS.items():
            elves.append(_copy_resolving(debroot, _find_tool(debroot, name), root, dst))
        for dst, target in NET_LINKS.items():
            (root / dst.lstrip("/")).symlink_to(target)
        # iptables' matches and targets: dlopen()ed, not NEEDED.
        xt = _in_pkgs(debroot, f"lib/{ma}/xtables")
        if xt is None:
            die(f"net userland: no {ma}/xtables directory in {debroot}")
        for so in sorted((debroot / xt).glob("*.so")):
            elves.append(_copy_resolving(debroot, so.relative_to(debroot), root))
    _install_libs(root, debroot, ma, elves, NET_DLOPEN if userland == "net" else ())
    ld = a.ld_so.lstrip("/")
    if not (root / ld).exists():
        src = _in_pkgs(debroot, ld)
        if src is None:
            die(f"dynamic loader {a.ld_so} not in {debroot}")
        _copy_resolving(debroot, src, root, ld)


class Cpio:
    """Minimal newc writer: lets us add /dev/console without mknod on the host."""

    def __init__(self):
        self.buf = bytearray()
        self.ino = 1

    def _entry(self, name, mode, data=b"", rdev=(0, 0), nlink=1):
        nb = name.encode() + b"\0"
        hdr = "070701" + "".join(f"{v:08x}" for v in (
            self.ino, mode, 0, 0, nlink, 0, len(data), 0, 0, rdev[0], rdev[1], len(nb), 0))
        self.ino += 1
        self.buf += hdr.encode() + nb
        self.buf += b"\0" * (-len(self.buf) % 4)
        self.buf += data
        self.buf += b"\0" * (-len(self.buf) % 4)

    def add_tree(self, top):
        top = Path(top)
        for dirpath, dirnames, filenames in os.walk(top):
            dirnames.sort()
            d = Path(dirpath)
            rel = d.relative_to(top)
            if str(rel) != ".":
                self._entry(str(rel), stat.S_IFDIR | 0o755, nlink=2)
            for n in sorted(filenames) + sorted(x for x in dirnames if (d / x).is_symlink()):
                p = d / n
                r = str(p.relative_to(top))
                if p.is_symlink():
                    self._entry(r, stat.S_IFLNK | 0o777, os.readlink(p).encode())
                else:
                    self._entry(r, stat.S_IFREG | (p.stat().st_mode & 0o777), p.read_bytes())

    def add_chardev(self, name, major, minor, perm=0o600):
        self._entry(name, stat.S_IFCHR | perm, rdev=(major, minor))

    def finish(self):
        self._entry("TRAILER!!!", 0)
        self.buf += b"\0" * (-len(self.buf) % 512)
        return bytes(self.buf)


def classify_modules(modules_dir):
    """(library+arch modules, test modules): kunit/ holds the test-only ones."""
    main, tests = [], []
    for ko in sorted(Path(modules_dir).rglob("*.ko")):
        if "/build/" in str(ko.relative_to(modules_dir)):
            continue
        (tests if "kunit" in ko.relative_to(modules_dir).parts else main).append(ko)
    return main, tests


def env_file_text(settings):
    """/etc/kcrypto/matrix.env, sourced by the guest's sh: every value
    single-quoted, so spaces, quotes and $ stay data (an error message
    with spaces once became a command in the guest and was lost)."""
    out = []
    for k, v in settings.items():
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", k):
            raise ValueError(f"matrix.env: bad variable name {k!r}")
        out.append(f"{k}={shlex.quote(str(v))}\n")
    return "".join(out)


def build(arch, modules_dir, out, release, env=None, ktv=(), debroot=None, userland="base",
          extra=None):
    """`extra`: {guest path: host file} copied in as they are (the net
    scenarios' WireGuard module and netns.sh, the AF_ALG client)."""
    a = load_arches()[arch]
    debroot = debroot or unpacked_root(a.debian_arch, userland)
    with tempfile.TemporaryDirectory(prefix="kcrypto-initramfs-") as tmp:
        root = Path(tmp)
        for d in ("bin", "sbin", "dev", "proc", "sys", "tmp", "run", "etc/modprobe.d",
                  "etc/kcrypto/vectors", "kcm", f"lib/modules/{release}/extra",
                  f"lib/modules/{release}/kunit"):
            (root / d).mkdir(parents=True, exist_ok=True)
        install_userland(root, debroot, a, userland)
        main, tests = classify_modules(modules_dir) if modules_dir else ([], [])
        mdir = root / "lib/modules" / release
        for ko in main:
            shutil.copy2(ko, mdir / "extra" / ko.name)
        for ko in tests:
            shutil.copy2(ko, mdir / "kunit" / ko.name)
        for n in ("modules.order", "modules.builtin", "modules.builtin.modinfo"):
            (mdir / n).touch()
        conf = REPO / "etc/modprobe.d/kcrypto.conf"
        if conf.exists():
            shutil.copy2(conf, root / "etc/modprobe.d/kcrypto.conf")
        for f in sorted((REPO / "etc/modprobe.d/examples").glob("*.conf")):
            (root / "etc/kcrypto/examples").mkdir(exist_ok=True)
            shutil.copy2(f, root / "etc/kcrypto/examples" / f.name)
        for f in ktv:
            shutil.copy2(f, root / "etc/kcrypto/vectors" / Path(f).name)
        settings = dict(env or {})
        # S7 checks that every file the runner was given ran.
        settings["KTV_EXPECTED"] = " ".join(Path(f).name for f in ktv)
        settings.update(ARCH=arch, RELEASE=release,
                        HAVE_MODPROBE_CONF="1" if conf.exists() else "0")
        (root / "etc/kcrypto/matrix.env").write_text(env_file_text(settings))
        shutil.copy2(GUEST_DIR / "init", root / "init")
        os.chmod(root / "init", 0o755)
        for s in sorted(GUEST_DIR.glob("*.sh")):
            shutil.copy2(s, root / "kcm" / s.name)
        for dst, src in (extra or {}).items():
            p = root / dst.lstrip("/")
            p.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, p)
        extra_elves = [root / d.lstrip("/") for d in (extra or {}) if _needed(root / d.lstrip("/"))]
        if extra_elves:
            _install_libs(root, debroot, a.multiarch, extra_elves)
        c = Cpio()
        c._entry("dev", stat.S_IFDIR | 0o755, nlink=2)
        c.add_chardev("dev/console", 5, 1)
        c.add_chardev("dev/null", 1, 3, 0o666)
        (root / "dev").rmdir()
        c.add_tree(root)
        data = c.finish()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(out, "wb", compresslevel=6, mtime=0) as f:
        f.write(data)
    return {"modules": [k.name for k in main], "tests": [k.name for k in tests],
            "modprobe_conf": conf.exists(), "size": out.stat().st_size, "userland": userland,
            "extra": sorted(extra or {})}


def main(argv=None):
    p = argparse.ArgumentParser(prog="initramfs", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--arch", required=True, choices=list(load_arches()))
    p.add_argument("--modules-dir", help="tree to collect *.ko from (kunit/ = test modules)")
    p.add_argument("--out", required=True)
    p.add_argument("--release", help="kernel release (uname -r); default: from --kdir")
    p.add_argument("--kdir", help="kernel build dir (for the release string)")
    p.add_argument("--ktv", nargs="*", default=[], help="KTV vector files for S7")
    p.add_argument("--env", action="append", default=[], metavar="KEY=VAL",
                   help="setting for the guest (/etc/kcrypto/matrix.env), e.g. BIND=weak")
    args = p.parse_args(argv)
    release = args.release
    if not release and args.kdir:
        release = (Path(args.kdir) / "include/config/kernel.release").read_text().strip()
    if not release:
        die("need --release or --kdir")
    env = dict(e.split("=", 1) for e in args.env)
    info = build(args.arch, args.modules_dir, args.out, release, env, args.ktv)
    log(f"initramfs {args.out}: {info['size']} bytes, modules: "
        f"{' '.join(info['modules'] + info['tests']) or 'none'}")
    return 0
