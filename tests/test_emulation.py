# SPDX-License-Identifier: GPL-2.0
"""Emulation layer: the AVX-512 and IFMA cores' correctness on any x86_64 host.

Builds build/harness-emu (cmake -DKCRYPTO_EMU=ON, harness/emu): every
arch/x86 core whose file name has "avx512" or "ifma" compiled on SIMDe
(libsimde-dev) and harness/emu/ifma-emu.h instead of the native
intrinsics, with the AVX-512 feature bits counted present.  Then:

- the emulated files are exactly the *avx512*/*ifma* cores of arch/x86, and
  their objects hold no VEX/EVEX instruction (objdump);
- ifma-emu.h equals vpmadd52luq/vpmadd52huq on a CPU that has them
  (kcrypto-ifma-check), and Python's integers everywhere;
- kcrypto-tests, filtered to the tests whose parameter is an emulated core
  (alone or in an AEAD pair), and kcrypto-vectors on every vector file,
  pass for every emulated core: once on this host, once under
  qemu-x86_64 -cpu max (AVX2, no AVX-512: the host CPU of CI machines
  without AVX-512, whatever this one has).

The stack-scan tests (names with "Wipe" or "Stack") are left out: they
check the spills of the native code, which the emulation does not
reproduce.  Native runs on
AVX-512 hardware (tests/test_harness.py) remain the final word for speed.

Environment: KCRYPTO_EMU_BUILD (default <repo>/build/harness-emu),
KCRYPTO_HARNESS_NO_BUILD=1 (use the build as it is), KCRYPTO_JOBS (2),
KCRYPTO_VECTORS_DIR (default <repo>/vectors).
"""
import glob
import os
import platform
import re
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BUILD = Path(os.environ.get("KCRYPTO_EMU_BUILD", REPO / "build" / "harness-emu"))
JOBS = os.environ.get("KCRYPTO_JOBS", "2")
VECTORS = Path(os.environ.get("KCRYPTO_VECTORS_DIR", REPO / "vectors"))
ARCH_X86 = REPO / "arch" / "x86"
BUILD_TIMEOUT = 3600    # a loaded 2-core machine needs minutes per build
RUN_TIMEOUT = 900
QEMU = "qemu-x86_64"
QEMU_CPU = "max"        # QEMU 7.2 TCG: up to AVX2, no AVX-512
# Feature names (harness/impl.cc) that make a core an emulated one.
EMU_FEATURES = {"avx512f", "avx512vl", "avx512bw", "avx512ifma", "zmm"}
# Stack-scan tests (Poly1305WipeTest, Poly1305Test.NoPowersOfROnStack*, ...)
# look for key material the native code leaves in its spill slots; SIMDe's
# spills are its own, so these stay with the native runs (test_harness.py).
NATIVE_ONLY = re.compile(r"Wipe|Stack")
# The registry's primitive of each kcrypto-vectors name (AEADs: pairs).
REGISTRY_PRIM = {"chacha20": "chacha", "poly1305": "poly1305", "blake2s": "blake2s",
                 "x25519": "x25519"}

pytestmark = pytest.mark.skipif(
    platform.machine() not in ("x86_64", "amd64"),
    reason="the emulated cores are arch/x86's (x86_64 hosts)")


def run(cmd, timeout=RUN_TIMEOUT, env=None):
    e = dict(os.environ, KCRYPTO_VECTORS_DIR=str(VECTORS))
    e.pop("KCRYPTO_CPU_MASK", None)     # every emulated core must be usable
    e.update(env or {})
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True,
                          timeout=timeout, env=e)


def host_flags():
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("flags"):
            return set(line.split(":", 1)[1].split())
    return set()


def expected_emulated_files():
    """The cores harness/emu must emulate, found here independently of CMake."""
    return sorted(Path(f).name for f in glob.glob(str(ARCH_X86 / "*.c"))
                  if re.search(r"(avx512|ifma)", Path(f).name)
                  and not re.search(r"-(glue|select)\.c$", f))


