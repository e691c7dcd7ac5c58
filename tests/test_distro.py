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
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
from matrix import runner  # noqa: E402
from matrix.common import DISTRO  # noqa: E402


def _env_list(name, default):
    v = os.environ.get(name, "").strip()
    return [x for x in v.replace(" ", ",").split(",") if x] if v else list(default)


ARCHES = _env_list("KCRYPTO_DISTRO_ARCHES", ["x86_64"])
BINDS = _env_list("KCRYPTO_DISTRO_BINDS", runner.BINDS)
SCENARIOS = _env_list("KCRYPTO_DISTRO_SCENARIOS", runner.SCENARIOS + runner.DISTRO_DEFAULT_EXTRA)
OUT_JSON = runner.OUT / "distro-results.json"

CASES = [(runner.cell_name(DISTRO, a, None, b), s)
         for a in ARCHES for b in BINDS for s in SCENARIOS if runner.applicable(s, b)]


@pytest.fixture(scope="session")
def distro_results():
    if os.environ.get("KCRYPTO_DISTRO") == "skip":
        pytest.skip("distro lane skipped: KCRYPTO_DISTRO=skip")
    OUT_JSON.parent.mkdir(parents=True, exist_ok=True)
    OUT_JSON.unlink(missing_ok=True)
    args = ["--kernel", DISTRO, "--out-json", str(OUT_JSON)]
    for a in ARCHES:
        args += ["--arch", a]
    for b in BINDS:
        args += ["--bind", b]
    for s in SCENARIOS:
        args += ["--scenario", s]
    logf = runner.OUT / "pytest-distro.log"
    with open(logf, "w") as lf:
        subprocess.run(["/usr/bin/python3", str(REPO / "scripts/qemu-matrix")] + args,
                       cwd=REPO, stdout=lf, stderr=subprocess.STDOUT)
    if not OUT_JSON.exists():
        pytest.fail(f"scripts/qemu-matrix --kernel distro wrote no {OUT_JSON} (log: {logf})")
    data = json.loads(OUT_JSON.read_text())
    return {(c["cell"], s): v for c in data["cells"] for s, v in c["scenarios"].items()}


@pytest.mark.parametrize("cell,scenario", CASES, ids=[f"{c}-{s}" for c, s in CASES])
def test_distro(distro_results, cell, scenario):
    v = distro_results.get((cell, scenario))
    if v is None:
        pytest.fail(f"{cell} {scenario}: no result (the lane did not reach it)")
    if v["status"] == "XFAIL":
        pytest.xfail(v["reason"])
    assert v["status"] == "PASS", f"{cell} {scenario}: {v['reason']}"
