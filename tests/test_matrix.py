# SPDX-License-Identifier: GPL-2.0
"""QEMU matrix: one test per (cell, scenario).

The matrix (scripts/qemu-matrix) runs once per session; each test looks its
verdict up in build/matrix/results.json.  Cells are chosen with env vars so
CI can split the work:

  KCRYPTO_MATRIX_SET        ci | full (default ci: scripts/matrix/common.py
                            CELL_SETS; scripts/run-tests --full sets full)
  KCRYPTO_MATRIX_KERNELS    7.3,6.12,...  narrow the set to these kernels
  KCRYPTO_MATRIX_ARCHES     x86_64,arm64,arm  narrow the set to these arches
  KCRYPTO_MATRIX_BINDS      weak,ffp           (default: both)
  KCRYPTO_MATRIX_VARIANT    debug              (default: none)
  KCRYPTO_MATRIX_SCENARIOS  S1,S2,... or names (generic-only,...; default: all)
  KCRYPTO_MATRIX_VECTORS    file/dir list, colon separated
  KCRYPTO_MATRIX_KVM=1      use KVM (x86_64; nested KVM hangs on our CI)
  KCRYPTO_MATRIX_RESULTS    judge an existing results.json, do not boot
  KCRYPTO_MATRIX=skip       skip the whole layer (reported as skipped, with reason)
"""
import os
import re

import pytest

from matrixlib import cell_args, check_verdict, env_list, env_scenarios, load_results, run_matrix
from matrix import scenarios
from matrix.cell import cell_name, cell_scenarios
from matrix.common import BINDS as ALL_BINDS, OUT, set_cells


SET = os.environ.get("KCRYPTO_MATRIX_SET") or "ci"
ONLY_KERNELS = env_list("KCRYPTO_MATRIX_KERNELS", [])
ONLY_ARCHES = env_list("KCRYPTO_MATRIX_ARCHES", [])
BINDS = env_list("KCRYPTO_MATRIX_BINDS", ALL_BINDS)
SCENARIOS = env_scenarios("KCRYPTO_MATRIX_SCENARIOS", scenarios.DEFAULT)
VARIANT = os.environ.get("KCRYPTO_MATRIX_VARIANT") or None

# (kernel, arch, binding modes): the set's cells (an entry may name its modes).
CELLS = [(k, a, bs) for k, a, bs in set_cells(SET, "matrix")
         if (not ONLY_KERNELS or k in ONLY_KERNELS) and (not ONLY_ARCHES or a in ONLY_ARCHES)]
if ONLY_KERNELS:
    # A kernel named outside the set runs on the arches asked for (or all three).
    CELLS += [(k, a, ALL_BINDS) for k in ONLY_KERNELS if k not in {c[0] for c in CELLS}
              for a in (ONLY_ARCHES or ["x86_64", "arm64", "arm"])]


# What scripts/qemu-matrix runs per cell (a build-only kernel: "build").
CASES = [(cell_name(k, a, VARIANT, b), s)
         for k, a, bs in CELLS for b in BINDS if b in bs for s in cell_scenarios(k, b, SCENARIOS)]


def _matrix_args():
    args = cell_args(CELLS, BINDS)
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
    out = OUT
    return run_matrix(_matrix_args() + ["--out-json", str(out / "results.json")],
                      out / "results.json", out / "pytest-run.log")


@pytest.mark.parametrize("cell,scenario", CASES, ids=[f"{c}-{s}" for c, s in CASES])
def test_matrix(matrix_results, cell, scenario):
    check_verdict(matrix_results, cell, scenario)


@pytest.mark.parametrize("cell", sorted({c for c, _ in CASES}))
def test_module_build_has_no_warnings(matrix_results, cell):
    """Build layer: every cell's module build runs with W=1 and prints no
    warning at all (compiler, objtool, modpost)."""
    log = OUT / cell / "modules.log"
    assert log.exists(), f"{log} missing: the matrix did not build {cell}"
    text = log.read_text(errors="replace")
    assert "W=1" in text, "module build did not use W=1"
    bad = [ln for ln in text.splitlines() if re.search(r"\bwarning\b", ln, re.I)]
    assert not bad, "\n".join(bad[:20])
