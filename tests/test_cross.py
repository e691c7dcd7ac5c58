# SPDX-License-Identifier: GPL-2.0
"""The arm64 and 32-bit arm cores in userspace: cross-built with the
portable code and run under qemu-user (harness/cross/run.sh), every variant
against generic and the shared vector files."""
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("arch", ["arm64", "arm"])
def test_cross_cores(arch):
    res = subprocess.run(["harness/cross/run.sh", arch], cwd=ROOT,
                         capture_output=True, text=True, timeout=1800)
    out = res.stdout + res.stderr
    m = re.findall(r"^(\d+) passed, (\d+) failed$", res.stdout, re.M)
    assert res.returncode == 0, out[-4000:]
    assert m, out[-4000:]
    passed, failed = map(int, m[-1])
    assert failed == 0 and passed > 1000, out[-4000:]
