# SPDX-License-Identifier: GPL-2.0
"""One matrix cell (kernel, arch, variant, bind): copy and build the modules,
convert the vectors, pack the initramfs, boot (boot.py) and record one
verdict per scenario, with the documented xfails of qemu/xfail.json.

A cell is booted twice at most: the capable CPU ("main": every selected
scenario but S4) and the incapable one ("s4": S4 and resident); the
scenario table (scenarios.py) says which scenario runs on which boot.
"""
import gzip
import json
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import distro, guestbin, initramfs, scenarios
from .boot import boot, tcg_thread
from .common import DEFAULT_VECTORS, KERNEL_SPECS, OUT, QEMU_DIR, REPO, Timer, load_arches, log

RSYNC_EXCLUDES = ["/build/", "/.git/", "/harness/", "*.o", "*.ko", "*.mod", "*.mod.c", "*.cmd",
                  "*.a", ".*.d", "Module.symvers", "modules.order", ".tmp_versions/",
                  "__pycache__/", ".pytest_cache/"]


@dataclass(frozen=True)
class Options:
    """What the command line sets for every cell (scripts/qemu-matrix)."""
    jobs: int = 1
    src: Path = REPO               # module source tree to copy and build
    timeout: int | None = None     # per-scenario limit, s (default: the arch's boot_timeout)
    kvm: bool = False
    icount: bool = False
    guest_args: tuple = ()         # KEY=VAL for kcrypto_matrix.KEY=VAL
    tcg_thread: str = "auto"


def cell_name(kver, arch, variant, bind):
    return f"{kver}-{arch}" + (f"-{variant}" if variant else "") + f"-{bind}"


def cell_scenarios(kver, bind, chosen=None):
    """The scenario ids a cell runs: `chosen` (ids) or the defaults (plus the
    distro lane's extras on Debian's kernels), those that apply to `bind`;
    a build-only kernel has one verdict, its module build ("build")."""
    if KERNEL_SPECS[kver].get("build_only"):
        return ["build"]
    extra = scenarios.DISTRO_DEFAULT_EXTRA if "distro" in KERNEL_SPECS[kver] and not chosen else []
    return [s for s in list(chosen or scenarios.DEFAULT) + extra if scenarios.applicable(s, bind)]


# --- xfail ----------------------------------------------------------------------

def load_xfail():
    p = QEMU_DIR / "xfail.json"
    return json.loads(p.read_text()).get("xfail", []) if p.exists() else []


def xfail_reason(xf, kver, arch, bind, scen):
    for e in xf:
        if all(e.get(k) in (None, v) for k, v in
               (("kernel", kver), ("arch", arch), ("bind", bind), ("scenario", scen))):
            return e["reason"]
    return None


def has_kunit(kst):
    """Kbuild builds the KUnit suites only for a kernel with CONFIG_KUNIT
    (Debian's kernels have none); the guest then skips them, saying so."""
    cfg = Path(kst["dir"]) / ".config"
    return cfg.exists() and "CONFIG_KUNIT=y" in cfg.read_text(errors="replace").splitlines()


# --- modules ------------------------------------------------------------------

def copy_tree(dst, src_root):
    # Build outputs survive the rsync (incremental module builds), so a copy
    # of a different tree starts from scratch.
    stamp = dst.parent / "src.origin"
    if not stamp.exists() or stamp.read_text() != str(src_root):
        shutil.rmtree(dst, ignore_errors=True)
    dst.mkdir(parents=True, exist_ok=True)
    stamp.write_text(str(src_root))
    cmd = ["rsync", "-a", "--delete"] + [f"--exclude={e}" for e in RSYNC_EXCLUDES] + \
          [f"{src_root}/", f"{dst}/"]
    subprocess.run(cmd, check=True)


def kbuild_flags(kst, a, bind):
    """make arguments of every kcrypto build of a cell."""
    out = [f"KDIR={kst['dir']}", f"ARCH={a.karch}"]
    if a.cross_compile:
        out.append(f"CROSS_COMPILE={a.cross_compile}")
    if kst.get("llvm"):
        # Same toolchain as the kernel (clang, ld.lld): kCFI type hashes and
        # BTI/PAC code generation must match.
        out.append(f"LLVM={kst['llvm']}")
    return out + [f"BIND={bind}", "W=1"]


