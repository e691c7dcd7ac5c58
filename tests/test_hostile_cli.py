# SPDX-License-Identifier: GPL-2.0
"""Hostile input to the userspace CLIs (Documentation/reliability.md): malformed,
truncated, oversized and wrongly typed vector files for kcrypto-vectors
(ASan+UBSan build) and scripts/vectors-to-ktv, bad arguments and
environment for kcrypto-vectors and kcrypto-icount.

Every case must end with a clear error (the file named, a reason) and a
nonzero exit status, never a signal, a sanitizer report or a hang.  The
well-formed control documents must pass, so a CLI that refused everything
would fail here too.

Uses the sanitizer build of tests/test_harness.py (build/harness-san, the
same flags, built incrementally; KCRYPTO_HARNESS_NO_BUILD=1 only checks it
exists; KCRYPTO_HOSTILE_SAN_BUILD=DIR uses another build directory).
"""
import copy
import json
import os
import subprocess
from pathlib import Path

import pytest

from test_harness import cmake_build, SAN_BUILD, REPO

SAN_ENV = {"ASAN_OPTIONS": "detect_leaks=1:abort_on_error=1",
           "UBSAN_OPTIONS": "print_stacktrace=1:halt_on_error=1"}
TIMEOUT = 120
SAN_WORDS = ("AddressSanitizer", "LeakSanitizer", "runtime error:", "UndefinedBehaviorSanitizer")


@pytest.fixture(scope="module")
def san():
    build = Path(os.environ.get("KCRYPTO_HOSTILE_SAN_BUILD", SAN_BUILD))
    return cmake_build(build, "-DKCRYPTO_SANITIZE=ON", "-DKCRYPTO_BUILD_BENCH=OFF",
                       build_type="RelWithDebInfo")


def run(cmd, env=None, timeout=TIMEOUT):
    e = dict(os.environ, **SAN_ENV)
    e.update(env or {})
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True,
                          errors="replace", timeout=timeout, env=e)


def clean_failure(r, rc=None):
    """Nonzero exit, no signal, no sanitizer report."""
    out = r.stdout + r.stderr
    assert not any(w in out for w in SAN_WORDS), out[-4000:]
    assert r.returncode > 0, f"exit {r.returncode}\n{out[-2000:]}"
    if rc is not None:
        assert r.returncode == rc, f"exit {r.returncode}, expected {rc}\n{out[-2000:]}"


# --- documents ---------------------------------------------------------------------

def aead_doc():
    return {"algorithm": "CHACHA20-POLY1305", "testGroups": [{
        "ivSize": 96, "keySize": 256, "tagSize": 128, "type": "AeadTest",
        "tests": [{"tcId": 1, "comment": "", "flags": [],
                   "key": "80818283848586878889" "8a8b8c8d8e8f90919293949596979899" "9a9b9c9d9e9f",
                   "iv": "070000004041424344454647", "aad": "50515253c0c1c2c3c4c5c6c7",
                   "msg": "4c616469657320616e642047656e746c656d656e206f662074686520636c6173"
                          "73206f66202739393a204966204920636f756c64206f6666657220796f75206f"
                          "6e6c79206f6e652074697020666f7220746865206675747572652c2073756e73"
                          "637265656e20776f756c642062652069742e",
                   "ct": "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
                         "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
                         "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
                         "3ff4def08e4b7a9de576d26586cec64b6116",
                   "tag": "1ae10b594f09e26a7e902ecbd0600691", "result": "valid"}]}]}


def xdh_doc():
    return {"algorithm": "XDH", "testGroups": [{
        "curve": "curve25519", "type": "XdhComp",
        "tests": [{"tcId": 1, "comment": "RFC 7748", "flags": [],
                   "public": "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c",
                   "private": "a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4",
                   "shared": "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552",
                   "result": "valid"}]}]}


def kat_doc():
    return [{"hash": "blake2s", "in": "", "key": "",
             "out": "69217a3079908094e11121d042354a7c1f55b6482ca1a51e1b250dfd1ed0eef9"}]


def mutate(doc, path, value):
    """Copy of doc with the element at path (list of keys/indices) set to value,
    or deleted when value is DELETE."""
    d = copy.deepcopy(doc)
    cur = d
    for k in path[:-1]:
        cur = cur[k]
    if value is DELETE:
        del cur[path[-1]]
    else:
        cur[path[-1]] = value
    return d


DELETE = object()
T = ["testGroups", 0, "tests", 0]
HUGE_HEX = "00" * (4 << 20)

