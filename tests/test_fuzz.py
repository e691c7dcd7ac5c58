# SPDX-License-Identifier: GPL-2.0
"""Differential fuzzing, the short CI version (Documentation/reliability.md).

Builds the libFuzzer targets (build/fuzz: clang 14, ASan+UBSan) through
harness/fuzz/run.sh and runs each of chacha, poly1305, aead, blake2s and
x25519 for KCRYPTO_FUZZ_SECONDS (default 20) seconds from the seed corpus of
the shared vectors.  Any difference between implementations, or against
OpenSSL/libsodium, and any sanitizer report fails the test.

A positive control checks that a target notices a wrong implementation
(KCRYPTO_FUZZ_INJECT flips one bit of one core's output).

The long campaign (1e8 executions) is harness/fuzz/long_run.sh; see
harness/fuzz/README.md.  Environment: KCRYPTO_FUZZ_SECONDS,
KCRYPTO_VECTORS_DIR, KCRYPTO_JOBS; KCRYPTO_FUZZ_NO_BUILD=1 reuses build/fuzz.
"""
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BUILD = REPO / "build" / "fuzz"
WORK = BUILD / "ci"
RUN = REPO / "harness" / "fuzz" / "run.sh"
SECONDS = os.environ.get("KCRYPTO_FUZZ_SECONDS", "20")
TARGETS = ("chacha", "poly1305", "aead", "blake2s", "x25519")
LINE = re.compile(r"^fuzz (\w+): (\d+) executions(?: in \d+s)?, (ok|FAILED.*)$")
TOTAL = re.compile(r"^fuzz total: (\d+) executions, (\d+) failures$")

pytestmark = pytest.mark.skipif(
    not shutil.which("clang-14") or not shutil.which("clang++-14"),
    reason="clang-14 (libFuzzer) not installed")


def run_fuzz(env=None, timeout=3600):
    e = dict(os.environ, FUZZ_SECONDS=SECONDS, FUZZ_WORK=str(WORK))
    if os.environ.get("KCRYPTO_FUZZ_NO_BUILD") == "1":
        e["FUZZ_NO_BUILD"] = "1"
    e.update(env or {})
    return subprocess.run([str(RUN)], capture_output=True, text=True,
                          timeout=timeout, env=e)


@pytest.fixture(scope="module")
def short_run():
    # A fresh corpus each time: CI runs start from the seeds only.
    shutil.rmtree(WORK, ignore_errors=True)
    return run_fuzz()


def test_short_run_clean(short_run):
    r = short_run
    assert r.returncode == 0, r.stdout + r.stderr[-4000:]
    lines = r.stdout.strip().splitlines()
    per = {}
    for line in lines[:-1]:
        m = LINE.match(line)
        assert m, f"unexpected line {line!r}"
        per[m.group(1)] = (int(m.group(2)), m.group(3))
    assert set(per) == set(TARGETS)
    for t, (n, status) in per.items():
        assert status == "ok", f"{t}: {status}"
        assert n > 100, f"{t}: only {n} executions in {SECONDS}s"
    m = TOTAL.match(lines[-1])
    assert m and int(m.group(2)) == 0, lines[-1]
    assert int(m.group(1)) == sum(n for n, _ in per.values())
    print(f"\n{r.stdout}")


def test_seed_corpus(short_run):
    for t in TARGETS:
        seeds = list((WORK / "seeds" / t).glob("seed-*"))
        assert len(seeds) >= 20, f"{t}: {len(seeds)} seeds"


def test_no_artifacts(short_run):
    found = sorted(p.name for p in (WORK / "artifacts").glob("*"))
    assert not found, f"failing inputs were written: {found}"


@pytest.mark.parametrize("var,value", [("FUZZ_SECONDS", "ten"),
                                       ("FUZZ_TIMEOUT", "0"),
                                       ("FUZZ_TIMEOUT", "2m")])
def test_bad_setting_is_a_usage_error(var, value):
    """run.sh refuses a malformed time before building or fuzzing."""
    r = subprocess.run([str(RUN)], capture_output=True, text=True, timeout=60,
                       env=dict(os.environ, **{var: value}))
    assert r.returncode == 2, r.stdout + r.stderr
    assert var in r.stderr


def best_core(prim):
    """The first non-generic implementation the fuzzer reports as usable."""
    r = subprocess.run([str(BUILD / "fuzz" / "kcrypto-fuzz-chacha"), "-runs=0"],
                       capture_output=True, text=True, timeout=120)
    m = re.search(rf"^kcrypto-fuzz: {prim}: (.*)$", r.stderr, re.M)
    assert m, r.stderr
    names = m.group(1).split()
    return names[1] if len(names) > 1 else names[0]


@pytest.mark.parametrize("target,prim", [("chacha", "chacha"),
                                         ("poly1305", "poly1305"),
                                         ("blake2s", "blake2s"),
                                         ("x25519", "x25519"),
                                         ("aead", "chacha")])
def test_injected_difference_is_caught(short_run, tmp_path, target, prim):
    """Positive control: a one-bit error in one implementation must abort."""
    impl = best_core(prim)
    e = dict(os.environ, KCRYPTO_FUZZ_INJECT=f"{prim}:{impl}")
    r = subprocess.run([str(BUILD / "fuzz" / f"kcrypto-fuzz-{target}"),
                        "-runs=300", f"-artifact_prefix={tmp_path}/",
                        str(WORK / "seeds" / target)],
                       capture_output=True, text=True, timeout=600, env=e)
    assert r.returncode != 0, f"{prim}:{impl} injected, not detected"
    assert "KCRYPTO-FUZZ DIFFERENCE" in r.stderr, r.stderr[-2000:]
    assert list(tmp_path.glob("crash-*")), "no crash input saved"
