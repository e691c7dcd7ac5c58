# SPDX-License-Identifier: GPL-2.0
"""Debian's own kernels for the distro lane (scripts/qemu-matrix --kernel distro*).

Three kernels (common.KERNEL_SPECS, "distro": suite):
  distro        bookworm          Debian 12, 6.1, through the system's apt sources
  distro13      trixie            Debian 13, 6.12, through debarchive's private list
  distro13-bpo  trixie-backports  7.3, through debarchive's private list
trixie/trixie-backports packages never come from the system's apt sources:
version look-ups and downloads go through debarchive.apt_cache()/download().

Per arch, the kernel of the flavour in qemu/arches.json ("distro_flavour":
amd64, arm64, armmp) is fetched with `apt-get download`, all of one version:

  linux-image-<release>:<debarch>        only boot/ is extracted (vmlinuz, config)
    or, when that is a meta package on linux-binary-<release> (7.x):
  linux-binary-<release>:<debarch>       usr/lib/modules/<release>/vmlinuz
  linux-base-<release>:<debarch>         usr/lib/modules/<release>/config
  linux-headers-<release>:<debarch>      the KDIR for the modules
  linux-headers-<abi>-common             arch-independent headers (srctree)
  linux-kbuild-<...>:amd64               host tools (fixdep, modpost, objtool)

(<release> = <abi>-<flavour>: 6.1.0-57-amd64, 6.12.117+deb13-amd64; the
common and kbuild names come from the headers package's Depends), extracted
with `dpkg-deb -x` into
  ~/.cache/kcrypto/distro/<version>-<debarch>/
The headers' scripts/ and tools/ are relative links into
usr/lib/linux-kbuild-<...>/, so the extracted *amd64* kbuild serves as host
side for every target arch (the foreign-arch kbuild package would hold arm
binaries).  Edits to the cached copy (recorded in the stamp):

- the flavour Makefile names /usr/src/... by absolute path (include of the
  common Makefile; 7.x also KBUILD_OUTPUT=): pointed at the cached tree;
- .kernelvariables sets CC = $(CROSS_COMPILE)gcc-<N> (trixie: gcc-14).  When
  that compiler is not on the host, the host's $(CROSS_COMPILE)gcc (gcc-12
  on Debian 12) is used, and Kconfig-derived flags it rejects are turned off
  (-fmin-function-alignment -> -falign-functions; on arm64, whose ftrace
  CALL_OPS needs the alignment only GCC 14 guarantees, no ftrace flags);
- host tools: every ELF of the kbuild package is checked with ldd; one the
  module build needs that cannot run here (trixie's modpost.real-*,
  objtool.real-x86 need GLIBC_2.38) is rebuilt from linux-source-<x.y> of
  the same version (`make modules_prepare` with Debian's config, host gcc);
- module BTF: with a vmlinux in the headers (trixie), Kbuild runs pahole
  with the flags of CONFIG_PAHOLE_VERSION; an older host pahole rejects
  them, so vmlinux is renamed and Kbuild skips module BTF (as bookworm's
  headers, which have no vmlinux, always did).

Version: bookworm: for the host's own arch, the installed
linux-headers-<flavour> meta package wins (scripts/deps installs
linux-headers-amd64; the DKMS test builds against it, the lane boots the
same kernel); when the mirror no longer has that version, or for a foreign
arch, the apt candidate.  trixie, trixie-backports: the newest version of
linux-headers-<flavour>:<debarch> that suite offers (apt-cache madison).
"""
import functools
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from . import debarchive
from .common import CACHE, KERNEL_SPECS, Timer, flocked, load_arches, log, run_logged

ROOT = CACHE / "distro"
STAMP = ".kcrypto-stamp.json"
RECIPE = "kcrypto-distro-2"
SYSTEM_SUITE = "bookworm"  # the only suite taken from the system's apt sources
# A kernel configured with GCC >= 14 has CONFIG_CC_HAS_MIN_FUNCTION_ALIGNMENT
# and Kbuild passes -fmin-function-alignment=N, which older GCC rejects.
MIN_ALIGN = "-fmin-function-alignment"