# (id, document as text); each must be refused (or, for well-formed but
# wrong values, fail) with a nonzero exit.
RAW = [
    ("empty", ""),
    ("whitespace", " \n\t "),
    ("null", "null"),
    ("number", "42"),
    ("string", '"abc"'),
    ("empty-object", "{}"),
    ("empty-list", "[]"),
    ("truncated", json.dumps(aead_doc())[:-7]),
    ("trailing-garbage", json.dumps(aead_doc()) + " }"),
    ("trailing-comma", '{"algorithm": "XDH", "testGroups": [],}'),
    ("single-quotes", "{'algorithm': 'XDH'}"),
    ("nesting-100k", "[" * 100000 + "]" * 100000),
    ("nesting-obj", '{"a":' * 50000 + "1" + "}" * 50000),
    ("bad-escape", '{"algorithm": "\\x41"}'),
    ("lone-surrogate", '{"algorithm": "\\ud800", "testGroups": []}'),
    ("nul-byte", '{"algorithm": "XDH\u0000", "testGroups": []}'),
    ("control-char", '{"algorithm": "X\u0001DH", "testGroups": []}'),
    ("huge-number", '{"algorithm": "XDH", "testGroups": [{"tests": [{"tcId": 1e999999}]}]}'),
    ("utf8-bom", "\ufeff" + json.dumps(xdh_doc())),
    ("kat-not-objects", "[1, 2, 3]"),
    ("kat-no-blake2s", json.dumps([{"hash": "blake2b", "in": "", "key": "", "out": "00"}])),
]

DOCS = [
    ("alg-unknown", mutate(aead_doc(), ["algorithm"], "AES-GCM")),
    ("alg-number", mutate(aead_doc(), ["algorithm"], 7)),
    ("alg-missing", mutate(aead_doc(), ["algorithm"], DELETE)),
    ("groups-missing", mutate(aead_doc(), ["testGroups"], DELETE)),
    ("groups-object", mutate(aead_doc(), ["testGroups"], {"tests": []})),
    ("groups-numbers", mutate(aead_doc(), ["testGroups"], [1, 2])),
    ("groups-empty", mutate(aead_doc(), ["testGroups"], [])),
    ("tests-missing", mutate(aead_doc(), ["testGroups", 0, "tests"], DELETE)),
    ("tests-string", mutate(aead_doc(), ["testGroups", 0, "tests"], "abc")),
    ("tests-strings", mutate(aead_doc(), ["testGroups", 0, "tests"], ["a", "b"])),
    ("tests-empty", mutate(aead_doc(), ["testGroups", 0, "tests"], [])),
    ("xdh-curve448", mutate(xdh_doc(), ["testGroups", 0, "curve"], "curve448")),
    ("xdh-curve-number", mutate(xdh_doc(), ["testGroups", 0, "curve"], 25519)),
    ("xdh-public-31", mutate(xdh_doc(), T + ["public"], "00" * 31)),
    ("xdh-private-33", mutate(xdh_doc(), T + ["private"], "00" * 33)),
    ("xdh-shared-wrong", mutate(xdh_doc(), T + ["shared"], "00" * 32)),
    ("kat-out-33", mutate(kat_doc(), [0, "out"], "00" * 33)),
    ("kat-out-empty", mutate(kat_doc(), [0, "out"], "")),
    ("kat-key-33", mutate(kat_doc(), [0, "key"], "00" * 33)),
    ("kat-in-odd", mutate(kat_doc(), [0, "in"], "0")),
    ("kat-in-number", mutate(kat_doc(), [0, "in"], 0)),
    ("kat-out-missing", mutate(kat_doc(), [0, "out"], DELETE)),
    ("kat-wrong-digest", mutate(kat_doc(), [0, "out"], "00" * 32)),
]
for field in ("key", "iv", "aad", "msg", "ct", "tag"):
    DOCS += [
        (f"{field}-odd", mutate(aead_doc(), T + [field], "abc")),
        (f"{field}-nonhex", mutate(aead_doc(), T + [field], "zz")),
        (f"{field}-unicode-digits", mutate(aead_doc(), T + [field], "\u0660\u0661")),
        (f"{field}-number", mutate(aead_doc(), T + [field], 0)),
        (f"{field}-null", mutate(aead_doc(), T + [field], None)),
        (f"{field}-list", mutate(aead_doc(), T + [field], ["00"])),
        (f"{field}-missing", mutate(aead_doc(), T + [field], DELETE)),
        (f"{field}-blanks", mutate(aead_doc(), T + [field], "00 00")),
    ]
DOCS += [
    ("key-huge", mutate(aead_doc(), T + ["key"], HUGE_HEX)),
    ("msg-huge-ct-short", mutate(aead_doc(), T + ["msg"], HUGE_HEX)),
    ("iv-8", mutate(aead_doc(), T + ["iv"], "00" * 8)),
    ("tag-15", mutate(aead_doc(), T + ["tag"], "00" * 15)),
    ("ct-flipped", mutate(aead_doc(), T + ["ct"], "e3" + aead_doc()["testGroups"][0]["tests"][0]["ct"][2:])),
    ("result-maybe", mutate(aead_doc(), T + ["result"], "maybe")),
    ("result-number", mutate(aead_doc(), T + ["result"], 1)),
    ("result-missing", mutate(aead_doc(), T + ["result"], DELETE)),
    ("tcid-string", mutate(aead_doc(), T + ["tcId"], "one")),
    ("ivsize-negative", mutate(aead_doc(), ["testGroups", 0, "ivSize"], -96)),
    ("ivsize-huge", mutate(aead_doc(), ["testGroups", 0, "ivSize"], 2 ** 70)),
    ("ivsize-string", mutate(aead_doc(), ["testGroups", 0, "ivSize"], "96")),
]
CASES = RAW + [(i, json.dumps(d)) for i, d in DOCS]