def build_modules(cdir, kst, a, bind, jobs, src_root=REPO):
    """Copy the tree and `make modules` it for this cell (a: common.Arch);
    return (ok, msg)."""
    src = cdir / "src"
    copy_tree(src, src_root)
    logf = cdir / "modules.log"
    if not (src / "Makefile").exists():
        return False, "no Makefile in the tree"
    cmd = ["make", "-C", str(src), *kbuild_flags(kst, a, bind), f"-j{jobs}", "modules"]
    t = Timer()
    with open(logf, "w") as lf:
        lf.write("$ " + " ".join(cmd) + "\n")
        lf.flush()
        r = subprocess.run(cmd, stdout=lf, stderr=subprocess.STDOUT)
    if r.returncode != 0:
        tail = [l for l in logf.read_text(errors="replace").splitlines() if "rror" in l][:3]
        return False, f"module build failed ({logf.relative_to(REPO)}): {' | '.join(tail)[:300]}"
    kos = sorted(p.relative_to(src) for p in src.rglob("*.ko"))
    return True, f"{len(kos)} modules in {t.s:.0f}s: {' '.join(map(str, kos))}"


def consumer_module(cdir, kst, a, bind, jobs):
    """The consumer scenario's module (qemu/guest/consumer.sh), as guest
    extras (see guest_extras): kcrypto installed from the cell's build
    (`make install` to a staging tree with the build's own flags, so
    nothing is rebuilt) and a copy of examples/kcrypto-example alone built
    against that install, through its kcrypto.mk, W=1, no warning.  The
    guest gets it in /lib/modules/<release>/examples/, apart from
    kcrypto's modules."""
    top = cdir / "consumer"
    shutil.rmtree(top, ignore_errors=True)
    ex = top / "kcrypto-example"
    shutil.copytree(cdir / "src" / "examples" / "kcrypto-example", ex)
    stage = top / "stage"
    logf = top / "build.log"
    flags = kbuild_flags(kst, a, bind)
    with open(logf, "w") as lf:
        for cmd in (["make", "-C", str(cdir / "src"), *flags, f"-j{jobs}", f"DESTDIR={stage}",
                     "install"],
                    ["make", "-C", str(ex), *flags, f"KCRYPTO_DIR={stage}/usr/src/kcrypto"]):
            lf.write("$ " + " ".join(cmd) + "\n")
            lf.flush()
            if subprocess.run(cmd, stdout=lf, stderr=subprocess.STDOUT).returncode != 0:
                return {}, f"consumer module build failed ({logf.relative_to(REPO)})"
    ko = ex / "kcrypto-example.ko"
    warn = [l for l in logf.read_text(errors="replace").splitlines()
            if "WARNING" in l or "warning:" in l]
    if warn or not ko.exists():
        return {}, (f"consumer module: {warn[0] if warn else 'no kcrypto-example.ko'} "
                    f"({logf.relative_to(REPO)})")
    return {f"/lib/modules/{kst['release']}/examples/kcrypto-example.ko": str(ko)}, ""


# --- vectors --------------------------------------------------------------------

def convert_vectors(paths, outdir):
    """Host-side JSON -> KTV; returns (ktv files, error text or '')."""
    files = []
    for p in paths:
        p = Path(p)
        files += sorted(p.rglob("*.json")) if p.is_dir() else [p]
    if not files:
        return [], f"no vector files found in {' '.join(map(str, paths))}"
    tool = REPO / "scripts" / "vectors-to-ktv"
    if not tool.exists():
        return [], "scripts/vectors-to-ktv not in the tree: vectors not converted"
    outdir.mkdir(parents=True, exist_ok=True)
    for old in outdir.glob("*.ktv"):
        old.unlink()
    out, errs = [], []
    for f in files:
        dst = outdir / (f.stem + ".ktv")
        with open(dst, "w") as o:
            r = subprocess.run([str(tool), str(f)], stdout=o, stderr=subprocess.PIPE, text=True)
        if r.returncode != 0 or dst.stat().st_size == 0:
            errs.append(f"{f.name}: vectors-to-ktv rc={r.returncode} {r.stderr.strip()[:120]}")
            dst.unlink()
        else:
            out.append(dst)
    return out, "; ".join(errs)