@pytest.fixture(scope="module")
def emu():
    if os.environ.get("KCRYPTO_HARNESS_NO_BUILD") != "1":
        cfg = ["cmake", "-S", REPO / "harness", "-B", BUILD, "-DKCRYPTO_EMU=ON",
               "-DKCRYPTO_BUILD_BENCH=OFF"]
        if not (BUILD / "CMakeCache.txt").exists():
            cfg.append("-DCMAKE_BUILD_TYPE=Release")
        for cmd in (cfg, ["cmake", "--build", BUILD, "-j", JOBS]):
            r = run(cmd, timeout=BUILD_TIMEOUT)
            assert r.returncode == 0, \
                f"{' '.join(map(str, cmd))}\n{r.stdout[-6000:]}\n{r.stderr[-6000:]}"
    for prog in ("kcrypto-tests", "kcrypto-vectors", "kcrypto-ifma-check"):
        assert (BUILD / prog).exists(), f"{BUILD / prog} not built"
    return BUILD


@pytest.fixture(scope="module")
def emulated_files(emu):
    listed = (emu / "emulated-cores.txt").read_text().split()
    expect = expected_emulated_files()
    assert expect, f"no *avx512*.c or *ifma*.c core in {ARCH_X86}"
    assert sorted(listed) == expect, \
        f"emulated by the build: {listed}, AVX-512/IFMA cores in arch/x86: {expect}"
    return listed


def list_impls(emu, prefix=()):
    """[(prim, name, features, usable)] from kcrypto-vectors --list."""
    r = run([*prefix, emu / "kcrypto-vectors", "--list"])
    assert r.returncode == 0, r.stderr
    impls = []
    for line in r.stdout.splitlines():
        m = re.match(r"^(\w+)/(\S+) needs (\S+)( \(not usable\))?$", line)
        if m:
            impls.append((m.group(1), m.group(2), set(m.group(3).split(",")),
                          not m.group(4)))
    assert impls, r.stdout
    return impls


def emulated_impls(emu, files, prefix=()):
    """{(prim, name)} of the cores that need an AVX-512 bit: all usable, and
    exactly the primitives of the emulated files."""
    impls = list_impls(emu, prefix)
    emulated = {(p, n) for p, n, f, _ in impls if f & EMU_FEATURES}
    assert len(emulated) > 0, "no emulated implementation in the registry"
    unusable = [f"{p}/{n}" for p, n, f, u in impls if f & EMU_FEATURES and not u]
    assert not unusable, f"emulated cores not usable: {unusable}"
    file_prims = {f.split("-", 1)[0] for f in files}
    assert {p for p, _ in emulated} == file_prims, \
        f"emulated cores {sorted(emulated)} vs emulated files {files}"
    print("emulated implementations:",
          ", ".join(f"{p}/{n}" for p, n in sorted(emulated)))
    return emulated


# --- The build ----------------------------------------------------------------

INSN = re.compile(r"^\s*[0-9a-f]+:\s+(\S+)\s*(.*)$")
AVX_REG = re.compile(r"%(ymm|zmm)\d+|%k[0-7]\b|%xmm(1[6-9]|2\d|3[01])\b|\{%k")


def avx_instructions(obj):
    """The VEX/EVEX instructions of an object file (objdump, AT&T syntax)."""
    r = run(["objdump", "-d", "--no-show-raw-insn", obj])
    assert r.returncode == 0, r.stderr
    bad = []
    for line in r.stdout.splitlines():
        m = INSN.match(line)
        if m and (m.group(1).startswith("v") or AVX_REG.search(m.group(2))):
            bad.append(line.strip())
    return bad


