# SPDX-License-Identifier: GPL-2.0
"""scripts/qemu-matrix: build kernel + modules per cell, boot QEMU, judge scenarios.

A cell is (kernel, arch, variant, bind).  Per cell: the source tree is copied
to build/matrix/<cell>/src and built there against the cached kernel; one
boot runs every selected scenario but S4, a second boot (CPU without the
features, or arm64's simulated incapability) runs S4.  Every boot has a hard
timeout; a missing final token is a crash/hang and fails what did not report.
Output: one line per cell and scenario, `N passed, N failed`, exit status,
build/matrix/{grid.md,grid.html,results.json} and the raw console logs.
"""
import argparse
import html
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from . import console, initramfs, kernel
from .common import (ARCH_NAMES, CACHE, CELL_SETS, DEFAULT_KERNEL, DISTROS, KERNEL_SPECS, KERNELS, QEMU_DIR,
                     REPO, Timer, load_arches, log)

SCENARIOS = ["S1", "S1b", "S2", "S3", "S4", "S5", "S6", "S6w", "S7", "policy"]
# Opt-in scenarios: every other qemu/guest/<name>.sh but lib.sh (e.g.
# stress, bench).  Run only when named with --scenario.
OPTIN_SCENARIOS = sorted(f.stem for f in QEMU_DIR.glob("guest/*.sh")
                         if f.stem != "lib" and f.stem not in SCENARIOS)
ONLY_BIND = {"S6": "ffp", "S6w": "weak"}
# Opt-in scenarios that are defaults in the distro lane (Debian's kernel:
# taint bits and vermagic of our modules on a kernel we did not build).
DISTRO_DEFAULT_EXTRA = ["taint"]
BINDS = ["weak", "ffp"]
OUT = REPO / "build" / "matrix"
DEFAULT_VECTORS = REPO / "vectors"
RSYNC_EXCLUDES = ["/build/", "/.git/", "/harness/", "*.o", "*.ko", "*.mod", "*.mod.c", "*.cmd",
                  "*.a", ".*.d", "Module.symvers", "modules.order", ".tmp_versions/",
                  "__pycache__/", ".pytest_cache/"]


def applicable(scen, bind):
    return ONLY_BIND.get(scen, bind) == bind


def cell_name(kver, arch, variant, bind):
    return f"{kver}-{arch}" + (f"-{variant}" if variant else "") + f"-{bind}"


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


def build_modules(cdir, kst, a, bind, jobs, src_root=REPO):
    """Copy the tree and `make modules` it for this cell; return (ok, msg)."""
    src = cdir / "src"
    copy_tree(src, src_root)
    logf = cdir / "modules.log"
    if not (src / "Makefile").exists():
        return False, "no Makefile in the tree"
    cmd = ["make", "-C", str(src), f"KDIR={kst['dir']}", f"ARCH={a['karch']}",
           f"BIND={bind}", "W=1", f"-j{jobs}", "modules"]
    if a["cross_compile"]:
        cmd.insert(5, f"CROSS_COMPILE={a['cross_compile']}")
    if kst.get("llvm"):
        # Same toolchain as the kernel (clang, ld.lld): kCFI type hashes and
        # BTI/PAC code generation must match.
        cmd.insert(5, f"LLVM={kst['llvm']}")
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


# --- QEMU -------------------------------------------------------------------------

def tcg_thread(choice, a, bind):
    """TCG threading for a cell.  auto: single-threaded for x86_64 ffp.

    Its static_call sites are rewritten by text_poke_bp() while the other
    vCPU runs them (S5/S6/stress).  QEMU 7.2's multi-threaded TCG can then
    execute a stale translation of the temporary int3, after the kernel has
    finished patching: "Oops: int3" at a site that already holds the new
    call (Documentation/reliability.md).  One host thread keeps QEMU's code
    invalidation exact; the vCPUs still interleave at translation-block
    boundaries and the guest still preempts and takes interrupts."""
    if choice != "auto":
        return choice
    return "single" if a["karch"] == "x86" and bind == "ffp" else "multi"