def suite_of(kernel):
    spec = KERNEL_SPECS.get(kernel, {})
    if "distro" not in spec:
        raise RuntimeError(f"{kernel} is not a distro kernel")
    return spec["distro"]


def _private(kernel):
    return suite_of(kernel) != SYSTEM_SUITE


def _apt_cache(kernel, *args):
    if _private(kernel):
        return debarchive.apt_cache(*args)
    return subprocess.run(["apt-cache"] + list(args), capture_output=True, text=True)


@functools.lru_cache(maxsize=None)
def host_debarch():
    return subprocess.run(["dpkg", "--print-architecture"], capture_output=True,
                          text=True, check=True).stdout.strip()


def _dep_re(flavour):
    return re.compile(rf"linux-headers-(\d[^\s:(,|]*)-{re.escape(flavour)}(?::\w+)? \(= ([^)]+)\)")


@functools.lru_cache(maxsize=None)
def _depends(kernel, pkg, version):
    """The Depends line of pkg=version ('' when apt does not know it)."""
    r = _apt_cache(kernel, "show", f"{pkg}={version}")
    return next((l[len("Depends:"):].strip() for l in r.stdout.splitlines()
                 if l.startswith("Depends:")), "")


@functools.lru_cache(maxsize=None)
def _meta(kernel, debarch, flavour):
    """[(abi, version)] for the linux-headers-<flavour> meta package of the
    kernel's suite, preferred first."""
    meta = f"linux-headers-{flavour}"
    suite = suite_of(kernel)
    dep = _dep_re(flavour)
    out = []
    if _private(kernel):
        r = _apt_cache(kernel, "madison", f"{meta}:{debarch}")
        # "pkg | version | <uri> <suite>/main <arch> Packages", newest first
        vers = [f[1].strip() for f in (l.split("|") for l in r.stdout.splitlines())
                if len(f) == 3 and re.search(rf"\s{re.escape(suite)}/\S+\s", f" {f[2]} ")]
        if not vers:
            raise RuntimeError(
                f"Debian {suite} has no '{flavour}' kernel for {debarch}: no {meta}:{debarch} "
                f"in {suite} (private apt list {debarchive.APT_DIR / 'sources.list'})"
                + (f"; apt-cache: {r.stderr.strip()[-200:]}" if r.returncode else ""))
        m = dep.search(_depends(kernel, f"{meta}:{debarch}", vers[0]))
        if not m:
            raise RuntimeError(f"{meta}:{debarch}={vers[0]} ({suite}): no linux-headers-<abi>-"
                               f"{flavour} dependency")
        return (m.groups(),)
    if debarch == host_debarch():
        r = subprocess.run(["dpkg-query", "-W", "-f", "${Status}|${Depends}", meta],
                           capture_output=True, text=True)
        if r.returncode == 0 and "ok installed" in r.stdout:
            m = dep.search(r.stdout.split("|", 1)[1])
            if m:
                out.append(m.groups())
    r = subprocess.run(["apt-cache", "show", "--no-all-versions", f"{meta}:{debarch}"],
                       capture_output=True, text=True)
    line = next((l for l in r.stdout.splitlines() if l.startswith("Depends:")), "")
    m = dep.search(line)
    if m and m.groups() not in out:
        out.append(m.groups())
    if not out:
        raise RuntimeError(f"no {meta}:{debarch} in the apt indexes (apt-get update; "
                           f"multiarch: dpkg --add-architecture {debarch}; see scripts/deps)")
    return tuple(out)


def _spec(arch):
    a = load_arches()[arch]
    if not a.distro_flavour:
        raise RuntimeError(f"qemu/arches.json: {arch} has no distro_flavour")
    return a, a.debian_arch, a.distro_flavour


def cache_dir(version, debarch):
    return ROOT / f"{version}-{debarch}"


