# SPDX-License-Identifier: GPL-2.0
"""Consumers of kcrypto on the net kernel variant: one test per (cell, scenario).

The consumers of kcrypto (scripts/matrix/scenarios.py: NET: those that
need kernel options the base test kernels leave out, crypto-api, ipsec,
wireguard and wireguard-plug, and the example module, consumer) boot the
net variant (qemu/config/net.config: networking, the crypto API
with the crypto manager's self-tests, AF_ALG, xfrm).  The cells are
CELL_SETS[<set>]["net"] (scripts/matrix/common.py): 7.3 x86_64 in the
README test command, 6.12 and 7.3 on three arches with --full.  Both
binding modes.  Environment, as for test_matrix.py:

  KCRYPTO_MATRIX_SET        ci | full
  KCRYPTO_MATRIX_ARCHES     narrow the arches
  KCRYPTO_MATRIX_BINDS      weak,ffp (default both)
  KCRYPTO_NET_SCENARIOS     ids or names (default: every NET scenario)
  KCRYPTO_NET_RESULTS       judge an existing results JSON, do not boot
  KCRYPTO_NET=skip          skip the layer (reported as skipped, with reason)
"""
import os

import pytest

from matrixlib import cell_args, check_verdict, env_list, env_scenarios, load_results, run_matrix
from matrix import scenarios
from matrix.cell import cell_name
from matrix.common import BINDS as ALL_BINDS, OUT, set_cells

SET = os.environ.get("KCRYPTO_MATRIX_SET") or "ci"
ONLY_ARCHES = env_list("KCRYPTO_MATRIX_ARCHES", [])
BINDS = env_list("KCRYPTO_MATRIX_BINDS", ALL_BINDS)
SCENARIOS = env_scenarios("KCRYPTO_NET_SCENARIOS", scenarios.NET)
CELLS = [(k, a, bs) for k, a, bs in set_cells(SET, "net") if not ONLY_ARCHES or a in ONLY_ARCHES]
CASES = [(cell_name(k, a, "net", b), s) for k, a, bs in CELLS for b in BINDS if b in bs
         for s in SCENARIOS if scenarios.applicable(s, b)]
RESULTS = OUT / "net-results.json"


def test_net_scenarios_exist():
    """The layer has something to judge: an empty NET list would pass
    vacuously."""
    assert SCENARIOS and CASES, "no net scenario or cell selected"


@pytest.fixture(scope="session")
def net_results():
    if os.environ.get("KCRYPTO_NET") == "skip":
        pytest.skip("net layer skipped: KCRYPTO_NET=skip")
    given = os.environ.get("KCRYPTO_NET_RESULTS")
    if given:
        return load_results(given)
    args = ["--variant", "net"] + cell_args(CELLS, BINDS)
    for s in SCENARIOS:
        args += ["--scenario", s]
    return run_matrix(args + ["--out-json", str(RESULTS)], RESULTS, OUT / "net-run.log")


@pytest.mark.parametrize("cell,scenario", CASES, ids=[f"{c}-{s}" for c, s in CASES])
def test_net(net_results, cell, scenario):
    check_verdict(net_results, cell, scenario)
