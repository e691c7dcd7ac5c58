# SPDX-License-Identifier: GPL-2.0
"""scripts/qemu-matrix: build kernel + modules per cell, boot QEMU, judge scenarios.

A cell is (kernel, arch, variant, bind).  Per cell: the source tree is copied
to build/matrix/<cell>/src and built there against the cached kernel; one
boot runs every selected scenario but S4, a second boot (CPU without the
features, or arm64's simulated incapability) runs S4.  Every boot has a hard
timeout; a missing final token is a crash/hang and fails what did not report.
Scenarios are named by id or readable name (--scenario S1 or --scenario
generic-only; the table: scripts/matrix/scenarios.py).
Output: one line per cell and scenario, `N passed, N failed`, exit status,
build/matrix/{grid.md,grid.html,results.json} and the raw console logs.
"""
import argparse
import os
import shutil
from pathlib import Path

from . import kernel, report, scenarios
from .cell import Options, cell_name, cell_scenarios, convert_vectors, load_xfail, run_cell
from .common import (ARCH_NAMES, BINDS, CELL_SETS, DEFAULT_KERNEL, DEFAULT_VECTORS, KERNELS, OUT,
                     REPO, Timer, log, set_cells)


def _cell_arg(text):
    parts = text.split(":")
    if (len(parts) not in (2, 3) or parts[0] not in KERNELS or parts[1] not in ARCH_NAMES
            or parts[2:] and parts[2] not in BINDS):
        raise argparse.ArgumentTypeError(f"{text!r}: expected KERNEL:ARCH or KERNEL:ARCH:BIND with "
                                         f"KERNEL one of {', '.join(KERNELS)}, ARCH one of "
                                         f"{', '.join(ARCH_NAMES)} and BIND one of "
                                         f"{', '.join(BINDS)}")
    return text


def _scenario_arg(text):
    """--scenario: an id (S1) or its readable name (generic-only) -> the id."""
    try:
        return scenarios.resolve(text)
    except KeyError:
        raise argparse.ArgumentTypeError(
            f"{text!r}: not a scenario; one of: "
            + ", ".join(_id_name(s) for s in scenarios.SELECTABLE)) from None


def _id_name(sid):
    s = scenarios.BY_ID[sid]
    return f"{s.id} ({s.name})"


def _scenario_help():
    def names(ids):
        return ", ".join(_id_name(s) for s in ids)
    return (f"scenario id or readable name (repeatable). Default: {names(scenarios.DEFAULT)}; "
            f"opt-in: {names(scenarios.OPTIN)}")


def selected_cells(args):
    """(kernel, arch, binds) triples: --cell (a cell without :BIND runs both
    modes), else a named set (--set; --kernel/--arch narrow it), else the
    product of --kernel and --arch.  --bind narrows each later."""
    if args.cell:
        chosen = {}
        for c in args.cell:
            k, a, *b = c.split(":")
            chosen.setdefault((k, a), set()).update(b or BINDS)
        return [(k, a, tuple(x for x in BINDS if x in bs)) for (k, a), bs in chosen.items()]
    if not args.set:
        return [(k, a, BINDS) for k in (args.kernel or [DEFAULT_KERNEL])
                for a in (args.arch or list(ARCH_NAMES))]
    lane, name = args.set.split(":", 1) if ":" in args.set else ("matrix", args.set)
    return [(k, a, bs) for k, a, bs in set_cells(name, lane)
            if (not args.kernel or k in args.kernel) and (not args.arch or a in args.arch)]


def parse_args(argv=None):
    p = argparse.ArgumentParser(prog="qemu-matrix", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--arch", action="append", choices=ARCH_NAMES)
    p.add_argument("--bind", action="append", choices=BINDS)
    p.add_argument("--kernel", action="append", choices=KERNELS)
    p.add_argument("--set", choices=[f"{lane}:{n}" if lane != "matrix" else n
                                     for n, v in CELL_SETS.items() for lane in v],
                   help="a named cell set (scripts/matrix/common.py CELL_SETS): ci, full, "
                        "distro:ci, distro:full")
    p.add_argument("--cell", action="append", metavar="KERNEL:ARCH[:BIND]",
                   type=_cell_arg, help="exactly this (kernel, arch) pair, in both modes or in BIND "
                   "only (KERNEL:ARCH:BIND); repeatable; overrides --set, --kernel and --arch")
    p.add_argument("--variant", choices=kernel.VARIANTS)
    p.add_argument("--scenario", action="append", metavar="SCENARIO", type=_scenario_arg,
                   help=_scenario_help())
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
    return p.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    binds = args.bind or list(BINDS)
    # Each scenario once, in the order given (an id and its name are one).
    chosen = list(dict.fromkeys(args.scenario or []))
    opts = Options(jobs=args.jobs, src=args.src, timeout=args.timeout, kvm=args.kvm,
                   icount=args.icount, guest_args=tuple(args.guest_arg or ()),
                   tcg_thread=args.tcg_thread)
    xf = load_xfail()
    cells = [(k, a, b, cell_scenarios(k, b, chosen))
             for k, a, cell_binds in selected_cells(args) for b in binds if b in cell_binds]
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
        results.append(run_cell(k, a, args.variant, b, ss, kcache[key], ktv, ktv_err, opts, xf))
        report.write_grid(results, total.s, kinfo, args.out_json)
    npass, nfail, nxf = report.counts(results)
    report.write_grid(results, total.s, kinfo, args.out_json)
    shutil.rmtree(OUT / "vectors" / str(os.getpid()), ignore_errors=True)
    if nfail:
        report.keep_failure_logs(results)
    print(f"{npass} passed, {nfail} failed" + (f", {nxf} xfailed" if nxf else "")
          + f"  ({total.s / 60:.1f} min; grid: {(OUT / report.grid_name(args.out_json)).relative_to(REPO)})")
    return 1 if nfail else 0
