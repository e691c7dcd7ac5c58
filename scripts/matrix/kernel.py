# SPDX-License-Identifier: GPL-2.0
"""Build (and cache) a minimal test kernel: tinyconfig + qemu/config fragments.

Cache layout (~/.cache/kcrypto, or $KCRYPTO_CACHE):
  src/linux-source-<ver>/          extracted once from /usr/src/linux-source-<ver>.tar.xz
  kernel/<ver>-<arch>[-<variant>]-<hash>/   O= build dir, also the KDIR for modules
The hash covers the fragments, the tarball, the compiler and this recipe, so a
changed fragment gets a fresh dir and an unchanged one is never rebuilt.
A fresh dir starts as a copy of the newest earlier build of the same name
(same source tree and LLVM setting; seed_from()), so a fragment change
recompiles only what kbuild's per-option dependencies (fixdep,
include/config/<OPTION>) and compiler-version.h say it touches: one option
costs minutes, not a full build.  KCRYPTO_KERNEL_CLEAN=1 builds from empty.
Kernel "distro" is not built: Debian's image and headers (distro.py).
"""
import argparse
import hashlib
import json
import os
import re
import resource
import subprocess
from pathlib import Path

from . import debarchive, distro
from .common import (CACHE, CONFIG_DIR, DEFAULT_KERNEL, DISTROS, KERNEL_SPECS, KERNELS, REPO,
                     Timer, die, flocked, load_arches, log, run_logged)

RECIPE = "kcrypto-kernel-build-1"
VARIANTS = ["debug", "sig", "net"]  # qemu/config/<variant>.config
STAMP = ".kcrypto-stamp.json"


def source_of(ver):
    """The linux-source a kernel name is built from ("7.3-kcfi" -> "7.3")."""
    return KERNEL_SPECS[ver]["source"]


def llvm_of(ver):
    """LLVM=<value> for this kernel, or None for GCC."""
    return KERNEL_SPECS[ver].get("llvm")


def tarball(ver):
    """The linux-source tarball: bookworm's /usr/src (scripts/deps installs it),
    or a package of a newer suite fetched through debarchive's private list."""
    src = source_of(ver)
    if src in debarchive.SOURCES:
        try:
            return debarchive.source_tarball(src)
        except (RuntimeError, subprocess.CalledProcessError) as e:
            die(f"linux-source for {ver}: {e}")
    return Path(f"/usr/src/linux-source-{src}.tar.xz")


def source_dir(ver):
    """Extract the Debian linux-source tarball once (under a lock) and return the tree."""
    tb = tarball(ver)
    if not tb.exists():
        die(f"{tb} missing (scripts/deps installs linux-source-{source_of(ver)})")
    src = source_of(ver)
    # Bookworm's trees keep their historic name; fetched ones carry the version.
    tag = src if src not in debarchive.SOURCES else f"{src}-{debarchive.SOURCES[src][1]}"
    try:
        return debarchive.extract_source(tb, tag, f"linux-source-{src}")
    except RuntimeError as e:
        die(str(e))


def fragments(arch, ver, variant):
    """Ordered config fragments: base, <arch>, <arch>-<source> (if any), the
    kernel's own (e.g. kcfi, kcfi-<arch>, if any), <variant> (if any)."""
    names = ["base", arch, f"{arch}-{source_of(ver)}"]
    for f in KERNEL_SPECS[ver].get("fragments", []):
        names += [f, f"{f}-{arch}"]
    if variant:
        names += [variant, f"{variant}-{arch}"]
    out = [CONFIG_DIR / f"{n}.config" for n in names]
    missing = [p for p in out[:2] if not p.exists()]
    if variant and not (CONFIG_DIR / f"{variant}.config").exists():
        missing.append(CONFIG_DIR / f"{variant}.config")
    for f in KERNEL_SPECS[ver].get("fragments", []):
        if not (CONFIG_DIR / f"{f}.config").exists():
            missing.append(CONFIG_DIR / f"{f}.config")
    if missing:
        die(f"missing config fragment(s): {', '.join(map(str, missing))}")
    return [p for p in out if p.exists()]


