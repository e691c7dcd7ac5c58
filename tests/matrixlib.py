# SPDX-License-Identifier: GPL-2.0
"""Shared by the pytest layers that drive scripts/qemu-matrix
(test_matrix.py, test_distro.py): env-list parsing, one matrix run per
session, and the verdict check for one (cell, scenario); and by the build
layers (test_wireguard_build.py, test_consumer.py, test_dkms.py): the
cached kernel of a name, a copy of this tree."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
KERNEL_CACHE = Path.home() / ".cache" / "kcrypto" / "kernel"
sys.path.insert(0, str(REPO / "scripts"))
from matrix import scenarios  # noqa: E402


def env_list(name, default):
    """Comma/space separated list from the environment, else default."""
    v = os.environ.get(name, "").strip()
    return [x for x in v.replace(" ", ",").split(",") if x] if v else list(default)


def env_scenarios(name, default):
    """env_list() of scenario ids or readable names (S1, generic-only), as
    ids: the keys of results.json."""
    out = []
    for s in env_list(name, default):
        try:
            out.append(scenarios.resolve(s))
        except KeyError:
            raise ValueError(f"{name}: {s!r} is not a scenario (scripts/matrix/scenarios.py)") from None
    return list(dict.fromkeys(out))


def cell_args(cells, binds):
    """scripts/qemu-matrix --cell arguments for (kernel, arch, cell binds)
    triples, each cell in the modes both it and `binds` allow."""
    return [x for k, a, bs in cells for b in binds if b in bs
            for x in ("--cell", f"{k}:{a}:{b}")]


def run_matrix(args, out_json, logf):
    """Run scripts/qemu-matrix with args (which must write out_json) and
    return {(cell, scenario): verdict}."""
    out_json.parent.mkdir(parents=True, exist_ok=True)
    out_json.unlink(missing_ok=True)
    with open(logf, "w") as lf:
        subprocess.run(["/usr/bin/python3", str(REPO / "scripts/qemu-matrix")] + args,
                       cwd=REPO, stdout=lf, stderr=subprocess.STDOUT)
    if not out_json.exists():
        pytest.fail(f"scripts/qemu-matrix wrote no {out_json} (log: {logf})")
    return load_results(out_json)


def load_results(path):
    data = json.loads(Path(path).read_text())
    return {(c["cell"], s): v for c in data["cells"] for s, v in c["scenarios"].items()}


def check_verdict(results, cell, scenario):
    """Fail unless the scenario passed; a documented xfail is reported as such."""
    v = results.get((cell, scenario))
    if v is None:
        pytest.fail(f"{cell} {scenario}: no result (the matrix did not reach it)")
    if v["status"] == "XFAIL":
        pytest.xfail(v["reason"])
    assert v["status"] == "PASS", f"{cell} {scenario}: {v['reason']}"


def cached_kernel(name):
    """The finished kernel build dir of a name (7.3-x86_64, 7.3-x86_64-net,
    7.3-kcfi-x86_64, ...): built with scripts/matrix/kernel.py if the cache
    has none (a fresh machine), so a build test never depends on what an
    earlier run left behind.  None if the build fails (its log says why)."""
    from matrix import common, kernel
    parts = name.split("-")
    variant = parts.pop() if parts[-1] in kernel.VARIANTS else None
    arch = parts.pop()
    ver = "-".join(parts)
    if ver not in common.KERNELS or arch not in common.ARCH_NAMES:
        raise ValueError(f"{name!r}: not KERNEL-ARCH[-VARIANT]")
    try:
        st = kernel.build(arch, ver, variant)
    except (RuntimeError, SystemExit) as e:
        print(f"kernel {name}: build failed: {e}", file=sys.stderr)
        return None
    return Path(st["dir"])


def copy_repo(dst):
    """The tree's git files (committed or not, ignored ones left out) copied
    to @dst: a kcrypto source tree to build without touching this one."""
    files = subprocess.run(["git", "ls-files", "-z", "-c", "-o", "--exclude-standard"], cwd=REPO,
                           capture_output=True, check=True).stdout.split(b"\0")
    for f in filter(None, files):
        src = REPO / os.fsdecode(f)
        if src.is_file():
            (dst / os.fsdecode(f)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst / os.fsdecode(f))
    return dst
