# SPDX-License-Identifier: GPL-2.0
"""Distro lane: the modules on Debian bookworm's own kernels (Documentation/distro.md).

scripts/qemu-matrix --kernel distro runs once per session and writes
build/matrix/distro-results.json (--out-json: tests/test_matrix.py owns
results.json); each test looks up one (cell, scenario).  Scenarios: S1-S7
(KUnit parts skipped, the kernel has no CONFIG_KUNIT; S7 runs every vector
file through the test interface against every implementation) and taint
(vermagic, modversions, taint bits O/E only).

  KCRYPTO_DISTRO_ARCHES     default x86_64 (arm64, arm: ~6 and ~12 min per cell)
  KCRYPTO_DISTRO_BINDS      default weak,ffp
  KCRYPTO_DISTRO_SCENARIOS  default: all of the lane
  KCRYPTO_DISTRO=skip       skip this layer (reported as skipped, with reason)
"""
import os

import pytest

from matrixlib import check_verdict, env_list, run_matrix, runner
from matrix.common import DISTRO


ARCHES = env_list("KCRYPTO_DISTRO_ARCHES", ["x86_64"])
BINDS = env_list("KCRYPTO_DISTRO_BINDS", runner.BINDS)
SCENARIOS = env_list("KCRYPTO_DISTRO_SCENARIOS", runner.SCENARIOS + runner.DISTRO_DEFAULT_EXTRA)
OUT_JSON = runner.OUT / "distro-results.json"

CASES = [(runner.cell_name(DISTRO, a, None, b), s)
         for a in ARCHES for b in BINDS for s in SCENARIOS if runner.applicable(s, b)]


@pytest.fixture(scope="session")
def distro_results():
    if os.environ.get("KCRYPTO_DISTRO") == "skip":
        pytest.skip("distro lane skipped: KCRYPTO_DISTRO=skip")
    args = ["--kernel", DISTRO, "--out-json", str(OUT_JSON)]
    for a in ARCHES:
        args += ["--arch", a]
    for b in BINDS:
        args += ["--bind", b]
    for s in SCENARIOS:
        args += ["--scenario", s]
    return run_matrix(args, OUT_JSON, runner.OUT / "pytest-distro.log")


@pytest.mark.parametrize("cell,scenario", CASES, ids=[f"{c}-{s}" for c, s in CASES])
def test_distro(distro_results, cell, scenario):
    check_verdict(distro_results, cell, scenario)
