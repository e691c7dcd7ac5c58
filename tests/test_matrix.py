# SPDX-License-Identifier: GPL-2.0
"""QEMU matrix: one test per (cell, scenario).

The matrix (scripts/qemu-matrix) runs once per session; each test looks its
verdict up in build/matrix/results.json.  Cells are chosen with env vars so
CI can split the work:

  KCRYPTO_MATRIX_ARCHES     x86_64,arm64,arm   (default: all three)
  KCRYPTO_MATRIX_BINDS      weak,ffp           (default: both)
  KCRYPTO_MATRIX_KERNELS    6.12,6.1           (default: 6.12)
  KCRYPTO_MATRIX_VARIANT    debug              (default: none)
  KCRYPTO_MATRIX_SCENARIOS  S1,S2,...          (default: all)
  KCRYPTO_MATRIX_VECTORS    file/dir list, colon separated
  KCRYPTO_MATRIX_KVM=1      use KVM (x86_64; nested KVM hangs on our CI)
  KCRYPTO_MATRIX_RESULTS    judge an existing results.json, do not boot
  KCRYPTO_MATRIX=skip       skip the whole layer (reported as skipped, with reason)
"""
import os
import re

import pytest

from matrixlib import check_verdict, env_list, load_results, run_matrix, runner
from matrix.common import ARCH_NAMES, DEFAULT_KERNEL


ARCHES = env_list("KCRYPTO_MATRIX_ARCHES", ARCH_NAMES)
BINDS = env_list("KCRYPTO_MATRIX_BINDS", runner.BINDS)
KERNELS = env_list("KCRYPTO_MATRIX_KERNELS", [DEFAULT_KERNEL])
SCENARIOS = env_list("KCRYPTO_MATRIX_SCENARIOS", runner.SCENARIOS)
VARIANT = os.environ.get("KCRYPTO_MATRIX_VARIANT") or None

CASES = [(runner.cell_name(k, a, VARIANT, b), s)
         for k in KERNELS for a in ARCHES for b in BINDS
         for s in SCENARIOS if runner.applicable(s, b)]


def _matrix_args():
    args = []
    for a in ARCHES:
        args += ["--arch", a]
    for b in BINDS:
        args += ["--bind", b]
    for k in KERNELS:
        args += ["--kernel", k]
    for s in SCENARIOS:
        args += ["--scenario", s]
    if VARIANT:
        args += ["--variant", VARIANT]
    for v in filter(None, os.environ.get("KCRYPTO_MATRIX_VECTORS", "").split(":")):
        args += ["--vectors", v]
    if os.environ.get("KCRYPTO_MATRIX_KVM") == "1":
        args.append("--kvm")
    return args


@pytest.fixture(scope="session")
def matrix_results():
    if os.environ.get("KCRYPTO_MATRIX") == "skip":
        pytest.skip("QEMU matrix layer skipped: KCRYPTO_MATRIX=skip")
    given = os.environ.get("KCRYPTO_MATRIX_RESULTS")
    if given:
        return load_results(given)
    out = runner.OUT
    return run_matrix(_matrix_args() + ["--out-json", str(out / "results.json")],
                      out / "results.json", out / "pytest-run.log")


@pytest.mark.parametrize("cell,scenario", CASES, ids=[f"{c}-{s}" for c, s in CASES])
def test_matrix(matrix_results, cell, scenario):
    check_verdict(matrix_results, cell, scenario)


@pytest.mark.parametrize("cell", sorted({c for c, _ in CASES}))
def test_module_build_has_no_warnings(matrix_results, cell):
    """Build layer: every cell's module build runs with W=1 and prints no
    warning at all (compiler, objtool, modpost)."""
    log = runner.OUT / cell / "modules.log"
    assert log.exists(), f"{log} missing: the matrix did not build {cell}"
    text = log.read_text(errors="replace")
    assert "W=1" in text, "module build did not use W=1"
    bad = [ln for ln in text.splitlines() if re.search(r"\bwarning\b", ln, re.I)]
    assert not bad, "\n".join(bad[:20])