def guest_env(a, bind, kst, ktv, ktv_err):
    """The settings of /etc/kcrypto/matrix.env that come from the cell."""
    env = {"BIND": bind, "INCAPABLE": a.incapable_kind,
           "KUNIT": "y" if has_kunit(kst) else "n",
           "AFALG": "n" if kst.get("flavour") else "y",
           "KCAPI_SELFCHECK": guestbin.SELFCHECK_COUNTS}
    # What the kernel's crypto API has (crypto-api: which optional
    # drivers kcrypto-crypto registers), from its .config.
    cfg = Path(kst["dir"]) / ".config"
    text = cfg.read_text(errors="replace") if cfg.exists() else ""
    for opt in ("CONFIG_CRYPTO_POLY1305", "CONFIG_CRYPTO_CURVE25519"):
        m = re.search(rf"^{opt}=([ym])$", text, re.M)
        env["K" + opt] = m.group(1) if m else "n"
    if ktv_err:
        env["KTV_MISSING" if not ktv else "KTV_ERRORS"] = ktv_err.replace("\n", " ")
    return env


def guest_extras(cdir, kst, bind, scens, jobs):
    """Files scenarios need besides kcrypto's modules, as ({guest path: host
    file}, error text or ""): for a Scenario with wireguard=True, the
    kernel's own WireGuard built against this cell's kcrypto build
    (scripts/wireguard-build, KCRYPTO_SYMVERS) and the kernel's
    tools/testing/selftests/wireguard/netns.sh, both unmodified; for
    crypto-api, the AF_ALG clients /usr/bin/kcrypto-afalg and
    /usr/bin/kcrypto-kcapi with libkcapi.so.1 (guestbin.clients()), the KTV
    files they read in /etc/kcrypto/afalg/, kcrypto-kcapi's self-check file
    and, if a client did not build, /etc/kcrypto/afalg/build-errors.txt
    (the guest fails crypto-api on it); on Debian's kernels,
    their own modules under Scenario.own_modules dirs.  An error fails
    the scenarios that needed the extras, saying why."""
    extra = {}
    if kst.get("flavour") and any(scenarios.BY_ID[s].own_modules for s in scens):
        # Debian's kernel: its own modules that ours depend on.
        try:
            for sub in sorted({m for s in scens for m in scenarios.BY_ID[s].own_modules}):
                extra.update(distro.own_modules(kst, sub))
        except (RuntimeError, subprocess.CalledProcessError) as e:
            return extra, f"Debian's own modules: {e}"
    if "crypto-api" in scens and not kst.get("flavour"):
        # The AF_ALG clients and the vectors they run (not on Debian's
        # kernels: guest_env AFALG=n).  A client that does not build is
        # said in the guest (build-errors.txt), which fails the scenario.
        files, errs = guestbin.clients(kst["arch"])
        extra.update(files)
        ktv, err = convert_vectors([str(DEFAULT_VECTORS)], cdir / "afalg-vectors")
        if err:
            return extra, f"kcrypto-afalg vectors: {err}"
        ktv = [f for f in ktv if guestbin.AFALG_OPS.search(f.read_text())]
        for f in ktv:
            extra[f"/etc/kcrypto/afalg/{f.name}"] = str(f)
        try:
            extra[guestbin.SELFCHECK_GUEST] = str(
                guestbin.corrupt_tags_ktv(ktv, cdir / "afalg-corrupt-tags.ktv"))
        except guestbin.BuildError as e:
            errs.append(str(e))
        errf = cdir / "afalg-build-errors.txt"
        errf.unlink(missing_ok=True)
        if errs:
            log(f"AF_ALG clients: {'; '.join(errs)}")
            errf.write_text("\n".join(errs) + "\n")
            extra["/etc/kcrypto/afalg/build-errors.txt"] = str(errf)
    if not any(scenarios.BY_ID[s].wireguard for s in scens):
        return extra, ""
    out = cdir / "wireguard"
    env = dict(os.environ, BIND=bind, JOBS=str(jobs),
               KCRYPTO_SYMVERS=str(cdir / "src" / "Module.symvers"))
    if kst.get("llvm"):
        env["LLVM"] = str(kst["llvm"])
    r = subprocess.run([str(REPO / "scripts" / "wireguard-build"), kst["dir"], str(out)],
                       env=env, capture_output=True, text=True)
    if r.returncode != 0:
        return extra, f"scripts/wireguard-build failed: {r.stderr.strip()[-300:]}"
    extra[f"/lib/modules/{kst['release']}/extra/wireguard.ko"] = \
        r.stdout.strip().splitlines()[-1]
    kdir = Path(kst["dir"])
    for top in (kdir / "source", kdir):
        netns = top / "tools/testing/selftests/wireguard/netns.sh"
        if netns.exists():
            extra["/kcm/wireguard/netns.sh"] = str(netns)
            return extra, ""
    return extra, f"no tools/testing/selftests/wireguard/netns.sh in {kdir}/source"


