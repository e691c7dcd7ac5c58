# SPDX-License-Identifier: GPL-2.0
"""Performance regression guard (Documentation/performance.md): instruction counts,
not time, so it is deterministic and immune to a loaded machine.

1. Userspace, x86_64 host: harness kcrypto-icount runs one call of
   "auto" (what the kernel's automatic selection binds on the CPU valgrind
   presents) and of each implementation valgrind can execute (valgrind's
   CPUID hides what it cannot, e.g. ADX and AVX-512), counted with
   callgrind (--toggle-collect=kc_measured, exact Ir).  Generic and the
   others are counted in the same run; auto's instructions relative to
   generic (bound "<prim>/auto") and each variant's must stay at or below
   their bounds in bench/bounds.json, and never above 1.0, and generic's
   instructions per byte below its own bound.
2. Kernel: the JSON of `make bench` / scripts/bench (build/bench/kernel.json,
   or $KCRYPTO_BENCH_JSON; without either, the committed
   bench/results/kernel.json): in-kernel counts under QEMU -icount per
   arch, the same rules with the "kernel" bounds, "auto" (the public API
   with whatever is bound) included.

A variant without a recorded bound fails: record one (measured ratio plus
a margin) when adding a core.  Bounds are ratios in one run, so a change of
compiler or flags that moves generic and variants alike does not trip it.
"""
import json
import os
import platform
import re
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BUILD = Path(os.environ.get("KCRYPTO_HARNESS_BUILD", REPO / "build" / "harness"))
BOUNDS = json.loads((REPO / "bench" / "bounds.json").read_text())
KERNEL_JSON_BUILT = REPO / "build" / "bench" / "kernel.json"
KERNEL_JSON_COMMITTED = REPO / "bench" / "results" / "kernel.json"


def kernel_json():
    """$KCRYPTO_BENCH_JSON, else this tree's last scripts/bench run, else the committed results."""
    env = os.environ.get("KCRYPTO_BENCH_JSON")
    if env:
        return Path(env)
    return KERNEL_JSON_BUILT if KERNEL_JSON_BUILT.exists() else KERNEL_JSON_COMMITTED
JOBS = os.environ.get("KCRYPTO_JOBS", "2")
USER_LENS = (1420, 4096)


def ratio_ok(kind, arch, key, ratio):
    """(ok, message) for a variant/generic instruction ratio."""
    bound = BOUNDS[kind].get(arch, {}).get("max_ratio", {}).get(key)
    if bound is None:
        return False, f"{arch} {key}: ratio {ratio:.3f} but no bound in bench/bounds.json [{kind}][{arch}]"
    lim = min(bound, 1.0)
    return ratio <= lim, f"{arch} {key}: {ratio:.3f} x generic instructions (bound {lim})"


def generic_ok(kind, arch, prim, per_unit):
    bound = BOUNDS[kind].get(arch, {}).get("generic_max", {}).get(prim)
    if bound is None:
        return False, f"{arch} {prim} generic: {per_unit:.2f} but no generic_max bound"
    return per_unit <= bound, f"{arch} {prim} generic: {per_unit:.2f} per byte/op (bound {bound})"


# --- userspace ------------------------------------------------------------------

@pytest.fixture(scope="module")
def icount_tool():
    if platform.machine() not in ("x86_64", "AMD64"):
        pytest.skip("userspace guard counts with valgrind on an x86_64 host")
    if not shutil.which("valgrind"):
        pytest.fail("valgrind missing (scripts/deps installs it)")
    r = subprocess.run(["cmake", "-S", str(REPO / "harness"), "-B", str(BUILD), "-DCMAKE_BUILD_TYPE=Release"],
                       capture_output=True, text=True, timeout=1800)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    r = subprocess.run(["cmake", "--build", str(BUILD), "-j", JOBS, "--target", "kcrypto-icount"],
                       capture_output=True, text=True, timeout=1800)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    return BUILD / "kcrypto-icount"


def callgrind(tool, *args):
    r = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                        "--toggle-collect=kc_measured", str(tool), *map(str, args)],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    return r


def count(tool, prim, impl, n, want_name=False):
    r = callgrind(tool, prim, impl, n)
    m = re.search(r"I\s+refs:\s+([\d,]+)", r.stderr)
    assert m, r.stderr[-2000:]
    n_ins = int(m.group(1).replace(",", ""))
    if not want_name:
        return n_ins
    name = re.search(r"^impl (\S+)$", r.stdout, re.M)
    assert name, r.stdout[-2000:]
    return n_ins, name.group(1)