def build_dir(arch, kernel="distro"):
    """The cache dir the lane uses for `arch` and distro kernel `kernel`
    (first resolvable version already cached, else the preferred one); no
    download."""
    _, debarch, flavour = _spec(arch)
    try:
        cands = _meta(kernel, debarch, flavour)
    except (RuntimeError, subprocess.CalledProcessError):
        return ROOT / f"unresolved-{kernel}-{debarch}"  # prepare() raises the reason
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


def _config(path):
    out = {}
    for line in Path(path).read_text(errors="replace").splitlines():
        if line.startswith("CONFIG_") and "=" in line:
            k, v = line.split("=", 1)
            out[k] = v.strip('"')
    return out


# --- the compiler -----------------------------------------------------------------

def _cc_accepts(cc, flag):
    r = subprocess.run([cc, "-Werror", flag, "-x", "c", "-c", "-o", os.devnull, "-"],
                       input="int x;\n", capture_output=True, text=True)
    return r.returncode == 0


def _adapt_compiler(kdir, a, cfg):
    """Make .kernelvariables' CC one the host has; turn off Kconfig flags it
    rejects.  Returns the record for the stamp."""
    kv = kdir / ".kernelvariables"
    rec = {"kernel_cc": cfg.get("CONFIG_CC_VERSION_TEXT", "")}
    if not kv.exists():
        return rec
    text = kv.read_text()
    # trixie: an unconditional override; bookworm: $(DEB_HOST_GNU_TYPE)- for a
    # foreign arch only, i.e. what the runner passes anyway.
    m = re.search(r"^override CROSS_COMPILE = ([^\s$]+)\s*$", text, re.M)
    cross = m.group(1) if m else a.cross_compile
    m = re.search(r"^(CC = .*\$\(CROSS_COMPILE\))(gcc(?:-\d+)?)\s*$", text, re.M)
    if not m:
        return rec
    cc = cross + m.group(2)
    if not shutil.which(cc):
        if not shutil.which(cross + "gcc"):
            raise RuntimeError(f"{kv}: CC is {cc}, not on this host, and neither is {cross}gcc")
        rec["debian_cc"] = cc
        text = text[:m.start()] + m.group(1) + "gcc" + text[m.end():]
        cc = cross + "gcc"
    rec["cc"] = subprocess.run([cc, "--version"], capture_output=True,
                               text=True).stdout.splitlines()[0]
    dropped = []
    if (cfg.get("CONFIG_CC_HAS_MIN_FUNCTION_ALIGNMENT") == "y"
            and not _cc_accepts(cc, f"{MIN_ALIGN}=16")):
        # Kbuild falls back to -falign-functions, which GCC < 14 ignores for
        # cold functions (__init, .text.unlikely: 4-byte aligned on arm64).
        text += (f"# kcrypto distro lane: {cc} has no {MIN_ALIGN}\n"
                 "override CONFIG_CC_HAS_MIN_FUNCTION_ALIGNMENT :=\n")
        dropped.append(f"CONFIG_CC_HAS_MIN_FUNCTION_ALIGNMENT ({MIN_ALIGN} -> -falign-functions)")
        if cfg.get("CONFIG_DYNAMIC_FTRACE_WITH_CALL_OPS") == "y":
            # arm64 CALL_OPS patches a literal before each traced function and
            # needs it 8-byte aligned: a 4-aligned __init function gives
            # "Misaligned patch-site", then BUG in patch_map(), at module load.
            # Without patch sites our modules load; they are not traceable.
            text += ("# kcrypto distro lane: CALL_OPS needs aligned patch sites; no ftrace\n"
                     "override CC_FLAGS_FTRACE :=\n")
            dropped.append("CC_FLAGS_FTRACE (-fpatchable-function-entry: arm64 "
                           "DYNAMIC_FTRACE_WITH_CALL_OPS needs 8-byte aligned functions; "
                           "our modules are not ftrace-traceable on this kernel)")
    if dropped:
        rec["flags_off"] = dropped
    kv.write_text(text)
    return rec


# --- host tools -------------------------------------------------------------------