# --- one cell -----------------------------------------------------------------------

def run_cell(kver, arch, variant, bind, scens, kst, ktv, ktv_err, opts, xf):
    """Build, boot and judge one cell; return its results.json entry (and
    print one line per scenario)."""
    a = load_arches()[arch]
    name = cell_name(kver, arch, variant, bind)
    cdir = OUT / name
    cdir.mkdir(parents=True, exist_ok=True)
    res = {"cell": name, "kernel": kver, "arch": arch, "variant": variant or "", "bind": bind,
           "boots": [], "scenarios": {}, "notes": []}
    t = Timer()

    def record(scen, status, reason, s=None, boot=None):
        xr = xfail_reason(xf, kver, arch, bind, scen)
        if xr and status == "FAIL":
            status, reason = "XFAIL", f"{xr} ({reason})"
        elif xr:
            reason = f"XPASS: documented xfail '{xr}' passes now. {reason}"
        sc = scenarios.BY_ID.get(scen.split("@", 1)[0])
        res["scenarios"][scen] = {
            "status": status, "reason": reason, "name": sc.name if sc else scen,
            "bindings": s.bindings if s else "", "time_ms": s.time_ms if s else None,
            "boot": boot, "kunit": s.kunit if s else [],
            "notes": (s.notes[-80:] if s else [])}
        line = f"{status:5} {name:24} {scenarios.label(scen):{scenarios.LABEL_WIDTH}}"
        if s and s.time_ms is not None:
            line += f" {s.time_ms / 1000:6.1f}s"
        if s and s.bindings and scen in ("S2", "S1", "S4", "S5"):
            line += f"  [{s.bindings.strip()}]"
        if reason and status != "PASS":
            line += f"  {reason}"
        print(line, flush=True)

    if kst is None:
        for sc in scens:
            record(sc, "FAIL", "kernel build failed (see stderr / build.log)")
        return res
    ok, msg = build_modules(cdir, kst, a, bind, opts.jobs, opts.src)
    res["modules"] = msg
    res["module_build_seconds"] = round(t.s, 1)
    log(f"{name}: modules: {msg}")
    if not ok:
        for sc in scens:
            record(sc, "FAIL", msg)
        return res
    if KERNEL_SPECS[kver].get("build_only"):
        # Build-only kernels: the W=1 module build is the whole verdict.
        record("build", "PASS", msg)
        res["seconds"] = round(t.s, 1)
        return res
    # A scenario whose kernel lacks what it needs fails here, saying so.
    cfg = Path(kst["dir"]) / ".config"
    cfg_text = cfg.read_text(errors="replace") if cfg.exists() else ""
    for sc in list(scens):
        miss = scenarios.missing_config(sc, cfg_text)
        if miss:
            hint = scenarios.BY_ID[sc].needs_hint
            record(sc, "FAIL", f"kernel without {', '.join(miss)}" + (f": {hint}" if hint else ""))
            scens = [x for x in scens if x != sc]
    if not scens:
        res["seconds"] = round(t.s, 1)
        return res
    extra, err = guest_extras(cdir, kst, bind, scens, opts.jobs)
    if err:
        needy = [x for x in scens if scenarios.BY_ID[x].wireguard or scenarios.BY_ID[x].own_modules]
        for sc in needy:
            record(sc, "FAIL", err)
        scens = [x for x in scens if x not in needy]
    if "consumer" in scens:
        more, err = consumer_module(cdir, kst, a, bind, opts.jobs)
        extra.update(more)
        if err:
            record("consumer", "FAIL", err)
            scens = [x for x in scens if x != "consumer"]
    if not scens:
        res["seconds"] = round(t.s, 1)
        return res
    initrd = cdir / "initramfs.cpio.gz"
    info = initramfs.build(arch, cdir / "src", initrd, kst["release"],
                           guest_env(a, bind, kst, ktv, ktv_err), ktv,
                           userland="net" if variant == "net" else "base", extra=extra)
    res["initramfs"] = info
    timeout = opts.timeout or a.boot_timeout * max(scenarios.BY_ID[x].slow for x in scens)
    if variant == "debug":
        timeout *= 3
    for kind in ("main", "s4"):
        ss = scenarios.on_boot(scens, kind)
        if not ss:
            continue
        logf = cdir / f"console-{kind}.log"
        b = boot(a, kst, initrd, ss, kind, logf, timeout, variant, opts.kvm,
                 silence=300 * (3 if variant == "debug" else 1),
                 icount=opts.icount, guest_args=opts.guest_args,
                 thread=tcg_thread(opts.tcg_thread, a, bind))
        log(f"{name}: boot {kind} ({b['cpu']}, tcg thread={b['tcg_thread']}): {b['seconds']}s"
            + (f" TIMEOUT ({b['timed_out']})" if b["timed_out"] else "") + ("" if b["done"] else " (no DONE token)"))
        res["boots"].append({k: v for k, v in b.items() if k not in ("verdicts", "console")})
        for sc, status, reason, s in b["verdicts"]:
            if sc == "S7" and status == "PASS" and ktv_err:
                status, reason = "FAIL", ktv_err
            if sc == "S4" and a.incapable_kind == "simulated":
                reason = f"SIMULATED incapability ({a.incapable_note or 'cpu_mask'}). {reason}"
            # A scenario run in both boots is recorded once per boot: its
            # id for its first boot, <id>@s4 for the incapable CPU's.
            first = scenarios.BY_ID[sc].boots[0] if sc in scenarios.BY_ID else "main"
            record(sc if kind == first else f"{sc}@{kind}", status, reason, s, kind)
        c = b["console"]
        if c.boot_notes:
            res["notes"] += c.boot_notes
        if c.preamble_bad:
            res["notes"].append("kernel log before the first scenario: " + c.preamble_bad[0])
    res["seconds"] = round(t.s, 1)
    return res