def toolchain(a, llvm=None):
    cc = f"clang{llvm}" if llvm else a.cross_compile + "gcc"
    try:
        return subprocess.run([cc, "--version"], capture_output=True, text=True,
                              check=True).stdout.splitlines()[0]
    except (OSError, subprocess.CalledProcessError):
        die(f"{cc} not found (run scripts/deps)")


def config_hash(arch, ver, variant, frags, a):
    h = hashlib.sha256()
    st = tarball(ver).stat()
    h.update(f"{RECIPE}\n{arch}\n{ver}\n{variant}\n{st.st_size} {int(st.st_mtime)}\n".encode())
    h.update(toolchain(a, llvm_of(ver)).encode())
    if llvm_of(ver):
        h.update(f"LLVM={llvm_of(ver)}\n".encode())
    # The JSON of these four qemu/arches.json fields (as before the Arch
    # type): the hash names every cached kernel dir.
    h.update(json.dumps({"karch": a.karch, "cross_compile": a.cross_compile,
                         "build_targets": list(a.build_targets), "image": a.image},
                        sort_keys=True).encode())
    for p in frags:
        h.update(p.name.encode() + b"\n" + p.read_bytes())
    return h.hexdigest()[:12]


def build_dir(arch, ver=DEFAULT_KERNEL, variant=None):
    if ver in DISTROS:
        if variant:
            die(f"kernel {ver} has no variants (it is Debian's own build)")
        return distro.build_dir(arch, ver)
    a = load_arches()[arch]
    frags = fragments(arch, ver, variant)
    name = f"{ver}-{arch}" + (f"-{variant}" if variant else "")
    return CACHE / "kernel" / f"{name}-{config_hash(arch, ver, variant, frags, a)}"


_OPT = re.compile(r"^(CONFIG_[A-Za-z0-9_]+)=(.*)$")
_NOT = re.compile(r"^# (CONFIG_[A-Za-z0-9_]+) is not set$")


def parse_config(text):
    want = {}
    for line in text.splitlines():
        line = line.strip()
        m = _OPT.match(line)
        if m:
            want[m.group(1)] = m.group(2)
            continue
        m = _NOT.match(line)
        if m:
            want[m.group(1)] = None
    return want


_KCONFIG_SYM = re.compile(r"^\s*(?:menu)?config\s+([A-Za-z0-9_]+)\s*$", re.M)


def kconfig_symbols(src):
    """Every symbol some Kconfig file of the tree defines."""
    syms = set()
    for f in Path(src).rglob("Kconfig*"):
        if f.is_file():
            syms.update(_KCONFIG_SYM.findall(f.read_text(errors="replace")))
    return syms


def unknown_options(src, frags):
    """Fragment options this tree's Kconfig does not define at all (removed
    upstream, e.g. PROC_SYSCTL in 7.x, always on there): reported, not fatal."""
    syms = kconfig_symbols(src)
    return sorted({opt for p in frags for opt in parse_config(p.read_text())
                   if opt.removeprefix("CONFIG_") not in syms})


def check_config(bdir, frags, ignore=()):
    """Every option a fragment asks for must survive olddefconfig (tinyconfig drops
    options whose dependencies are missing, silently).  Options in `ignore`
    (unknown to this tree) are skipped."""
    have = {k: v for k, v in parse_config((bdir / ".config").read_text()).items()}
    # A later fragment overrides an earlier one (merge_config.sh), e.g.
    # sig.config turns on the MODULE_SIG that base.config leaves off.
    want = {}
    for p in frags:
        for opt, val in parse_config(p.read_text()).items():
            want[opt] = (p.name, val)
    bad = []
    for opt, (name, val) in want.items():
        if opt in ignore:
            continue
        got = have.get(opt)
        if val is None:
            if got not in (None, "n"):
                bad.append(f"{name}: {opt} should be unset, is {got}")
        elif got != val:
            bad.append(f"{name}: {opt}={val} requested, got {got or 'unset'}")
    return bad


def make_cmd(src, bdir, a, *targets, jobs=None, llvm=None):
    cmd = ["make", "-C", str(src), f"O={bdir}", f"ARCH={a.karch}"]
    if a.cross_compile:
        cmd.append(f"CROSS_COMPILE={a.cross_compile}")
    if llvm:
        cmd.append(f"LLVM={llvm}")
    if jobs:
        cmd.append(f"-j{jobs}")
    return cmd + list(targets)