def qemu_cmd(a, kst, initrd, cmdline, cpu, kvm, thread="multi"):
    cmd = [a["qemu"], "-M", a["machine"], "-smp", "2", "-m", "1G",
           "-nographic", "-monitor", "none", "-no-reboot",
           "-kernel", kst["image"], "-initrd", str(initrd), "-append", cmdline]
    if kvm and Path("/dev/kvm").exists() and a["karch"] == "x86":
        cmd += ["-accel", "kvm", "-cpu", "host" if cpu == a["cpu"] else cpu]
    else:
        cmd += ["-accel", f"tcg,thread={thread}", "-cpu", cpu]
    return cmd


def boot(a, kst, initrd, scens, kind, logf, timeout, variant, kvm, silence=300,
         icount=False, guest_args=(), thread="multi"):
    cpu = a["cpu"]
    if kind == "s4" and a.get("incapable_kind") == "cpu":
        cpu = a["cpu_incapable"]
    cmdline = (f"console={a['console']} panic=-1 oops=panic printk.devkmsg=on loglevel=7 "
               f"kcrypto_matrix.boot={kind} kcrypto_matrix.scenarios={','.join(scens)}")
    if variant == "debug":
        cmdline += " panic_on_warn=1"
    for ga in guest_args:
        cmdline += f" kcrypto_matrix.{ga}"
    cmd = qemu_cmd(a, kst, initrd, cmdline, cpu, kvm and not icount, thread)
    if icount:
        # Deterministic virtual time: one instruction = one ns; guest
        # timings are then instruction counts (the in-kernel benchmarks).  One
        # vCPU: qemu-system-arm 7.2 hangs at boot with -smp 2 -icount, and
        # counts are cleaner without a second CPU.
        cmd += ["-icount", "shift=0"]
        cmd[cmd.index("-smp") + 1] = "1"
    t = Timer()
    timed_out = False
    with open(logf, "w") as lf:
        lf.write("# " + " ".join(cmd) + "\n")
        lf.flush()
        p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=lf, stderr=subprocess.STDOUT)
        # Slow is not hung.  Three limits, each named in the verdict when it
        # fires: per scenario (`timeout` s from its BEGIN token; the boot up
        # to the first scenario counts as one), a silent console (a hung
        # kernel prints nothing, every scenario step prints a token), and a
        # cap on the whole boot of one scenario limit per scenario plus one.
        size, quiet_since = -1, time.monotonic()
        cap = timeout * (len(scens) + 1)
        scen, scen_since, seen = "boot", time.monotonic(), 0
        with open(logf, "rb") as rf:
            while True:
                try:
                    rc = p.wait(timeout=2)
                    break
                except subprocess.TimeoutExpired:
                    pass
                now = time.monotonic()
                cur = logf.stat().st_size
                if cur != size:
                    size, quiet_since = cur, now
                    seen = min(seen, cur)
                    rf.seek(seen)
                    chunk = rf.read(cur - seen)
                    # Only whole lines: a token may be half written.
                    chunk = chunk[:chunk.rfind(b"\n") + 1]
                    seen += len(chunk)
                    for m in re.finditer(rb"KCM: BEGIN (\S+)", chunk):
                        scen, scen_since = m.group(1).decode(errors="replace"), now
                if now - scen_since > timeout:
                    timed_out = f"{scen} over its {timeout}s scenario limit"
                elif now - quiet_since > silence:
                    timed_out = f"console silent for {silence}s in {scen}"
                elif t.s > cap:
                    timed_out = f"boot over its {cap}s limit ({len(scens)} scenarios)"
                if timed_out:
                    p.kill()
                    rc = p.wait()
                    break
    text = logf.read_text(errors="replace")
    c = console.parse(text)
    verdicts = console.evaluate(c, scens, kst["src"], timed_out, timeout, rc)
    return {"kind": kind, "cpu": cpu, "tcg_thread": None if "kvm" in cmd else thread,
            "seconds": round(t.s, 1), "timed_out": timed_out,
            "rc": rc, "done": c.done, "log": str(logf.relative_to(REPO)), "boot": c.boot,
            "verdicts": verdicts, "console": c}