def write(tmp_path, name, text):
    p = tmp_path / f"{name}.json"
    p.write_bytes(text.encode("utf-8", "surrogatepass"))
    return p


@pytest.mark.parametrize("good", ["aead", "xdh", "kat"])
def test_controls_pass(san, tmp_path, good):
    doc = {"aead": aead_doc, "xdh": xdh_doc, "kat": kat_doc}[good]()
    f = write(tmp_path, good, json.dumps(doc))
    r = run([san / "kcrypto-vectors", f])
    assert r.returncode == 0, r.stdout + r.stderr
    r = run(["/usr/bin/python3", REPO / "scripts" / "vectors-to-ktv", "--impl", "generic", f])
    assert r.returncode == 0 and r.stdout.startswith("impl=generic op="), r.stdout + r.stderr


# Group metadata the harness does not use (it checks the real lengths):
# must not crash; may pass.
VECTORS_TOLERATES = {"ivsize-negative", "ivsize-huge", "ivsize-string"}


@pytest.mark.parametrize("name,text", CASES, ids=[c[0] for c in CASES])
def test_vectors_refuses(san, tmp_path, name, text):
    f = write(tmp_path, name, text)
    r = run([san / "kcrypto-vectors", f])
    if name in VECTORS_TOLERATES and r.returncode == 0:
        assert not any(w in r.stdout + r.stderr for w in SAN_WORDS), r.stderr[-4000:]
        return
    clean_failure(r)
    assert r.returncode in (1, 2), r.returncode
    lines = r.stdout.strip().splitlines()
    assert lines and lines[-1].endswith(" failed") and not lines[-1].endswith(" 0 failed"), r.stdout
    # The file is named, with a reason.
    assert any(str(f) in ln and ("ERROR" in ln or "FAIL" in ln) for ln in lines), r.stdout


# Well-formed documents that are merely wrong (a refused case in the
# harness) are valid KTV input: the kernel scores them.  Everything else
# must be refused by the converter, naming the file.
KTV_ACCEPTS = {"xdh-shared-wrong", "kat-wrong-digest", "ct-flipped", "key-huge", "iv-8", "tag-15",
               "xdh-public-31", "xdh-private-33", "kat-out-33", "kat-key-33", "kat-out-empty",
               "msg-huge-ct-short", "kat-no-blake2s", "ivsize-negative", "ivsize-huge",
               "ivsize-string", "tcid-string", "neg-zero-id", "utf8-bom", "xdh-curve-number"}


@pytest.mark.parametrize("name,text", CASES, ids=[c[0] for c in CASES])
def test_vectors_to_ktv_refuses(tmp_path, name, text):
    f = write(tmp_path, name, text)
    r = run(["/usr/bin/python3", REPO / "scripts" / "vectors-to-ktv", "--impl", "generic",
             "-o", tmp_path / "out.ktv", f])
    assert "Traceback" not in r.stderr, r.stderr[-3000:]
    if name in KTV_ACCEPTS and r.returncode == 0:
        return
    assert r.returncode > 0, f"accepted: {r.stdout[:300]}"
    assert f.name in r.stderr, r.stderr


@pytest.mark.parametrize("path", ["/dev/zero", "does-not-exist", "."])
def test_vectors_refuses_unreadable(san, tmp_path, path):
    p = Path(path) if path.startswith("/") else tmp_path / path
    r = run([san / "kcrypto-vectors", p], timeout=300)
    clean_failure(r, rc=2)
    assert f"ERROR {p}" in r.stdout, r.stdout


@pytest.mark.parametrize("args,env", [
    (["--bogus"], {}),
    ([], {}),
    (["-"], {}),
    (["x.json"], {"KCRYPTO_CPU_MASK": "zz"}),
    (["x.json"], {"KCRYPTO_CPU_MASK": "0x" + "f" * 40}),
    (["x.json"], {"KCRYPTO_CPU_MASK": "-1"}),
])
def test_vectors_bad_usage(san, args, env):
    clean_failure(run([san / "kcrypto-vectors", *args], env=env), rc=2)


@pytest.mark.parametrize("args", [
    [], ["list", "extra"], ["chacha"], ["nosuch", "generic", "64"], ["chacha", "nosuch", "64"],
    ["chacha", "generic", "-1"], ["chacha", "generic", "x"], ["chacha", "generic", "99999999999"],
    ["chacha", "generic", "18446744073709551616"], ["chacha", "generic", ""],
])
def test_icount_bad_usage(san, args):
    clean_failure(run([san / "kcrypto-icount", *args]))
