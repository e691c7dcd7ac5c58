# SPDX-License-Identifier: GPL-2.0
"""Debian's own kernels for the distro lane (scripts/qemu-matrix --kernel distro).

Per arch, the Debian bookworm kernel of the flavour in qemu/arches.json
("distro_flavour": amd64, arm64, armmp) is fetched with `apt-get download`:

  linux-image-<abi>-<flavour>:<debarch>     only boot/ is extracted (vmlinuz, config)
  linux-headers-<abi>-<flavour>:<debarch>   the KDIR for the modules
  linux-headers-<abi>-common                arch-independent headers (srctree)
  linux-kbuild-<major.minor>:amd64          host tools (fixdep, modpost, objtool)

all of one package version, extracted with `dpkg-deb -x` into
  ~/.cache/kcrypto/distro/<version>-<debarch>/
The headers' scripts/ and tools/ are relative links into
usr/lib/linux-kbuild-<major.minor>/, so the extracted *amd64* kbuild serves
as host side for every target arch (the foreign-arch kbuild package would
hold arm binaries).  The flavour Makefile includes the common Makefile by
absolute path (/usr/src/...); the cached copy points at the cached one.

Version: for the host's own arch, the installed linux-headers-<flavour>
meta package wins (scripts/deps installs linux-headers-amd64; the DKMS test
builds against it, the lane boots the same kernel); when the mirror no
longer has that version, or for a foreign arch, the apt candidate.
"""
import functools
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from .common import CACHE, Timer, flocked, load_arches, log

ROOT = CACHE / "distro"
STAMP = ".kcrypto-stamp.json"
RECIPE = "kcrypto-distro-1"
_DEP = re.compile(r"linux-headers-(\d+\.\d+\.\d+-\d+)-[a-z0-9]+(?::\w+)? \(= ([^)]+)\)")


@functools.lru_cache(maxsize=None)
def host_debarch():
    return subprocess.run(["dpkg", "--print-architecture"], capture_output=True,
                          text=True, check=True).stdout.strip()


@functools.lru_cache(maxsize=None)
def _meta(debarch, flavour):
    """[(abi, version)] for the linux-headers-<flavour> meta package: the
    installed one (host arch only) first, then the apt candidate."""
    meta = f"linux-headers-{flavour}"
    out = []
    if debarch == host_debarch():
        r = subprocess.run(["dpkg-query", "-W", "-f", "${Status}|${Depends}", meta],
                           capture_output=True, text=True)
        if r.returncode == 0 and "ok installed" in r.stdout:
            m = _DEP.search(r.stdout.split("|", 1)[1])
            if m:
                out.append(m.groups())
    r = subprocess.run(["apt-cache", "show", "--no-all-versions", f"{meta}:{debarch}"],
                       capture_output=True, text=True)
    dep = next((l for l in r.stdout.splitlines() if l.startswith("Depends:")), "")
    m = _DEP.search(dep)
    if m and m.groups() not in out:
        out.append(m.groups())
    if not out:
        raise RuntimeError(f"no {meta}:{debarch} in the apt indexes (apt-get update; "
                           f"multiarch: dpkg --add-architecture {debarch}; see scripts/deps)")
    return tuple(out)


def _spec(arch):
    a = load_arches()[arch]
    flavour = a.get("distro_flavour")
    if not flavour:
        raise RuntimeError(f"qemu/arches.json: {arch} has no distro_flavour")
    return a, a["debian_arch"], flavour


def cache_dir(version, debarch):
    return ROOT / f"{version}-{debarch}"


def build_dir(arch):
    """The cache dir the lane uses for `arch` (first resolvable version already
    cached, else the preferred one); no download."""
    _, debarch, flavour = _spec(arch)
    try:
        cands = _meta(debarch, flavour)
    except RuntimeError:
        return ROOT / f"unresolved-{debarch}"  # prepare() raises the reason
    for _, ver in cands:
        if (cache_dir(ver, debarch) / STAMP).exists():
            return cache_dir(ver, debarch)
    return cache_dir(cands[0][1], debarch)