def _glibc_needs(f):
    r = subprocess.run(["objdump", "-T", str(f)], capture_output=True, text=True)
    vers = set(re.findall(r"GLIBC_(\d+(?:\.\d+)+)", r.stdout))
    return max(vers, key=lambda v: tuple(map(int, v.split("."))), default="")


def _runs(f):
    """'' if the host's loader can run f, else why not (ldd's complaint)."""
    r = subprocess.run(["ldd", str(f)], capture_output=True, text=True)
    bad = [re.sub(r"\s*\(required by [^)]*\)", "", l.strip().removeprefix(f"{f}: "))
           for l in (r.stdout + r.stderr).splitlines() if "not found" in l]
    if r.returncode != 0 and not bad:
        bad = [(r.stdout + r.stderr).strip()[:200]]
    return "; ".join(bad)


def _is_elf(f):
    try:
        with open(f, "rb") as fh:
            return fh.read(4) == b"\x7fELF"
    except OSError:
        return False


def _needed_tools(kbuild, a, cfg):
    """{path in kbuild: path in a `make modules_prepare` tree} of what the
    module build of this target runs."""
    bits = "64" if cfg.get("CONFIG_64BIT") == "y" else "32"
    end = "msb" if cfg.get("CONFIG_CPU_BIG_ENDIAN") == "y" else "lsb"
    srcarch = a.karch  # SRCARCH: x86, arm64, arm
    need = {"scripts/basic/fixdep": "scripts/basic/fixdep",
            "scripts/mod/modpost": "scripts/mod/modpost",
            f"scripts/mod/modpost.real-{end}-{bits}": "scripts/mod/modpost",
            "scripts/sign-file": "scripts/sign-file"}
    if cfg.get("CONFIG_OBJTOOL") == "y":
        need["tools/objtool/objtool"] = "tools/objtool/objtool"
        need[f"tools/objtool/objtool.real-{srcarch}"] = "tools/objtool/objtool"
    if cfg.get("CONFIG_MODVERSIONS") == "y":
        if cfg.get("CONFIG_GENDWARFKSYMS") == "y":
            need["scripts/gendwarfksyms/gendwarfksyms"] = "scripts/gendwarfksyms/gendwarfksyms"
        else:
            need["scripts/genksyms/genksyms"] = "scripts/genksyms/genksyms"
    if cfg.get("CONFIG_FTRACE_MCOUNT_USE_RECORDMCOUNT") == "y":
        need["scripts/recordmcount"] = "scripts/recordmcount"
    return {k: v for k, v in need.items() if (kbuild / k).exists()}


def _source_tree(major, version):
    """linux-source-<major>=<version> (debarchive's private list), extracted
    once under ~/.cache/kcrypto/src (shared with kernel.py when it is one of
    debarchive.SOURCES)."""
    pkg = f"linux-source-{major}"
    tag = next((f"{k}-{v}" for k, (p, v, _) in debarchive.SOURCES.items()
                if p == pkg and v == version), f"{major}-{version}")
    root = debarchive.extract(pkg, version)
    tb = root / "usr/src" / f"{pkg}.tar.xz"
    if not tb.exists():
        raise RuntimeError(f"{pkg} {version}: no {tb}")
    return debarchive.extract_source(tb, tag, pkg)


def _rebuild_tools(a, kdir, abi, version, dst, logf):
    """`make modules_prepare` of the matching linux-source with Debian's
    config for this target; returns the output tree."""
    major = ".".join(abi.split(".")[:2])
    src = _source_tree(major, version)
    out = dst / "host-tools"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    shutil.copy2(kdir / ".config", out / ".config")
    make = ["make", "-C", str(src), f"O={out}", f"ARCH={a.karch}"]
    if a.cross_compile:
        make.append(f"CROSS_COMPILE={a.cross_compile}")
    run_logged(make + ["olddefconfig"], logf)
    run_logged(make + [f"-j{os.cpu_count() or 1}", "modules_prepare"], logf)
    return out