def arch_object(emu, name):
    objs = glob.glob(str(emu / "CMakeFiles" / "kcrypto_arch.dir" / "**" / f"{name}.o"),
                     recursive=True)
    assert len(objs) == 1, f"object of {name} in {emu}: {objs}"
    return objs[0]


def test_emulated_objects_have_no_avx(emu, emulated_files):
    # The detector finds the AVX2 instructions of a native core of the same build.
    assert avx_instructions(arch_object(emu, "chacha-avx2.c"))
    for f in emulated_files:
        bad = avx_instructions(arch_object(emu, f))
        assert not bad, f"{f}: native AVX/AVX-512 in the emulation build:\n" + \
            "\n".join(bad[:20])


# --- IFMA emulation -----------------------------------------------------------

def test_ifma_emulation_matches_native(emu):
    r = run([emu / "kcrypto-ifma-check", "200000"])
    print(r.stdout)
    assert r.returncode == 0, r.stdout + r.stderr
    flags = host_flags()
    if {"avx512f", "avx512vl", "avx512ifma"} <= flags:
        assert "native: yes" in r.stdout
        assert "emulated == native" in r.stdout
    else:
        assert "native: no" in r.stdout
        pytest.skip("this CPU has no AVX512-IFMA+VL: only the Python check compares")


IFMA_DUMP_FORMS = 18    # {128,256,512} x {lo,hi} x {plain,mask,maskz}


def test_ifma_emulation_matches_python(emu):
    """Every form of ifma-emu.h against the SDM's definition in Python."""
    n = 3000
    r = run([emu / "kcrypto-ifma-check", "--dump", str(n)])
    assert r.returncode == 0, r.stderr
    m52, m64 = (1 << 52) - 1, (1 << 64) - 1
    lines = r.stdout.splitlines()
    assert len(lines) == n * IFMA_DUMP_FORMS
    forms = set()
    for line in lines:
        form, k, *vecs = line.split()
        a, b, c, got = ([int(x, 16) for x in v.split(",")] for v in vecs)
        k = int(k)
        forms.add(form)
        hi = form.endswith("hi")
        for i in range(len(a)):
            p = (b[i] & m52) * (c[i] & m52)
            res = (a[i] + ((p >> 52) if hi else (p & m52))) & m64
            if "_mask_" in form and not k >> i & 1:
                res = a[i]
            elif "_maskz_" in form and not k >> i & 1:
                res = 0
            assert got[i] == res, f"{line}: lane {i} expected {res:x}"
    assert len(forms) == IFMA_DUMP_FORMS, forms


# --- The emulated cores, on this host and on a CPU without AVX-512 -----------------

@pytest.fixture(scope="module", params=["host", "qemu"])
def runner(request, emu):
    """Command prefix: this host as it is, or qemu-x86_64 -cpu max."""
    if request.param == "host":
        if "avx2" not in host_flags():
            pytest.skip("the emulated cores' tables also need AVX2, which this host "
                        "lacks (the qemu run covers them)")
        return ()
    if not shutil.which(QEMU):
        pytest.fail(f"{QEMU} missing: run scripts/deps (qemu-user)")
    prefix = (QEMU, "-cpu", QEMU_CPU)
    r = run([*prefix, emu / "kcrypto-ifma-check", "10"])
    assert r.returncode == 0, r.stdout + r.stderr
    # The point of this run: the CPU qemu shows has no AVX-512 at all.
    assert "cpu: avx512f=0 avx512vl=0 avx512bw=0 avx512ifma=0" in r.stdout, r.stdout
    return prefix