def _download(pkgs, dest):
    cmd = ["apt-get", "download", "-q"] + pkgs
    r = subprocess.run(cmd, cwd=dest, capture_output=True, text=True)
    if r.returncode != 0:
        log(f"apt-get download failed ({r.stderr.strip()[-200:]}), running apt-get update")
        subprocess.run(["apt-get", "update", "-q", "-o", "Acquire::Retries=3"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        r = subprocess.run(cmd, cwd=dest, capture_output=True, text=True)
    return r.returncode == 0, r.stderr.strip()


def _fetch(arch, abi, version, dst):
    """Download and extract one kernel version into dst; return the stamp dict."""
    _, debarch, flavour = _spec(arch)
    major = ".".join(abi.split(".")[:2])
    release = f"{abi}-{flavour}"
    pkgs = [f"linux-image-{release}:{debarch}={version}",
            f"linux-headers-{release}:{debarch}={version}",
            f"linux-headers-{abi}-common={version}",
            f"linux-kbuild-{major}:{host_debarch()}={version}"]
    t = Timer()
    with tempfile.TemporaryDirectory(prefix="kcrypto-distro-") as tmp:
        ok, err = _download(pkgs, tmp)
        if not ok:
            raise RuntimeError(f"apt-get download {' '.join(pkgs)}: {err[-300:]}")
        debs = sorted(Path(tmp).glob("*.deb"))
        if len(debs) != len(pkgs):
            raise RuntimeError(f"expected {len(pkgs)} .debs, got {[d.name for d in debs]}")
        shutil.rmtree(dst, ignore_errors=True)
        dst.mkdir(parents=True)
        for deb in debs:
            if deb.name.startswith("linux-image-"):
                # Only boot/: the image package also holds all of Debian's
                # modules, which the guest never loads.
                p = subprocess.Popen(["dpkg-deb", "--fsys-tarfile", str(deb)], stdout=subprocess.PIPE)
                subprocess.run(["tar", "-C", str(dst), "-x", "./boot"], stdin=p.stdout, check=True)
                if p.wait() != 0:
                    raise RuntimeError(f"dpkg-deb --fsys-tarfile {deb.name} failed")
            else:
                subprocess.run(["dpkg-deb", "-x", str(deb), str(dst)], check=True)
        names = [d.name for d in debs]
    kdir = dst / "usr/src" / f"linux-headers-{release}"
    common = dst / "usr/src" / f"linux-headers-{abi}-common"
    mk = kdir / "Makefile"
    mk.write_text(mk.read_text().replace(f"/usr/src/linux-headers-{abi}-common", str(common)))
    image = dst / "boot" / f"vmlinuz-{release}"
    for f in (image, kdir / ".config", kdir / "Module.symvers", common / "Makefile",
              kdir / "scripts" / "basic" / "fixdep", kdir / "scripts" / "mod" / "modpost"):
        if not f.exists():
            raise RuntimeError(f"{f} missing after extraction")
    st = {"dir": str(kdir), "src": str(common), "image": str(image), "release": release,
          "arch": arch, "kernel": "distro", "variant": "", "version": version,
          "flavour": flavour, "debs": names, "recipe": RECIPE,
          "build_seconds": round(t.s, 1)}
    (dst / STAMP).write_text(json.dumps(st, indent=1) + "\n")
    log(f"distro kernel {release} ({version}, {debarch}): fetched in {t.s:.0f}s into {dst}")
    return st


def prepare(arch):
    """Fetch (or reuse) Debian's kernel for `arch`; return the stamp dict
    ('dir' = KDIR, 'image', 'release', 'version', ...)."""
    _, debarch, flavour = _spec(arch)
    errors = []
    for abi, version in _meta(debarch, flavour):
        dst = cache_dir(version, debarch)
        with flocked(str(dst) + ".lock"):
            stampf = dst / STAMP
            if stampf.exists():
                st = json.loads(stampf.read_text())
                if st.get("recipe") == RECIPE and Path(st["image"]).exists():
                    log(f"distro kernel {st['release']} ({version}, {debarch}): cached")
                    return st
            try:
                return _fetch(arch, abi, version, dst)
            except (RuntimeError, subprocess.CalledProcessError) as e:
                errors.append(str(e))
                log(f"distro kernel {abi}-{flavour} {version}: {e}")
    raise RuntimeError("no Debian kernel could be fetched: " + " | ".join(errors)[:600])



def boot_prebuilt(arch, modules_dir, scens, name, bind="weak", extra=None, kst=None):
    """Boot Debian's kernel for `arch` (or the kernel of stamp `kst`) with
    modules built elsewhere (DKMS, signed copies) and run guest scenarios
    `scens` in one boot.  `extra`
    maps guest paths to host files; they go into a second cpio appended to
    the initramfs (the kernel unpacks concatenated archives in order).
    Initramfs and console log in build/matrix/<name>/.  Returns
    {scenario: (status, reason)} and the boot record."""
    import gzip
    from . import initramfs, runner  # runner imports kernel, which imports us

    kst = kst or prepare(arch)
    outdir = runner.OUT / name
    outdir.mkdir(parents=True, exist_ok=True)
    ktv, ktv_err = [], ""
    if "S7" in scens:
        ktv, ktv_err = runner.convert_vectors([str(runner.DEFAULT_VECTORS)], outdir / "vectors")
    env = {"BIND": bind, "INCAPABLE": load_arches()[arch].get("incapable_kind", "cpu"),
           "KUNIT": "y" if runner.has_kunit(kst) else "n"}
    if ktv_err:
        env["KTV_MISSING" if not ktv else "KTV_ERRORS"] = ktv_err
    initrd = outdir / "initramfs.cpio.gz"
    initramfs.build(arch, modules_dir, initrd, kst["release"], env, ktv)
    if extra:
        with tempfile.TemporaryDirectory(prefix="kcrypto-extra-") as tmp:
            for dst, src in extra.items():
                p = Path(tmp) / dst.lstrip("/")
                p.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, p)
            c = initramfs.Cpio()
            c.add_tree(tmp)
            with open(initrd, "ab") as f:
                f.write(gzip.compress(c.finish(), mtime=0))
    a = load_arches()[arch]
    b = runner.boot(a, kst, initrd, scens, "main", outdir / "console.log", a["boot_timeout"],
                    None, False)
    res = {sc: (status, reason) for sc, status, reason, _ in b["verdicts"]}
    return res, {k: v for k, v in b.items() if k not in ("verdicts", "console")}