# --- one cell -----------------------------------------------------------------------

def run_cell(kver, arch, variant, bind, scens, kst, ktv, ktv_err, args, xf):
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
        res["scenarios"][scen] = {
            "status": status, "reason": reason,
            "bindings": s.bindings if s else "", "time_ms": s.time_ms if s else None,
            "boot": boot, "kunit": s.kunit if s else [],
            "notes": (s.notes[-80:] if s else [])}
        line = f"{status:5} {name:24} {scen:4}"
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
    ok, msg = build_modules(cdir, kst, a, bind, args.jobs, args.src)
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
    env = {"BIND": bind, "INCAPABLE": a.get("incapable_kind", "cpu"),
           "KUNIT": "y" if has_kunit(kst) else "n"}
    if ktv_err:
        env["KTV_MISSING" if not ktv else "KTV_ERRORS"] = ktv_err.replace("\n", " ")
    initrd = cdir / "initramfs.cpio.gz"
    info = initramfs.build(arch, cdir / "src", initrd, kst["release"], env, ktv)
    res["initramfs"] = info
    timeout = args.timeout or a["boot_timeout"]
    if variant == "debug":
        timeout *= 3
    # The incapable-CPU boot runs S4, and the residency report for that CPU.
    on_s4 = ("S4", "resident")
    plan = [("main", [s for s in scens if s not in ("S4",)]),
            ("s4", [s for s in scens if s in on_s4])]
    for kind, ss in plan:
        if not ss:
            continue
        logf = cdir / f"console-{kind}.log"
        b = boot(a, kst, initrd, ss, kind, logf, timeout, variant, args.kvm,
                 silence=300 * (3 if variant == "debug" else 1),
                 icount=args.icount, guest_args=args.guest_arg or (),
                 thread=tcg_thread(args.tcg_thread, a, bind))
        log(f"{name}: boot {kind} ({b['cpu']}, tcg thread={b['tcg_thread']}): {b['seconds']}s"
            + (f" TIMEOUT ({b['timed_out']})" if b["timed_out"] else "") + ("" if b["done"] else " (no DONE token)"))
        res["boots"].append({k: v for k, v in b.items() if k not in ("verdicts", "console")})
        for sc, status, reason, s in b["verdicts"]:
            if sc == "S7" and status == "PASS" and ktv_err:
                status, reason = "FAIL", ktv_err
            if sc == "S4" and a.get("incapable_kind") == "simulated":
                reason = f"SIMULATED incapability ({a.get('incapable_note', 'cpu_mask')}). {reason}"
            # A scenario run in both boots is recorded once per boot.
            record(sc if kind == "main" or sc == "S4" else f"{sc}@{kind}",
                   status, reason, s, kind)
        c = b["console"]
        if c.boot_notes:
            res["notes"] += c.boot_notes
        if c.preamble_bad:
            res["notes"].append("kernel log before the first scenario: " + c.preamble_bad[0])
    res["seconds"] = round(t.s, 1)
    return res


# --- grid -------------------------------------------------------------------------

def grid_name(out_json):
    """results.json -> grid.md, distro-results.json -> distro-grid.md."""
    name = Path(out_json or "results.json").name
    return (name[:-len("results.json")] if name.endswith("results.json") else "") + "grid.md"


