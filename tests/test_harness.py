# SPDX-License-Identifier: GPL-2.0
"""Userspace layer: the C++ harness built from the same sources as the modules.

Builds build/harness (cmake, Release, incremental) unless
KCRYPTO_HARNESS_NO_BUILD=1, then runs kcrypto-tests, kcrypto-vectors on the
shared vectors, and checks that kcrypto-vectors refuses broken input.  The
sanitizer build (build/harness-san, ASan+UBSan) is marked slow:
deselect it with -m "not slow".

Environment: KCRYPTO_VECTORS_DIR (default <repo>/vectors),
KCRYPTO_HARNESS_BUILD (default <repo>/build/harness), KCRYPTO_JOBS (2).
"""
import glob
import hashlib
import json
import os
import re
import secrets
import struct
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BUILD = Path(os.environ.get("KCRYPTO_HARNESS_BUILD", REPO / "build" / "harness"))
SAN_BUILD = REPO / "build" / "harness-san"
JOBS = os.environ.get("KCRYPTO_JOBS", "2")
VECTORS = Path(os.environ.get("KCRYPTO_VECTORS_DIR", REPO / "vectors"))
BUILD_TIMEOUT = 3600    # a loaded 2-core machine needs minutes per build
RUN_TIMEOUT = 900
CLOSING = re.compile(r"^(\d+) passed, (\d+) failed$")


def run(cmd, timeout=RUN_TIMEOUT, env=None, **kw):
    e = dict(os.environ, KCRYPTO_VECTORS_DIR=str(VECTORS))
    e.update(env or {})
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True,
                          timeout=timeout, env=e, **kw)


def cmake_build(build, *defs, build_type="Release"):
    """Configure (first time only with a build type) and build incrementally."""
    if os.environ.get("KCRYPTO_HARNESS_NO_BUILD") == "1":
        assert (build / "kcrypto-vectors").exists(), f"{build} not built"
        return build
    cfg = ["cmake", "-S", REPO / "harness", "-B", build, *defs]
    if not (build / "CMakeCache.txt").exists():
        cfg.append(f"-DCMAKE_BUILD_TYPE={build_type}")
    for cmd in (cfg, ["cmake", "--build", build, "-j", JOBS]):
        r = run(cmd, timeout=BUILD_TIMEOUT)
        assert r.returncode == 0, f"{' '.join(map(str, cmd))}\n{r.stdout[-6000:]}\n{r.stderr[-6000:]}"
    return build


@pytest.fixture(scope="session")
def harness():
    return cmake_build(BUILD)


def shared_vector_files():
    files = sorted(glob.glob(str(VECTORS / "*.json"))) + \
        sorted(glob.glob(str(VECTORS / "wycheproof" / "*.json")))
    assert files, f"no vector files in {VECTORS} (set KCRYPTO_VECTORS_DIR)"
    return files


def vectors(build, *files, env=None):
    return run([build / "kcrypto-vectors", *files], env=env)


def closing(r):
    """(passed, failed) from the closing line, which must be the last one."""
    lines = r.stdout.strip().splitlines()
    assert lines, r.stderr
    m = CLOSING.match(lines[-1])
    assert m, f"no closing line: {lines[-1]!r}"
    return int(m.group(1)), int(m.group(2))


def usable_impls(build, env=None):
    """{prim: number of usable implementations} from kcrypto-vectors --list."""
    r = run([build / "kcrypto-vectors", "--list"], env=env)
    assert r.returncode == 0, r.stderr
    n = {}
    for line in r.stdout.splitlines():
        m = re.match(r"^(\w+)/\S+ needs ", line)
        if m and "(not usable)" not in line:
            n[m.group(1)] = n.get(m.group(1), 0) + 1
    return n


def count_cases(path):
    """(kind, cases) of a vector file, counted independently of the harness."""
    doc = json.loads(Path(path).read_text())
    if isinstance(doc, list):
        return "blake2s", sum(1 for e in doc if e.get("hash") == "blake2s")
    kinds = {"CHACHA20-POLY1305": "aead", "XCHACHA20-POLY1305": "aead", "XDH": "x25519",
             "CHACHA20": "chacha", "POLY1305": "poly1305", "BLAKE2S": "blake2s"}
    return kinds[doc["algorithm"]], sum(len(g["tests"]) for g in doc["testGroups"])


# --- kcrypto-tests ------------------------------------------------------------

