# SPDX-License-Identifier: GPL-2.0
"""Style layer: checkpatch --strict on every kernel C file of ours.

MACRO_ARG_REUSE is ignored tree-wide (the round macros of the ciphers take
plain register names).  The other exceptions are listed one by one with
the reason; anything else checkpatch reports fails the test.
"""
import subprocess
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
KSRC = Path("/usr/src/linux-source-6.12.tar.xz")
ALLOWED = {
    # GCC vector-extension types need a typedef to carry vector_size.
    ("arch/x86/poly1305-avx2.c", "NEW_TYPEDEFS"),
    # compat.h: the kernel's own u128 typedef (6.2+) for 6.1, which lacks it.
    ("include/kcrypto/compat.h", "NEW_TYPEDEFS"),
    # _Pragma (C99 operator) in the GCC/clang target-pragma compat macros.
    ("arch/x86/isa.h", "CAMELCASE"),
    # asm template pieces are juxtaposed string literals: no parentheses possible.
    ("arch/arm64/poly1305-neon.c", "COMPLEX_MACRO"),
}


@pytest.fixture(scope="module")
def checkpatch(tmp_path_factory):
    if not KSRC.exists():
        pytest.fail(f"{KSRC} missing: run scripts/deps")
    out = tmp_path_factory.mktemp("checkpatch")
    want = ["checkpatch.pl", "spelling.txt", "const_structs.checkpatch"]
    with tarfile.open(KSRC) as tar:
        for name in want:
            member = tar.getmember(f"linux-source-6.12/scripts/{name}")
            member.name = name
            tar.extract(member, out)
    return out / "checkpatch.pl"


def kernel_sources():
    files = subprocess.run(["git", "ls-files", "*.c", "*.h"], cwd=ROOT,
                           capture_output=True, text=True, check=True).stdout.split()
    # Generated vector tables are data (scripts/gen-kunit-vectors).
    return [f for f in files if not f.startswith(("harness/", "tests/"))
            and not f.startswith("kunit/vectors-")]


def test_checkpatch_strict(checkpatch):
    files = kernel_sources()
    assert files
    res = subprocess.run([str(checkpatch), "--strict", "--no-tree", "--terse",
                          "--show-types", "--ignore", "MACRO_ARG_REUSE", "-f", *files],
                         cwd=ROOT, capture_output=True, text=True)
    bad = []
    for line in res.stdout.splitlines():
        if line.startswith("total:") or ": " not in line:
            continue
        path = line.split(":", 1)[0]
        typ = line.split(": ", 1)[1].split(":")[1]   # "WARNING:TYPE: text"
        if (path, typ) not in ALLOWED:
            bad.append(line)
    assert not bad, "checkpatch --strict:\n" + "\n".join(bad)
