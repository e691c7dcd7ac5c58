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
"""
import argparse
import gzip
import os
import re
import shlex
import shutil
import stat
import subprocess
import tempfile
import time
from pathlib import Path

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


def unpacked_root(debarch):
    """dpkg-deb -x every guest package into one cached tree."""
    debs = fetch_debs(debarch)
    root = CACHE / "debroot" / debarch
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


def _copy_resolving(src_root, rel, dst_root):
    """Copy src_root/rel to dst_root/rel, following symlinks inside src_root
    (absolute link targets are relative to the package root, not the host)."""
    p = src_root / rel
    for _ in range(10):
        if not p.is_symlink():
            break
        t = os.readlink(p)
        p = (src_root / t.lstrip("/")) if t.startswith("/") else (p.parent / t)
    dst = dst_root / rel
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(p, dst)
    return dst


def install_userland(root, debroot, a):
    """busybox, kmod, the shared libraries kmod needs and the dynamic loader."""
    ma = a.multiarch
    _copy_resolving(debroot, "bin/busybox", root)
    kmod = _copy_resolving(debroot, "bin/kmod", root)
    for n in ("modprobe", "depmod", "lsmod", "rmmod", "insmod", "modinfo"):
        (root / "sbin").mkdir(exist_ok=True)
        (root / "sbin" / n).symlink_to("/bin/kmod")
    # Transitive NEEDED closure of kmod, resolved inside the package tree.
    todo, seen = _needed(kmod), set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        src = _find_lib(debroot, ma, name)
        if src is None:
            die(f"kmod needs {name}, not found in {debroot} (add its package to PACKAGES)")
        rel = src.relative_to(debroot)
        todo += _needed(_copy_resolving(debroot, rel, root))
    ld = a.ld_so.lstrip("/")
    if not (root / ld).exists():
        _copy_resolving(debroot, ld, root)


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


def build(arch, modules_dir, out, release, env=None, ktv=(), debroot=None):
    a = load_arches()[arch]
    debroot = debroot or unpacked_root(a.debian_arch)
    with tempfile.TemporaryDirectory(prefix="kcrypto-initramfs-") as tmp:
        root = Path(tmp)
        for d in ("bin", "sbin", "dev", "proc", "sys", "tmp", "run", "etc/modprobe.d",
                  "etc/kcrypto/vectors", "kcm", f"lib/modules/{release}/extra",
                  f"lib/modules/{release}/kunit"):
            (root / d).mkdir(parents=True, exist_ok=True)
        install_userland(root, debroot, a)
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
            "modprobe_conf": conf.exists(), "size": out.stat().st_size}


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