def _host_tools(a, kdir, abi, version, dst, cfg, kernel):
    """Check every ELF of the kbuild package; rebuild what the module build
    needs and cannot run here.  Returns the record for the stamp."""
    kbuild = (kdir / "scripts").resolve().parent
    glibc = os.confstr("CS_GNU_LIBC_VERSION").split()[-1]
    need = _needed_tools(kbuild, a, cfg)
    elfs = sorted(p for p in kbuild.rglob("*") if p.is_file() and os.access(p, os.X_OK)
                  and _is_elf(p))
    check = {str(p.relative_to(kbuild)): {"glibc": _glibc_needs(p), "error": _runs(p)}
             for p in elfs}
    rec = {"host_glibc": glibc, "kbuild": kbuild.name, "rebuilt": {}, "unused_not_runnable": []}
    broken = [k for k in need if check.get(k, {}).get("error")]
    if broken:
        if not _private(kernel):
            raise RuntimeError(f"host tools of {kbuild.name} do not run here: "
                               + "; ".join(f"{k}: {check[k]['error']}" for k in broken))
        t = Timer()
        logf = dst / "host-tools.log"
        logf.write_text("")
        log(f"{kbuild.name}: {', '.join(broken)} cannot run here "
            f"(needs GLIBC_{max((check[k]['glibc'] for k in broken), default='?')}, host "
            f"{glibc}): rebuilding from linux-source (log: {logf})")
        out = _rebuild_tools(a, kdir, abi, version, dst, logf)
        for k in broken:
            built = out / need[k]
            if not built.exists():
                raise RuntimeError(f"rebuilding {k}: {built} missing after modules_prepare "
                                   f"(log: {logf})")
            (kbuild / k).rename(kbuild / (k + ".debian"))
            shutil.copy2(built, kbuild / k)
            err = _runs(kbuild / k)
            if err:
                raise RuntimeError(f"rebuilt {k} still does not run: {err}")
            rec["rebuilt"][k] = f"was GLIBC_{check[k]['glibc']}: {check[k]['error'][:120]}"
            check[k] = {"glibc": _glibc_needs(kbuild / k), "error": "", "rebuilt": True}
        shutil.rmtree(out, ignore_errors=True)
        rec["rebuild_seconds"] = round(t.s, 1)
        rec["rebuilt_from"] = f"linux-source-{'.'.join(abi.split('.')[:2])}={version}"
    rec["needed"] = sorted(need)
    rec["unused_not_runnable"] = sorted(k for k, v in check.items()
                                        if v["error"] and k not in need)
    rec["checked"] = {k: v["glibc"] + (" (rebuilt)" if v.get("rebuilt") else "")
                      for k, v in check.items()}
    return rec


def _pahole_version():
    try:
        r = subprocess.run(["pahole", "--version"], capture_output=True, text=True)
    except OSError:
        return 0
    m = re.search(r"(\d+)\.(\d+)", r.stdout)
    return int(m.group(1)) * 100 + int(m.group(2)) if m else 0


def _module_btf(kdir, cfg, kbuild):
    """Keep module BTF only if the host's pahole can do what Kbuild asks of
    it; else hide vmlinux so that Kbuild skips it.  Returns a note."""
    vml = kdir / "vmlinux"
    if cfg.get("CONFIG_DEBUG_INFO_BTF_MODULES") != "y" or not vml.exists():
        return "not generated (no vmlinux in the headers)"
    want = int(cfg.get("CONFIG_PAHOLE_VERSION", "0") or 0)
    have = _pahole_version()
    resolve = kbuild / "tools/bpf/resolve_btfids/resolve_btfids"
    why = ""
    if have < want:
        why = f"host pahole {have} is older than the kernel's {want} (unknown --btf_features)"
    elif resolve.exists() and _runs(resolve):
        why = f"resolve_btfids does not run here: {_runs(resolve)[:120]}"
    if not why:
        return f"generated (host pahole {have}, kernel {want})"
    vml.rename(kdir / "vmlinux.kcrypto-nobtf")
    return f"skipped: {why}; vmlinux renamed, Kbuild skips BTF"


