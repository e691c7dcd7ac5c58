# SPDX-License-Identifier: GPL-2.0
"""Reliability layer (Documentation/reliability.md), CI-sized: the opt-in QEMU scenarios
`stress` and `hostile` (qemu/guest/stress.sh, hostile.sh) on x86_64, both
binding modes, non-debug kernel.

  stress   ffp: KCRYPTO_STRESS_CYCLES arch-module plug/unplug cycles under
           2 checking kthreads + hardirq + softirq callers + the
           force_generic/variant flipper; weak: KCRYPTO_STRESS_WEAK_CYCLES
           full load/unload cycles of kcrypto, its arch modules and the
           client.  0 wrong outputs, calls from every context.
  hostile  malformed module parameters, debugfs and test-interface input,
           concurrent writers, an unprivileged user: exact errors only.

The matrix writes build/matrix/ under the tree it runs from, and
tests/test_matrix.py (same session) reads build/matrix/results.json, so
this test runs the matrix from its own copy of the tree,
build/stress/tree (results: build/stress/tree/build/matrix/).

x86_64 ffp binds through static_call, patched with text_poke_bp().  Under
multi-threaded TCG, QEMU 7.2 can execute a stale translation of a call
site that text_poke_bp() has finished patching (an int3 that memory no
longer holds; Documentation/reliability.md), which fails ffp runs at
random.  scripts/qemu-matrix therefore boots x86_64 ffp cells with
single-threaded TCG (--tcg-thread auto, the default).  (-icount would also
serialise the vCPUs, but it made a plug/unplug cycle take minutes on a
loaded host.)

Environment: KCRYPTO_STRESS=skip skips the layer; KCRYPTO_STRESS_CYCLES
(default 100), KCRYPTO_STRESS_WEAK_CYCLES (default 5),
KCRYPTO_VECTORS_DIR (default <repo>/vectors).
"""
import json
import os
import re
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
TREE = REPO / "build" / "stress" / "tree"
VECTORS = Path(os.environ.get("KCRYPTO_VECTORS_DIR", REPO / "vectors"))
CYCLES = int(os.environ.get("KCRYPTO_STRESS_CYCLES", "100"))
WEAK_CYCLES = int(os.environ.get("KCRYPTO_STRESS_WEAK_CYCLES", "5"))
BINDS = ["ffp", "weak"]
SCENARIOS = ["stress", "hostile"]
TIMEOUT = 3600


def summary(notes):
    """key=value pairs of the scenario's last "SUMMARY ..." note."""
    for n in reversed(notes):
        m = re.search(r"\bSUMMARY (.*)$", n)
        if m:
            return dict(kv.split("=", 1) for kv in m.group(1).split() if "=" in kv)
    return None


@pytest.fixture(scope="session")
def stress_results():
    if os.environ.get("KCRYPTO_STRESS") == "skip":
        pytest.skip("stress layer skipped: KCRYPTO_STRESS=skip")
    TREE.mkdir(parents=True, exist_ok=True)
    r = subprocess.run(["rsync", "-a", "--delete", "--exclude", "/build/", "--exclude", "/.git/",
                        f"{REPO}/", f"{TREE}/"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    res = TREE / "build" / "matrix" / "results.json"
    res.unlink(missing_ok=True)
    args = ["/usr/bin/python3", str(TREE / "scripts" / "qemu-matrix"), "--arch", "x86_64",
            "--vectors", str(VECTORS),
            "--guest-arg", f"stress_cycles={CYCLES}",
            "--guest-arg", f"stress_weak_cycles={WEAK_CYCLES}"]
    for b in BINDS:
        args += ["--bind", b]
    for s in SCENARIOS:
        args += ["--scenario", s]
    logf = REPO / "build" / "stress" / "qemu-matrix.log"
    with open(logf, "w") as lf:
        subprocess.run(args, cwd=TREE, stdout=lf, stderr=subprocess.STDOUT, timeout=TIMEOUT)
    if not res.exists():
        pytest.fail(f"scripts/qemu-matrix wrote no results.json (log: {logf})")
    data = json.loads(res.read_text())
    return {(c["bind"], s): v for c in data["cells"] for s, v in c["scenarios"].items()}


CASES = [(b, s) for b in BINDS for s in SCENARIOS]


@pytest.mark.parametrize("bind,scenario", CASES, ids=[f"x86_64-{b}-{s}" for b, s in CASES])
def test_stress_matrix(stress_results, bind, scenario):
    v = stress_results.get((bind, scenario))
    assert v is not None, f"{bind} {scenario}: no result (the guest did not reach it)"
    assert v["status"] == "PASS", f"{bind} {scenario}: {v['reason']}"
    s = summary(v.get("notes", []))
    assert s is not None, f"{bind} {scenario}: no SUMMARY line in {v.get('notes')}"
    if scenario == "stress":
        want = CYCLES if bind == "ffp" else WEAK_CYCLES
        assert int(s["cycles"]) >= want, s
        assert int(s["mismatches"]) == 0, s
        for k in ("calls", "hardirq", "softirq", "flips"):
            assert int(s[k]) > 0, f"{k}: {s}"
    else:
        assert int(s["bad"]) == 0, s
        assert int(s["cases"]) > 100, s