def usable_under_valgrind(tool):
    out = callgrind(tool, "list").stdout
    impls = {}
    for line in out.splitlines():
        prim, impl = line.split()
        impls.setdefault(prim, []).append(impl)
    return impls


@pytest.mark.parametrize("prim", ["chacha", "poly1305", "blake2s", "x25519"])
def test_user_variants_not_slower(icount_tool, prim):
    impls = usable_under_valgrind(icount_tool)
    assert "generic" in impls.get(prim, []), impls
    lens = (32,) if prim == "x25519" else USER_LENS
    problems, report = [], []
    for n in lens:
        gen = count(icount_tool, prim, "generic", n)
        per = gen if prim == "x25519" else gen / n
        ok, msg = generic_ok("user", "x86_64", prim, per)
        report.append(msg)
        if not ok:
            problems.append(msg)
        # auto first: what the kernel would run is what must not regress.
        c, picked = count(icount_tool, prim, "auto", n, want_name=True)
        ok, msg = ratio_ok("user", "x86_64", f"{prim}/auto", c / gen)
        report.append(f"{n}: {msg} (auto = {picked})")
        if not ok:
            problems.append(f"{n} bytes: {msg} (auto = {picked})")
        for impl in impls[prim]:
            if impl == "generic":
                continue
            c = count(icount_tool, prim, impl, n)
            ok, msg = ratio_ok("user", "x86_64", f"{prim}/{impl}", c / gen)
            report.append(f"{n}: {msg}")
            if not ok:
                problems.append(f"{n} bytes: {msg}")
    print("\n".join(report))
    assert not problems, "\n".join(problems)


def test_user_counts_are_deterministic(icount_tool):
    """The guard's premise: the same call counts the same instructions twice."""
    a = count(icount_tool, "chacha", "generic", 4096)
    b = count(icount_tool, "chacha", "generic", 4096)
    c = count(icount_tool, "chacha", "generic", 1420)
    assert a == b and c < a, (a, b, c)


# --- kernel (QEMU -icount) --------------------------------------------------------

KOPS = {"chacha20": "chacha", "poly1305": "poly1305", "blake2s": "blake2s", "x25519": "x25519"}


def test_kernel_icount_json():
    path = kernel_json()
    assert path.exists(), f"no {path} (run `make bench-kernel` or scripts/bench)"
    data = json.loads(path.read_text())
    problems, checked = [], 0
    for name, cell in data["cells"].items():
        if not cell.get("icount"):
            problems.append(f"{name}: not an -icount run")
            continue
        arch = cell["arch"]
        generic_bound = {part.split("=", 1)[0] for part in cell.get("bindings", "").split()
                         if part.split("=", 1)[-1].startswith("generic")}
        rows = {}
        for t in cell["throughput"]:
            rows.setdefault((t["prim"], t["impl"]), {})[t["len"]] = t
        for (op, impl), row in rows.items():
            if op not in KOPS:
                continue
            n = 32 if op == "x25519" else 4096
            g = rows.get((op, "generic"), {}).get(n)
            if not g or n not in row:
                problems.append(f"{name}: {op} {impl}: no {n}-byte figure")
                continue
            if impl == "auto" and KOPS[op] in generic_bound:
                print(f"{name}: {op} auto not checked: bound to generic code ({cell.get('bindings')})")
                continue
            if impl == "generic":
                per = g["ns"] / g["iters"] / (1 if op == "x25519" else n)
                ok, msg = generic_ok("kernel", arch, KOPS[op], per)
            else:
                ok, msg = ratio_ok("kernel", arch, f"{KOPS[op]}/{impl}", row[n]["ns"] / g["ns"])
            checked += 1
            if not ok:
                problems.append(f"{name}: {msg}")
    print(f"checked {checked} measurements of {path}")
    assert checked, f"{path}: no measurement to check"
    assert not problems, "\n".join(problems)


def test_bounds_file():
    """Every bound is a ratio in (0, 1]: a bound above 1 would allow a slower variant."""
    for kind in ("user", "kernel"):
        for arch, b in BOUNDS[kind].items():
            if arch.startswith("_"):
                continue
            for key, v in b["max_ratio"].items():
                assert 0 < v <= 1.0, f"{kind} {arch} {key}: {v}"
            for key, v in b["generic_max"].items():
                assert v > 0, f"{kind} {arch} {key}: {v}"