# --- fetch ------------------------------------------------------------------------

def _dep_name(deps, pattern):
    m = re.search(rf"(?:^|[\s,|])({pattern})(?=[\s:,(|]|$)", deps)
    return m.group(1) if m else None


def _image_pkgs(kernel, release, debarch, version):
    """The package(s) holding the kernel image, its config and its modules:
    linux-image-<release>, or (7.x, where that is a meta package)
    linux-binary- and linux-base-<release>."""
    ideps = _depends(kernel, f"linux-image-{release}:{debarch}", version)
    if _private(kernel) and not ideps:
        raise RuntimeError(f"Debian {suite_of(kernel)} has no linux-image-{release}:{debarch}={version}")
    if f"linux-binary-{release}" in ideps:
        return [f"linux-binary-{release}:{debarch}={version}",
                f"linux-base-{release}:{debarch}={version}"]
    return [f"linux-image-{release}:{debarch}={version}"]


def own_modules(kst, subdir="kernel/crypto"):
    """Debian's own modules under lib/modules/<release>/<subdir> of the
    kernel of stamp `kst`, for guests whose modules depend on them
    (kcrypto-crypto.ko on 6.x needs crypto/aead.ko: CRYPTO_AEAD=m there).
    Extracted once beside the kernel; returns {guest path: host file}."""
    _, debarch, _ = _spec(kst["arch"])
    release = kst["release"]
    dst = cache_dir(kst["version"], debarch) / "own-modules"
    stampf = dst / f".{subdir.replace('/', '_')}"
    with flocked(str(dst) + ".lock"):
        if not stampf.exists():
            shutil.rmtree(dst, ignore_errors=True)
            dst.mkdir(parents=True)
            pkgs = _image_pkgs(kst["kernel"], release, debarch, kst["version"])
            with tempfile.TemporaryDirectory(prefix="kcrypto-distro-mods-") as tmp:
                if _private(kst["kernel"]):
                    debarchive.download(pkgs, tmp)
                else:
                    ok, err = _download(pkgs, tmp)
                    if not ok:
                        raise RuntimeError(f"apt-get download {' '.join(pkgs)}: {err[-300:]}")
                for deb in sorted(Path(tmp).glob("*.deb")):
                    p = subprocess.Popen(["dpkg-deb", "--fsys-tarfile", str(deb)],
                                         stdout=subprocess.PIPE)
                    subprocess.run(["tar", "-C", str(dst), "-x", "--wildcards",
                                    f"*/modules/{release}/{subdir}/*"],
                                   stdin=p.stdout, stderr=subprocess.DEVNULL)
                    p.wait()
            stampf.touch()
    out = {}
    for f in sorted(dst.glob(f"**/modules/{release}/{subdir}/**/*.ko*")):
        rel = f.as_posix().split(f"/modules/{release}/", 1)[1]
        out[f"/lib/modules/{release}/{rel}"] = str(f)
    if not out:
        raise RuntimeError(f"no modules under {subdir} in Debian's {release} packages")
    return out