def emulated_gtests(emu, emulated, prefix):
    """Names of the parameterised tests that run an emulated core."""
    r = run([*prefix, emu / "kcrypto-tests", "--gtest_list_tests"])
    assert r.returncode == 0, r.stderr
    tokens = {f"{p}/{n}" for p, n in emulated}
    selected, native_only, per_impl, suite = [], [], {t: 0 for t in tokens}, None
    for line in r.stdout.splitlines():
        if not line.startswith(" "):
            suite = line.strip()
            continue
        m = re.match(r"^\s+(\S+)\s+# GetParam\(\) = (.*)$", line)
        if not m or m.group(1).startswith("DISABLED_"):
            continue
        hit = tokens & set(m.group(2).split(" + "))
        if not hit:
            continue
        name = suite + m.group(1)
        if NATIVE_ONLY.search(name):
            native_only.append(name)
            continue
        selected.append(name)
        for t in hit:
            per_impl[t] += 1
    missing = [t for t, c in per_impl.items() if c == 0]
    assert not missing, f"no kcrypto-tests test runs {missing}"
    if native_only:
        print("left to native runs (stack scans):", " ".join(native_only))
    return selected, per_impl


def test_emulated_cores_unit_tests(emu, emulated_files, runner):
    emulated = emulated_impls(emu, emulated_files, runner)
    selected, per_impl = emulated_gtests(emu, emulated, runner)
    assert selected
    r = run([*runner, emu / "kcrypto-tests", "--gtest_filter=" + ":".join(selected)])
    print(r.stdout.splitlines()[0] if r.stdout else r.stderr)   # the seed
    print(f"{len(selected)} tests; per emulated core:",
          ", ".join(f"{t} {c}" for t, c in sorted(per_impl.items())))
    assert r.returncode == 0, r.stdout[-8000:] + r.stderr[-4000:]
    assert f"[  PASSED  ] {len(selected)} tests." in r.stdout, r.stdout[-4000:]
    assert "[  FAILED  ]" not in r.stdout


def vector_files():
    files = sorted(glob.glob(str(VECTORS / "*.json"))) + \
        sorted(glob.glob(str(VECTORS / "wycheproof" / "*.json")))
    assert files, f"no vector files in {VECTORS} (set KCRYPTO_VECTORS_DIR)"
    return files


def test_emulated_cores_vectors(emu, emulated_files, runner):
    emulated = emulated_impls(emu, emulated_files, runner)
    files = vector_files()
    r = run([*runner, emu / "kcrypto-vectors", *files])
    assert r.returncode == 0, r.stdout[-6000:] + r.stderr[-6000:]
    # "PASS <prim>/<impl> <file>: N/M"; AEAD impls are "<chacha>+<poly1305>".
    results = {}
    for line in r.stdout.splitlines()[:-1]:
        m = re.match(r"^(PASS|FAIL) (\w+)/(\S+) (.+): (\d+)/(\d+)$", line)
        assert m, line
        results.setdefault(m.group(4), []).append(
            (m.group(2), m.group(3).split("+"), int(m.group(5)), int(m.group(6))))
    assert set(results) == set(files), "files without a result line"

    def exercised(prim, impls):
        """{(registry prim, core)} of one result line."""
        if len(impls) == 2:                     # an AEAD pair
            return {("chacha", impls[0]), ("poly1305", impls[1])}
        return {(REGISTRY_PRIM[prim], impls[0])}

    runs = {f"{p}/{n}": 0 for p, n in emulated}
    for f, rows in results.items():
        prims, cores = set(), set()
        for prim, impls, passed, total in rows:
            assert total > 0 and passed == total, f"{f}: {prim}/{'+'.join(impls)}"
            ex = exercised(prim, impls)
            prims |= {p for p, _ in ex}
            cores |= ex
            for core in ex & emulated:
                runs["/".join(core)] += 1
        # Every emulated core of a primitive this file tests ran on it.
        missing = [f"{p}/{n}" for p, n in emulated if p in prims and (p, n) not in cores]
        assert not missing, f"{f}: did not run {missing}"
    assert all(runs.values()), f"emulated cores without a vector file: {runs}"
    print(r.stdout.splitlines()[-1], "; per emulated core (file x pair):",
          ", ".join(f"{t} {c}" for t, c in sorted(runs.items())))