def check_gtest(r):
    assert r.returncode == 0, r.stdout[-8000:] + r.stderr[-4000:]
    assert "[  PASSED  ]" in r.stdout
    assert "[  FAILED  ]" not in r.stdout


def test_unit_tests(harness):
    r = run([harness / "kcrypto-tests"])
    print(r.stdout.splitlines()[0])     # the seed, for the log
    check_gtest(r)


def test_unit_tests_generic_only(harness):
    """KCRYPTO_CPU_MASK hides every feature: only generic is left to run."""
    env = {"KCRYPTO_CPU_MASK": "ffffffff"}
    assert usable_impls(harness, env) == {"chacha": 1, "poly1305": 1, "blake2s": 1, "x25519": 1}
    check_gtest(run([harness / "kcrypto-tests"], env=env))


def test_bad_cpu_mask_is_refused(harness):
    r = vectors(harness, *shared_vector_files(), env={"KCRYPTO_CPU_MASK": "avx2"})
    assert r.returncode != 0
    assert "KCRYPTO_CPU_MASK" in r.stderr


# --- kcrypto-vectors on the shared files ----------------------------------------

def test_shared_vectors(harness):
    files = shared_vector_files()
    r = vectors(harness, *files)
    assert r.returncode == 0, r.stdout + r.stderr
    passed, failed = closing(r)
    assert failed == 0
    body = r.stdout.strip().splitlines()[:-1]
    assert body and all(l.startswith("PASS ") for l in body), r.stdout

    # N = cases x implementations, counted here independently.
    impls = usable_impls(harness)
    impls["aead"] = impls["chacha"] * impls["poly1305"]
    expect = 0
    for f in files:
        kind, cases = count_cases(f)
        expect += cases * impls[kind]
        assert sum(1 for l in body if l.split()[2].rstrip(":") == f) == impls[kind], f
    assert passed == expect


# --- kcrypto-vectors refuses broken input ------------------------------------------

def expect_failure(r, errors=False):
    assert r.returncode != 0, r.stdout
    passed, failed = closing(r)
    assert failed > 0
    if errors:
        assert re.search(r"^ERROR ", r.stdout, re.M), r.stdout
    else:
        assert re.search(r"^FAIL ", r.stdout, re.M), r.stdout


def write_json(path, doc):
    path.write_text(json.dumps(doc, indent=1))
    return path


def wycheproof(alg, tests, **group):
    return {"algorithm": alg, "testGroups": [dict(group, tests=tests)]}


def first_valid(name):
    doc = json.loads((VECTORS / "wycheproof" / name).read_text())
    for g in doc["testGroups"]:
        for t in g["tests"]:
            if t["result"] == "valid" and t.get("ct", "x") and t.get("shared", "00") != "00" * 32:
                return doc, g, dict(t)
    raise AssertionError(f"no valid case in {name}")


def flip_hex(h, i=0):
    b = bytearray.fromhex(h)
    b[i] ^= 1
    return b.hex()


def test_malformed_file(harness, tmp_path):
    good = write_json(tmp_path / "good.json", wycheproof("BLAKE2S", [
        {"key": "", "msg": "616263", "result": "valid",
         "digest": hashlib.blake2s(b"abc").hexdigest()}]))
    bad = tmp_path / "truncated.json"
    bad.write_text(good.read_text()[:-5])
    expect_failure(vectors(harness, bad), errors=True)
    # The good file still runs and reports, the run still fails.
    r = vectors(harness, good, bad)
    expect_failure(r, errors=True)
    assert re.search(r"^PASS blake2s/generic ", r.stdout, re.M)
    for text in ["", "[1, 2", '{"algorithm": "BLAKE2S", "testGroups": [{"tests": [{"key": "zz"}]}]}',
                 '{"algorithm": "BLAKE2S", "testGroups": [],}']:
        (tmp_path / "m.json").write_text(text)
        expect_failure(vectors(harness, tmp_path / "m.json"), errors=True)


def test_unreadable_file(harness, tmp_path):
    expect_failure(vectors(harness, tmp_path / "does-not-exist.json"), errors=True)
    expect_failure(vectors(harness, tmp_path), errors=True)      # a directory


def test_unknown_algorithm(harness, tmp_path):
    doc, g, t = first_valid("chacha20_poly1305_test.json")
    f = write_json(tmp_path / "aes.json", wycheproof("AES-GCM", [t], ivSize=96))
    expect_failure(vectors(harness, f), errors=True)
    f = write_json(tmp_path / "x448.json", wycheproof("XDH", [], curve="curve448"))
    expect_failure(vectors(harness, f), errors=True)


