# SPDX-License-Identifier: GPL-2.0
"""Distro lane: the modules on Debian's own kernels (Documentation/distro.md).

Kernels (scripts/matrix/common.py DISTROS): distro (Debian 12 bookworm,
6.1), distro13 (Debian 13 trixie, 6.12), distro13-bpo (trixie-backports,
7.3).  scripts/qemu-matrix runs once per session, with one --cell per
(kernel, arch), and writes build/matrix/distro-results.json (--out-json:
tests/test_matrix.py owns results.json); each test looks up one (cell,
scenario).  Scenarios: S1-S7 (KUnit parts skipped, the kernels have no
CONFIG_KUNIT; S7 runs every vector file through the test interface against
every implementation), taint (vermagic, modversions where the kernel has
them, taint bits O/E only) and crypto-api (kcrypto-crypto.ko's drivers
register and pass the kernel's own self-tests, which are on in Debian's
kernels; Debian's crypto modules come from its image package).

  KCRYPTO_DISTRO_SET        ci | full: the (kernel, arch) cells of
                            CELL_SETS[set]["distro"] (scripts/run-tests sets
                            it); KERNELS/ARCHES below then narrow the set
  KCRYPTO_DISTRO_KERNELS    without a set: default distro,distro13,distro13-bpo
  KCRYPTO_DISTRO_ARCHES     without a set: default x86_64 (arm64, arm: ~3-5 and
                            ~7 min per cell)
  KCRYPTO_DISTRO_BINDS      default weak,ffp
  KCRYPTO_DISTRO_SCENARIOS  ids or readable names; default: all of the lane
  KCRYPTO_DISTRO=skip       skip this layer (reported as skipped, with reason)
"""
import os

import pytest

from matrixlib import cell_args, check_verdict, env_list, env_scenarios, run_matrix
from matrix import scenarios
from matrix.cell import cell_name, cell_scenarios
from matrix.common import BINDS as ALL_BINDS, CELL_SETS, DISTROS, OUT, set_cells


SET = os.environ.get("KCRYPTO_DISTRO_SET") or None
KERNELS = env_list("KCRYPTO_DISTRO_KERNELS", [] if SET else DISTROS)
ARCHES = env_list("KCRYPTO_DISTRO_ARCHES", [] if SET else ["x86_64"])
BINDS = env_list("KCRYPTO_DISTRO_BINDS", ALL_BINDS)
SCENARIOS = env_scenarios("KCRYPTO_DISTRO_SCENARIOS",
                          scenarios.DEFAULT + scenarios.DISTRO_DEFAULT_EXTRA)
OUT_JSON = OUT / "distro-results.json"

if SET:
    CELLS = [(k, a, bs) for k, a, bs in
             (set_cells(SET, "distro") if "distro" in CELL_SETS.get(SET, {}) else [])
             if (not KERNELS or k in KERNELS) and (not ARCHES or a in ARCHES)]
else:
    CELLS = [(k, a, ALL_BINDS) for k in KERNELS for a in ARCHES]

CASES = [(cell_name(k, a, None, b), s)
         for k, a, bs in CELLS for b in BINDS if b in bs for s in cell_scenarios(k, b, SCENARIOS)]


def test_distro_selection_valid():
    """A typo in the set or a kernel name is an error, not an empty lane."""
    if SET:
        assert SET in CELL_SETS and "distro" in CELL_SETS[SET], \
            f"KCRYPTO_DISTRO_SET={SET}: not a distro cell set ({sorted(CELL_SETS)})"
    bad = [k for k in KERNELS if k not in DISTROS]
    assert not bad, f"KCRYPTO_DISTRO_KERNELS: {bad} not in {DISTROS}"
    assert CELLS, "the distro lane selects no cell"


@pytest.fixture(scope="session")
def distro_results():
    if os.environ.get("KCRYPTO_DISTRO") == "skip":
        pytest.skip("distro lane skipped: KCRYPTO_DISTRO=skip")
    cells = [(k, a, bs) for k, a, bs in CELLS if k in DISTROS]
    if not cells:
        pytest.fail(f"no distro cell selected (set {SET}, kernels {KERNELS}, arches {ARCHES})")
    args = ["--out-json", str(OUT_JSON)] + cell_args(cells, BINDS)
    for s in SCENARIOS:
        args += ["--scenario", s]
    return run_matrix(args, OUT_JSON, OUT / "pytest-distro.log")


@pytest.mark.parametrize("cell,scenario", CASES, ids=[f"{c}-{s}" for c, s in CASES])
def test_distro(distro_results, cell, scenario):
    check_verdict(distro_results, cell, scenario)