def write_grid(results, total_s, kernels_info, out_json=None):
    OUT.mkdir(parents=True, exist_ok=True)
    out_json = Path(out_json or OUT / "results.json")
    out_json.parent.mkdir(parents=True, exist_ok=True)
    out_json.write_text(json.dumps(
        {"cells": results, "kernels": kernels_info, "total_seconds": round(total_s, 1)},
        indent=1, default=str) + "\n")
    cells = [r for r in results]
    scens = [s for s in SCENARIOS + OPTIN_SCENARIOS + ["build"]
             if any(s in r["scenarios"] for r in cells)]
    md = ["# kcrypto QEMU matrix", "",
          f"Generated by scripts/qemu-matrix; total {total_s / 60:.1f} min. "
          "Rows: scenario; columns: kernel / arch / binding. Raw console logs: "
          "`build/matrix/<cell>/console-*.log`.", ""]
    md.append("| scenario | " + " | ".join(r["cell"] for r in cells) + " |")
    md.append("|---|" + "---|" * len(cells))
    for s in scens:
        row = []
        for r in cells:
            v = r["scenarios"].get(s)
            if not v:
                row.append("—")
                continue
            t = f" {v['time_ms'] / 1000:.1f}s" if v.get("time_ms") is not None else ""
            if v["reason"].startswith("SIMULATED"):
                t += " (simulated)"
            row.append(f"**{v['status']}**{t}" + ("" if v["status"] == "PASS" else
                                                  "<br>" + v["reason"][:200].replace("|", "/")))
        md.append(f"| {s} | " + " | ".join(row) + " |")
    md += ["", "## Bindings (S2: accelerated, S4: incapable CPU)", "",
           "| cell | S2 | S4 |", "|---|---|---|"]
    for r in cells:
        b2 = r["scenarios"].get("S2", {}).get("bindings", "")
        b4 = r["scenarios"].get("S4", {}).get("bindings", "")
        md.append(f"| {r['cell']} | {b2 or '—'} | {b4 or '—'} |")
    md += ["", "## Timings", "", "| cell | modules | boots |", "|---|---|---|"]
    for r in cells:
        boots = ", ".join(f"{b['kind']} {b['seconds']}s ({b['cpu']})"
                          + (f" TIMEOUT ({b['timed_out']})" if b["timed_out"] else "") for b in r["boots"])
        md.append(f"| {r['cell']} | {r.get('module_build_seconds', '—')}s | {boots or '—'} |")
    if kernels_info:
        md += ["", "## Kernels", "", "| kernel | release | build time (when built) | dir |",
               "|---|---|---|---|"]
        for k in kernels_info:
            md.append(f"| {k['name']} | {k.get('release', '—')} | {k.get('build_seconds', '—')}s"
                      f"{' (cached)' if k.get('cached') else ''} | {k.get('dir', '')} |")
    md += ["", "## Reasons", ""]
    for r in cells:
        for s, v in r["scenarios"].items():
            if v["reason"]:
                md.append(f"- {r['cell']} {s} {v['status']}: {v['reason']}")
    # results.json -> grid.md, distro-results.json -> distro-grid.md: two
    # runs in one session keep their own grids.
    (OUT / grid_name(out_json)).write_text("\n".join(md) + "\n")

    color = {"PASS": "#c8f7c5", "FAIL": "#f7c5c5", "XFAIL": "#f7ecc5"}
    h = ["<!DOCTYPE html><html><head><meta charset='utf-8'><title>kcrypto QEMU matrix</title>",
         "<style>body{font-family:sans-serif}table{border-collapse:collapse}"
         "td,th{border:1px solid #999;padding:4px;vertical-align:top;font-size:13px}"
         "small{color:#333}</style></head><body>",
         f"<h1>kcrypto QEMU matrix</h1><p>total {total_s / 60:.1f} min</p><table><tr><th>scenario</th>"]
    h += [f"<th>{html.escape(r['cell'])}</th>" for r in cells]
    h.append("</tr>")
    for s in scens:
        h.append(f"<tr><th>{s}</th>")
        for r in cells:
            v = r["scenarios"].get(s)
            if not v:
                h.append("<td>—</td>")
                continue
            t = f" {v['time_ms'] / 1000:.1f}s" if v.get("time_ms") is not None else ""
            h.append(f"<td style='background:{color.get(v['status'], '#fff')}'><b>{v['status']}</b>{t}"
                     f"<br><small>{html.escape(v['bindings'])}</small>"
                     f"<br><small>{html.escape(v['reason'][:300])}</small></td>")
        h.append("</tr>")
    h.append("<tr><th>boots</th>")
    for r in cells:
        h.append("<td><small>" + "<br>".join(
            html.escape(f"{b['kind']}: {b['seconds']}s {b['cpu']} ") +
            f"<a href='{html.escape(os.path.relpath(REPO / b['log'], OUT))}'>log</a>"
            for b in r["boots"]) + "</small></td>")
    h.append("</tr></table></body></html>")
    (OUT / grid_name(out_json).replace(".md", ".html")).write_text("\n".join(h) + "\n")