@pytest.mark.parametrize("name,field", [
    ("chacha20_poly1305_test.json", "ct"),
    ("chacha20_poly1305_test.json", "tag"),
    ("xchacha20_poly1305_test.json", "msg"),
    ("x25519_test.json", "shared"),
])
def test_wrong_expected_value(harness, tmp_path, name, field):
    doc, g, t = first_valid(name)
    f = write_json(tmp_path / "ok.json", dict(doc, testGroups=[dict(g, tests=[t])]))
    assert vectors(harness, f).returncode == 0
    t[field] = flip_hex(t[field])
    f = write_json(tmp_path / "wrong.json", dict(doc, testGroups=[dict(g, tests=[t])]))
    expect_failure(vectors(harness, f))


def test_wrong_kat_entry(harness, tmp_path):
    kat = json.loads((VECTORS / "blake2s-kat.json").read_text())
    entry = dict(kat[300])
    f = write_json(tmp_path / "kat.json", [{"hash": "blake2b", "in": "", "key": "", "out": "00"}, entry])
    assert vectors(harness, f).returncode == 0
    entry["out"] = flip_hex(entry["out"], 31)
    f = write_json(tmp_path / "kat-wrong.json", [entry])
    expect_failure(vectors(harness, f))


# --- the CHACHA20 / POLY1305 / BLAKE2S formats against Python references ------------

def _rotl32(v, n):
    return ((v << n) & 0xffffffff) | (v >> (32 - n))


def _qr(x, a, b, c, d):
    x[a] = (x[a] + x[b]) & 0xffffffff; x[d] = _rotl32(x[d] ^ x[a], 16)
    x[c] = (x[c] + x[d]) & 0xffffffff; x[b] = _rotl32(x[b] ^ x[c], 12)
    x[a] = (x[a] + x[b]) & 0xffffffff; x[d] = _rotl32(x[d] ^ x[a], 8)
    x[c] = (x[c] + x[d]) & 0xffffffff; x[b] = _rotl32(x[b] ^ x[c], 7)