def last_build(prefix, exclude=None):
    """The newest earlier build of this kernel name (any config hash) in the
    cache, else the slowest of any kernel of the same arch, as (stamp dict,
    same_kernel) for the progress estimate; (None, False) if there is none."""
    def stamps(pattern):
        out = []
        for st in (CACHE / "kernel").glob(f"{pattern}/{STAMP}"):
            if exclude and st.parent == exclude:
                continue
            try:
                out.append((st.stat().st_mtime, json.loads(st.read_text())))
            except (OSError, ValueError):
                pass
        # A seeded build's time says nothing about a full one.
        return [d for _, d in sorted(out, key=lambda x: x[0])
                if d.get("build_seconds") and not d.get("seeded_from")]
    same = stamps(f"{prefix}-*")
    if same:
        return same[-1], True
    other = stamps(f"*-{prefix.rsplit('-', 1)[-1]}-*")
    if other:
        return max(other, key=lambda d: d["build_seconds"]), False
    return None, False


def seed_from(bdir, src, llvm):
    """The newest earlier, finished build dir of bdir's kernel name (any
    config hash) built from the same source dir with the same LLVM setting,
    or None (also when KCRYPTO_KERNEL_CLEAN=1)."""
    if os.environ.get("KCRYPTO_KERNEL_CLEAN") == "1":
        return None
    prefix = bdir.name.rsplit("-", 1)[0]
    best = None
    for st in (CACHE / "kernel").glob(f"{prefix}-*/{STAMP}"):
        d = st.parent
        if d == bdir or d.name.rsplit("-", 1)[0] != prefix:
            continue
        try:
            info = json.loads(st.read_text())
        except (OSError, ValueError):
            continue
        if (info.get("src") != str(src) or info.get("llvm", "") != (llvm or "")
                or not (d / ".config").exists() or not Path(info.get("image", "")).exists()):
            continue
        if best is None or st.stat().st_mtime > best[0]:
            best = (st.stat().st_mtime, d)
    return best[1] if best else None


def seed(bdir, src, llvm):
    """Fill the empty bdir with a copy of seed_from()'s dir; return it or None."""
    old = seed_from(bdir, src, llvm)
    if old is None:
        return None
    with flocked(str(old) + ".lock"):
        subprocess.run(["cp", "-a", "--reflink=auto", f"{old}/.", str(bdir)], check=True)
    for f in (STAMP, "build.log"):
        (bdir / f).unlink(missing_ok=True)
    return old