# --- modules built elsewhere --------------------------------------------------------

def boot_prebuilt(arch, kst, modules_dir, scens, name, bind="weak", extra=None):
    """Boot kernel stamp `kst` for `arch` with modules built elsewhere (DKMS,
    signed copies) and run guest scenarios `scens` in one boot.  `extra` maps
    guest paths to host files; they go into a second cpio appended to the
    initramfs (the kernel unpacks concatenated archives in order).
    Initramfs and console log in build/matrix/<name>/.  Returns
    {scenario: (status, reason)} and the boot record.
    On Debian's kernel: kst = distro.prepare(arch)."""
    outdir = OUT / name
    outdir.mkdir(parents=True, exist_ok=True)
    a = load_arches()[arch]
    ktv, ktv_err = [], ""
    if "S7" in scens:
        ktv, ktv_err = convert_vectors([str(DEFAULT_VECTORS)], outdir / "vectors")
    initrd = outdir / "initramfs.cpio.gz"
    initramfs.build(arch, modules_dir, initrd, kst["release"],
                    guest_env(a, bind, kst, ktv, ktv_err), ktv)
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
    b = boot(a, kst, initrd, scens, "main", outdir / "console.log", a.boot_timeout, None, False)
    res = {sc: (status, reason) for sc, status, reason, _ in b["verdicts"]}
    return res, {k: v for k, v in b.items() if k not in ("verdicts", "console")}