def _fetch(arch, kernel, abi, version, dst):
    """Download and extract one kernel version into dst; return the stamp dict."""
    a, debarch, flavour = _spec(arch)
    suite = suite_of(kernel)
    major = ".".join(abi.split(".")[:2])
    release = f"{abi}-{flavour}"
    hdeps = _depends(kernel, f"linux-headers-{release}:{debarch}", version)
    common_pkg = _dep_name(hdeps, r"linux-headers-\S+-common") or f"linux-headers-{abi}-common"
    kbuild_pkg = _dep_name(hdeps, r"linux-kbuild-[^\s,(|:]+") or f"linux-kbuild-{major}"
    image_pkgs = _image_pkgs(kernel, release, debarch, version)
    pkgs = image_pkgs + [f"linux-headers-{release}:{debarch}={version}",
                         f"{common_pkg}={version}",
                         f"{kbuild_pkg}:{host_debarch()}={version}"]
    t = Timer()
    with tempfile.TemporaryDirectory(prefix="kcrypto-distro-") as tmp:
        if _private(kernel):
            try:
                debarchive.download(pkgs, tmp)
            except RuntimeError as e:
                why = (" (the index lists them, the archive answers 404 Not Found)"
                       if "404" in str(e) else "")
                raise RuntimeError(f"Debian {suite} {flavour} kernel {release} {version} for "
                                   f"{debarch} could not be downloaded{why}: {e}") from None
        else:
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
    fetch_s = t.s
    kdir = dst / "usr/src" / f"linux-headers-{release}"
    common = dst / "usr/src" / f"linux-headers-{abi}-common"
    mk = kdir / "Makefile"
    # include /usr/src/...-common/Makefile (and 7.x: KBUILD_OUTPUT=/usr/src/...)
    mk.write_text(re.sub(r"(?<![\w./~-])/usr/src/", f"{dst}/usr/src/", mk.read_text()))
    image = next((p for p in (dst / "boot" / f"vmlinuz-{release}",
                              dst / "usr/lib/modules" / release / "vmlinuz") if p.exists()),
                 dst / "boot" / f"vmlinuz-{release}")
    for f in (image, kdir / ".config", kdir / "Module.symvers", common / "Makefile",
              kdir / "scripts" / "basic" / "fixdep", kdir / "scripts" / "mod" / "modpost"):
        if not f.exists():
            raise RuntimeError(f"{f} missing after extraction")
    cfg = _config(kdir / ".config")
    cc = _adapt_compiler(kdir, a, cfg)
    tools = _host_tools(a, kdir, abi, version, dst, cfg, kernel)
    btf = _module_btf(kdir, cfg, (kdir / "scripts").resolve().parent)
    st = {"dir": str(kdir), "src": str(common), "image": str(image), "release": release,
          "arch": arch, "kernel": kernel, "suite": suite, "variant": "", "version": version,
          "flavour": flavour, "debs": names, "recipe": RECIPE, "compiler": cc,
          "host_tools": tools, "module_btf": btf,
          "modversions": cfg.get("CONFIG_MODVERSIONS") == "y",
          "fetch_seconds": round(fetch_s, 1), "build_seconds": round(t.s, 1)}
    (dst / STAMP).write_text(json.dumps(st, indent=1) + "\n")
    log(f"distro kernel {release} ({kernel}: {suite} {version}, {debarch}): ready in {t.s:.0f}s "
        f"into {dst}" + (f"; rebuilt host tools {', '.join(tools['rebuilt'])}"
                         if tools["rebuilt"] else "")
        + (f"; CC {cc['cc']} (Debian's: {cc['debian_cc']})" if cc.get("debian_cc") else "")
        + (f"; flags off: {', '.join(cc['flags_off'])}" if cc.get("flags_off") else "")
        + f"; module BTF {btf}")
    return st


def prepare(arch, kernel="distro"):
    """Fetch (or reuse) Debian's kernel `kernel` (one of common.DISTROS) for
    `arch`; return the stamp dict ('dir' = KDIR, 'image', 'release',
    'version', ...)."""
    _, debarch, flavour = _spec(arch)
    suite = suite_of(kernel)
    errors = []
    for abi, version in _meta(kernel, debarch, flavour):
        dst = cache_dir(version, debarch)
        with flocked(str(dst) + ".lock"):
            stampf = dst / STAMP
            if stampf.exists():
                st = json.loads(stampf.read_text())
                if st.get("recipe") == RECIPE and Path(st["image"]).exists():
                    log(f"distro kernel {st['release']} ({kernel}: {suite} {version}, "
                        f"{debarch}): cached")
                    return st
            try:
                return _fetch(arch, kernel, abi, version, dst)
            except (RuntimeError, subprocess.CalledProcessError) as e:
                errors.append(str(e))
                log(f"distro kernel {abi}-{flavour} {version}: {e}")
    raise RuntimeError(f"no Debian {suite} kernel could be fetched: " + " | ".join(errors)[:600])