def build(arch, ver=DEFAULT_KERNEL, variant=None, jobs=None, force=False):
    """Build (or reuse) the kernel; return its stamp dict (has 'dir', 'image', 'release')."""
    arches = load_arches()
    if arch not in arches:
        die(f"unknown arch {arch} (known: {', '.join(arches)})")
    if ver not in KERNELS:
        die(f"unknown kernel {ver} (known: {', '.join(KERNELS)})")
    if ver in DISTROS:
        build_dir(arch, ver, variant)  # refuses a variant
        return distro.prepare(arch, ver)
    a = arches[arch]
    frags = fragments(arch, ver, variant)
    bdir = build_dir(arch, ver, variant)
    stampf = bdir / STAMP
    with flocked(str(bdir) + ".lock"):
        if stampf.exists() and not force:
            st = json.loads(stampf.read_text())
            if Path(st["image"]).exists():
                log(f"kernel {bdir.name}: cached (built in {st['build_seconds']:.0f}s)")
                return st
        src = source_dir(ver)
        jobs = jobs or os.cpu_count() or 1
        t = Timer()
        ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        llvm = llvm_of(ver)
        seeded = None
        if not bdir.exists() or not any(bdir.iterdir()):
            bdir.mkdir(parents=True, exist_ok=True)
            seeded = seed(bdir, src, llvm)
        stampf.unlink(missing_ok=True)
        logf = bdir / "build.log"
        logf.write_text("")
        if seeded:
            log(f"kernel {bdir.name}: starting from a copy of {seeded.name} (kbuild "
                "recompiles what the config change touches)")
        log(f"kernel {bdir.name}: configuring (log: {logf})")
        run_logged(make_cmd(src, bdir, a, "tinyconfig", llvm=llvm), logf)
        env = dict(os.environ, ARCH=a.karch, CROSS_COMPILE=a.cross_compile)
        if llvm:
            env["LLVM"] = llvm
        run_logged([str(src / "scripts/kconfig/merge_config.sh"), "-m", "-O", str(bdir),
                    str(bdir / ".config")] + [str(p) for p in frags], logf, cwd=bdir, env=env)
        run_logged(make_cmd(src, bdir, a, "olddefconfig", llvm=llvm), logf)
        unknown = unknown_options(src, frags)
        if unknown:
            log(f"kernel {bdir.name}: options this kernel no longer has (ignored): "
                + " ".join(unknown))
        bad = check_config(bdir, frags, unknown)
        if bad:
            raise RuntimeError("config options did not stick after olddefconfig "
                               "(missing dependency in the fragments?):\n  " + "\n  ".join(bad))
        log(f"kernel {bdir.name}: building {' '.join(a.build_targets)} with -j{jobs}")
        prev, same = last_build(bdir.name.rsplit("-", 1)[0], bdir)
        lines0 = sum(1 for _ in open(logf, errors="replace"))

        def progress(s, nlines):
            steps = nlines - lines0
            msg = f"kernel {bdir.name}: compiling, {s / 60:.1f} min elapsed, {steps} build steps"
            if seeded:
                return msg + f" (incremental, on a copy of {seeded.name})"
            if not prev:
                return msg + " (no earlier build to estimate from)"
            if same and prev.get("build_steps"):
                frac = min(steps / prev["build_steps"], 0.99)
                msg += f" of about {prev['build_steps']} ({frac:.0%})"
                if frac > 0.05:
                    msg += f", about {s / frac * (1 - frac) / 60:.0f} min left"
                return msg
            ref = "this kernel" if same else f"{prev['arch']} kernel {prev['kernel']}"
            left = max(prev["build_seconds"] - s, 0) / 60
            return msg + (f", about {left:.0f} min left (the last build of {ref} "
                          f"took {prev['build_seconds'] / 60:.0f} min)")
        run_logged(make_cmd(src, bdir, a, *a.build_targets, jobs=jobs, llvm=llvm), logf,
                   progress=progress)
        image = bdir / a.image
        for f in (image, bdir / "Module.symvers"):
            if not f.exists():
                raise RuntimeError(f"build finished but {f} is missing")
        release = (bdir / "include/config/kernel.release").read_text().strip()
        steps = sum(1 for _ in open(logf, errors="replace")) - lines0
        ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (ru1.ru_utime - ru0.ru_utime) + (ru1.ru_stime - ru0.ru_stime)
        st = {"dir": str(bdir), "src": str(src), "image": str(image), "release": release,
              "arch": arch, "kernel": ver, "variant": variant or "", "llvm": llvm or "",
              "fragments": [str(p.relative_to(REPO)) for p in frags],
              "seeded_from": seeded.name if seeded else "",
              "unknown_options": unknown, "build_steps": steps,
              "build_seconds": round(t.s, 1), "cpu_seconds": round(cpu, 1), "jobs": jobs,
              "loadavg_at_end": os.getloadavg()[0]}
        stampf.write_text(json.dumps(st, indent=1) + "\n")
        log(f"kernel {bdir.name}: built {release} in {t.s:.0f}s wall, {cpu:.0f}s CPU "
            f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")
        return st


def main(argv=None):
    p = argparse.ArgumentParser(prog="kernel-build", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--arch", required=True, choices=list(load_arches()))
    p.add_argument("--kernel", default=DEFAULT_KERNEL, choices=KERNELS)
    p.add_argument("--variant", choices=VARIANTS)
    p.add_argument("-j", "--jobs", type=int)
    p.add_argument("--force", action="store_true", help="rebuild even if the stamp says done")
    p.add_argument("--print-dir", action="store_true",
                   help="print the build dir for these options and exit (no build)")
    args = p.parse_args(argv)
    if args.print_dir:
        print(build_dir(args.arch, args.kernel, args.variant))
        return 0
    try:
        st = build(args.arch, args.kernel, args.variant, args.jobs, args.force)
    except RuntimeError as e:
        log(f"kernel-build: {e}")
        return 1
    print(st["dir"])
    return 0
