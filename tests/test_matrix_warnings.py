# SPDX-License-Identifier: GPL-2.0
"""Build layer: the module builds of the QEMU matrix run with W=1 and must
print no warning at all (compiler, objtool, modpost).  Runs after
test_matrix.py (file order) and reads the build logs it left."""
import json
import os
import re
from pathlib import Path

import pytest

OUT = Path(__file__).resolve().parents[1] / "build" / "matrix"


def cells():
    res = OUT / "results.json"
    if os.environ.get("KCRYPTO_MATRIX") == "skip" or not res.exists():
        return []
    return sorted(c["cell"] for c in json.loads(res.read_text()).get("cells", []))


@pytest.mark.parametrize("cell", cells() or [None])
def test_module_build_has_no_warnings(cell):
    if cell is None:
        pytest.skip("QEMU matrix did not run in this session (KCRYPTO_MATRIX=skip or no results)")
    log = OUT / cell / "modules.log"
    assert log.exists(), f"{log} missing"
    text = log.read_text(errors="replace")
    assert "W=1" in text, "module build did not use W=1"
    bad = [ln for ln in text.splitlines() if re.search(r"\bwarning\b", ln, re.I)]
    assert not bad, "\n".join(bad[:20])