def chacha20(key, nonce, counter, data):
    """RFC 8439 2.4; the 32-bit block counter wraps without touching the nonce."""
    out = bytearray()
    for off in range(0, len(data), 64):
        s = [0x61707865, 0x3320646e, 0x79622d32, 0x6b206574, *struct.unpack("<8I", key),
             (counter + off // 64) & 0xffffffff, *struct.unpack("<3I", nonce)]
        x = list(s)
        for _ in range(10):
            _qr(x, 0, 4, 8, 12); _qr(x, 1, 5, 9, 13); _qr(x, 2, 6, 10, 14); _qr(x, 3, 7, 11, 15)
            _qr(x, 0, 5, 10, 15); _qr(x, 1, 6, 11, 12); _qr(x, 2, 7, 8, 13); _qr(x, 3, 4, 9, 14)
        ks = struct.pack("<16I", *((a + b) & 0xffffffff for a, b in zip(x, s)))
        out += bytes(a ^ b for a, b in zip(data[off:off + 64], ks))
    return bytes(out)


def poly1305(key, msg):
    """RFC 8439 2.5 with Python integers."""
    r = int.from_bytes(key[:16], "little") & 0x0ffffffc0ffffffc0ffffffc0fffffff
    s = int.from_bytes(key[16:], "little")
    p, acc = (1 << 130) - 5, 0
    for i in range(0, len(msg), 16):
        acc = (acc + int.from_bytes(msg[i:i + 16] + b"\x01", "little")) * r % p
    return ((acc + s) & ((1 << 128) - 1)).to_bytes(16, "little")


def test_python_references_match_wycheproof():
    """The references below are judged by the RFC 7539 case of Wycheproof."""
    _, _, t = first_valid("chacha20_poly1305_test.json")
    key, nonce = bytes.fromhex(t["key"]), bytes.fromhex(t["iv"])
    aad, msg = bytes.fromhex(t["aad"]), bytes.fromhex(t["msg"])
    ct = chacha20(key, nonce, 1, msg)
    assert ct.hex() == t["ct"]
    pad = lambda b: b"\0" * (-len(b) % 16)
    mac_data = aad + pad(aad) + ct + pad(ct) + struct.pack("<QQ", len(aad), len(ct))
    assert poly1305(chacha20(key, nonce, 0, b"\0" * 32), mac_data).hex() == t["tag"]


def test_generated_formats(harness, tmp_path):
    rnd = secrets.token_bytes
    chacha_tests, poly_tests, b2s_tests = [], [], []
    for i, (n, ctr) in enumerate([(0, 0), (1, 1), (64, 7), (200, 0xfffffffe), (1000, 2**32 - 1),
                                  (4096 + 17, 12345)]):
        key, nonce, msg = rnd(32), rnd(12), rnd(n)
        chacha_tests.append({"tcId": i + 1, "key": key.hex(), "iv": nonce.hex(), "counter": ctr,
                             "msg": msg.hex(), "ct": chacha20(key, nonce, ctr, msg).hex(),
                             "result": "valid"})
        poly_tests.append({"key": key.hex(), "msg": msg.hex(), "tag": poly1305(key, msg).hex(),
                           "result": "valid"})
    for outlen in range(1, 33):
        key, msg = rnd(secrets.randbelow(33)), rnd(secrets.randbelow(300))
        b2s_tests.append({"key": key.hex(), "msg": msg.hex(), "result": "valid",
                          "digest": hashlib.blake2s(msg, key=key, digest_size=outlen).hexdigest()})
    files = {
        "chacha": write_json(tmp_path / "chacha20.json", wycheproof("CHACHA20", chacha_tests)),
        "poly1305": write_json(tmp_path / "poly1305.json", wycheproof("POLY1305", poly_tests)),
        "blake2s": write_json(tmp_path / "blake2s.json", wycheproof("BLAKE2S", b2s_tests)),
    }
    r = vectors(harness, *files.values())
    assert r.returncode == 0, r.stdout + r.stderr
    impls = usable_impls(harness)
    assert closing(r) == (sum(count_cases(f)[1] * impls[k] for k, f in files.items()), 0)

    # One wrong byte in each: every implementation must notice.
    for kind, tests, field in [("CHACHA20", chacha_tests, "ct"), ("POLY1305", poly_tests, "tag"),
                               ("BLAKE2S", b2s_tests, "digest")]:
        t = dict(tests[-1])
        t[field] = flip_hex(t[field], len(t[field]) // 2 - 1)
        f = write_json(tmp_path / "wrong.json", wycheproof(kind, [t]))
        expect_failure(vectors(harness, f))
        # ... and the same case marked invalid passes.
        t["result"] = "invalid"
        f = write_json(tmp_path / "invalid.json", wycheproof(kind, [t]))
        assert vectors(harness, f).returncode == 0


def test_bench_names(harness, tmp_path):
    out = tmp_path / "bench.json"
    r = run([harness / "kcrypto-bench", "--benchmark_filter=/(64|1)$",
             "--benchmark_min_time=0.001", f"--benchmark_out={out}",
             "--benchmark_out_format=json"])
    assert r.returncode == 0, r.stderr
    names = {}
    for b in json.loads(out.read_text())["benchmarks"]:
        op, impl, size = b["name"].split("/")
        names.setdefault(op, set()).add(impl)
        if op == "x25519":
            assert size == "1" and b["items_per_second"] > 0
        else:
            assert size == "64" and b["bytes_per_second"] > 0
    assert set(names) == {"chacha20", "poly1305", "chacha20poly1305", "xchacha20poly1305",
                          "blake2s", "x25519"}
    for op in names:
        assert "generic" in names[op], op
    assert {"openssl", "libsodium"} <= names["chacha20"]


# --- sanitizers ----------------------------------------------------------------------

@pytest.mark.slow
def test_sanitizers():
    """ASan + UBSan build of the same harness (no benchmarks), whole suite."""
    build = cmake_build(SAN_BUILD, "-DKCRYPTO_SANITIZE=ON", "-DKCRYPTO_BUILD_BENCH=OFF",
                        build_type="RelWithDebInfo")
    env = {"ASAN_OPTIONS": "detect_leaks=1:abort_on_error=1",
           "UBSAN_OPTIONS": "print_stacktrace=1:halt_on_error=1"}
    check_gtest(run([build / "kcrypto-tests"], env=env))
    r = vectors(build, *shared_vector_files(), env=env)
    assert r.returncode == 0, r.stdout + r.stderr
    assert closing(r)[1] == 0