# --- main -------------------------------------------------------------------------

def keep_failure_logs(results, keep=10):
    """Copy the console logs of failing cells under the cache: CI runs in a
    clone that is deleted afterwards, and a crash needs the whole log."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    root = CACHE / "matrix-failures"
    for r in results:
        if not any(v["status"] == "FAIL" for v in r["scenarios"].values()):
            continue
        d = root / f"{stamp}-{r['cell']}"
        d.mkdir(parents=True, exist_ok=True)
        for f in (OUT / r["cell"]).glob("*.log"):
            shutil.copy2(f, d / f.name)
        log(f"{r['cell']}: failing console logs kept in {d}")
    old = sorted(root.glob("*")) if root.exists() else []
    for d in old[:-keep]:
        shutil.rmtree(d, ignore_errors=True)


def _cell_arg(text):
    k, _, a = text.partition(":")
    if k not in KERNELS or a not in ARCH_NAMES:
        raise argparse.ArgumentTypeError(f"{text!r}: expected KERNEL:ARCH with KERNEL one of "
                                         f"{', '.join(KERNELS)} and ARCH one of "
                                         f"{', '.join(ARCH_NAMES)}")
    return text


def kernel_arch_pairs(args):
    """(kernel, arch) pairs: a named set (--set; --kernel/--arch narrow it),
    else the product of --kernel and --arch."""
    if args.cell:
        return [tuple(c.split(":", 1)) for c in args.cell]
    if not args.set:
        return [(k, a) for k in (args.kernel or [DEFAULT_KERNEL])
                for a in (args.arch or list(ARCH_NAMES))]
    lane, name = args.set.split(":", 1) if ":" in args.set else ("matrix", args.set)
    pairs = [(k, a) for k, arches in CELL_SETS[name][lane] for a in arches]
    return [(k, a) for k, a in pairs
            if (not args.kernel or k in args.kernel) and (not args.arch or a in args.arch)]


def main(argv=None):
    p = argparse.ArgumentParser(prog="qemu-matrix", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--arch", action="append", choices=ARCH_NAMES)
    p.add_argument("--bind", action="append", choices=BINDS)
    p.add_argument("--kernel", action="append", choices=KERNELS)
    p.add_argument("--set", choices=[f"{lane}:{n}" if lane != "matrix" else n
                                     for n, v in CELL_SETS.items() for lane in v],
                   help="a named cell set (scripts/matrix/common.py CELL_SETS): ci, full, "
                        "distro:ci, distro:full")
    p.add_argument("--cell", action="append", metavar="KERNEL:ARCH",
                   type=_cell_arg, help="exactly this (kernel, arch) pair (repeatable; "
                   "overrides --set, --kernel and --arch)")
    p.add_argument("--variant", choices=kernel.VARIANTS)
    p.add_argument("--scenario", action="append", choices=SCENARIOS + OPTIN_SCENARIOS,
                   help="default: " + " ".join(SCENARIOS) + "; opt-in: " + " ".join(OPTIN_SCENARIOS))
    p.add_argument("--tcg-thread", choices=["auto", "single", "multi"], default="auto",
                   help="TCG threading (default auto: single for x86_64 ffp, see tcg_thread())")
    p.add_argument("--icount", action="store_true",
                   help="boot with -icount shift=0 (guest ns = instructions; TCG only)")
    p.add_argument("--guest-arg", action="append", metavar="KEY=VAL",
                   help="pass kcrypto_matrix.KEY=VAL on the kernel command line; the guest "
                        "sees it as $KCM_KEY (e.g. --guest-arg s6_rounds=1000)")
    p.add_argument("--vectors", action="append", help=f"vector file or dir (default {DEFAULT_VECTORS})")
    p.add_argument("--kvm", action="store_true", help="use KVM (x86_64 only; nested KVM hangs here)")
    p.add_argument("--timeout", type=int, help="per-scenario time limit in s (default: the arch's boot_timeout; the "
                        "boot is capped at one limit per scenario plus one)")
    p.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    p.add_argument("--src", type=Path, default=REPO,
                   help="module source tree to copy and build (default: this repo)")
    p.add_argument("--list", action="store_true", help="print the cells and scenarios, run nothing")
    p.add_argument("--out-json", type=Path,
                   help="write the results here instead of build/matrix/results.json (two "
                        "runs in one session, e.g. tests/test_matrix.py and test_distro.py)")
    args = p.parse_args(argv)
    binds = args.bind or BINDS
    scen_sel = args.scenario or SCENARIOS
    xf = load_xfail()
    cells = [(k, a, b, [s for s in scen_sel + (DISTRO_DEFAULT_EXTRA if k in DISTROS and not args.scenario
                                               else []) if applicable(s, b)])
             for k, a in kernel_arch_pairs(args) for b in binds]
    # A build-only kernel has one verdict per cell: its module build.
    cells = [(k, a, b, ["build"] if KERNEL_SPECS[k].get("build_only") else ss)
             for k, a, b, ss in cells]
    cells = [c for c in cells if c[3]]
    if args.list:
        for k, a, b, ss in cells:
            print(cell_name(k, a, args.variant, b), " ".join(ss))
        return 0
    total = Timer()
    OUT.mkdir(parents=True, exist_ok=True)
    need_vec = any("S7" in c[3] for c in cells)
    ktv, ktv_err = [], ""
    if need_vec:
        vec = args.vectors or [str(DEFAULT_VECTORS)]
        # Per run: two matrix runs at once (different cells) must not
        # rewrite each other's KTV files while an initramfs is packed.
        ktv, ktv_err = convert_vectors(vec, OUT / "vectors" / str(os.getpid()))
        log(f"vectors: {len(ktv)} KTV files" + (f" ({ktv_err})" if ktv_err else ""))
    kcache, kinfo = {}, []
    results = []
    for k, a, b, ss in cells:
        key = (k, a)
        if key not in kcache:
            t = Timer()
            kd = kernel.build_dir(a, k, args.variant)
            cached = (kd / kernel.STAMP).exists()
            try:
                kcache[key] = kernel.build(a, k, args.variant, args.jobs)
                st = kcache[key]
                kinfo.append({"name": kd.name, "release": st["release"], "dir": st["dir"],
                              "build_seconds": st["build_seconds"], "cached": cached,
                              "version": st.get("version", "")})
            except RuntimeError as e:
                log(f"kernel {kd.name}: {e}")
                kcache[key] = None
                kinfo.append({"name": kd.name, "error": str(e)[:300]})
            log(f"kernel {kd.name}: {t.s:.0f}s this run")
        results.append(run_cell(k, a, args.variant, b, ss, kcache[key], ktv, ktv_err, args, xf))
        write_grid(results, total.s, kinfo, args.out_json)
    npass = sum(1 for r in results for v in r["scenarios"].values() if v["status"] == "PASS")
    nfail = sum(1 for r in results for v in r["scenarios"].values() if v["status"] == "FAIL")
    nxf = sum(1 for r in results for v in r["scenarios"].values() if v["status"] == "XFAIL")
    write_grid(results, total.s, kinfo, args.out_json)
    shutil.rmtree(OUT / "vectors" / str(os.getpid()), ignore_errors=True)
    if nfail:
        keep_failure_logs(results)
    print(f"{npass} passed, {nfail} failed" + (f", {nxf} xfailed" if nxf else "")
          + f"  ({total.s / 60:.1f} min; grid: {(OUT / grid_name(args.out_json)).relative_to(REPO)})")
    return 1 if nfail else 0
