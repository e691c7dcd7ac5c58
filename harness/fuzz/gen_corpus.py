#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR MIT
"""Seed corpora for the libFuzzer targets, from the shared vector files.

    gen_corpus.py VECTORS_DIR OUT_DIR

writes OUT_DIR/<target>/seed-<sha1> for target in chacha, poly1305, aead,
blake2s and x25519, in the input layouts documented at the top of each
harness/fuzz/fuzz_<target>.cc, plus a few hand-made edge seeds (counter at
the wrap, Poly1305 extreme states, invalid BLAKE2s parameters, low-order
X25519 points).  Deterministic: the same vectors give the same files.
"""
import hashlib
import json
import struct
import sys
from pathlib import Path

TARGETS = ("chacha", "poly1305", "aead", "blake2s", "x25519")


def u16(v):
    return struct.pack("<H", v & 0xffff)


def u32(v):
    return struct.pack("<I", v & 0xffffffff)


def u64(v):
    return struct.pack("<Q", v & 0xffffffffffffffff)


def pad(b, n):
    return (b + bytes(n))[:n]


def chacha_seed(key, nonce, msg, counter=1, mode=0, soff=0, doff=0, extra=0,
                splits=()):
    return (bytes([mode, soff, doff]) + u16(extra) + u32(counter) +
            pad(key, 32) + pad(nonce, 16) + bytes([len(splits)]) +
            b"".join(u16(s) for s in splits) + msg)


def poly_seed(key, msg, mode=0, off=0, extra=0, switches=0, splits=(),
              state=None):
    s = (bytes([mode, off]) + u16(extra) + bytes([switches]) + pad(key, 32) +
         bytes([len(splits)]) + b"".join(u16(x) for x in splits))
    if state is not None:
        h0, h1, h2 = state
        s += u64(h0) + u64(h1) + bytes([h2])
    return s + msg


def aead_seed(key, nonce, ad, msg, mode=0, soff=0, doff=0, extra=0, tpos=0,
              tbit=0):
    return (bytes([mode, soff, doff]) + u16(extra) + u16(len(ad)) +
            u16(tpos) + bytes([tbit]) + pad(key, 32) + pad(nonce, 24) + ad +
            msg)


def blake2s_seed(key, msg, outlen=32, mode=0, off=0, extra=0, switches=0,
                 splits=(), keylen=None):
    kb = len(key) if keylen is None else keylen
    ob = outlen if mode & 1 else (outlen - 1) % 32
    return (bytes([mode, ob & 0xff, kb & 0xff, off]) + u16(extra) +
            bytes([switches]) + pad(key, 32) + bytes([len(splits)]) +
            b"".join(u16(x) for x in splits) + msg)


def x25519_seed(scalar, point, mode=0, edge=0):
    return bytes([mode, edge]) + pad(scalar, 32) + pad(point, 32)


def load(path):
    with open(path) as f:
        return json.load(f)


def tests(doc):
    for g in doc.get("testGroups", []):
        for t in g.get("tests", []):
            yield g, t


def seeds(vectors):
    out = {t: [] for t in TARGETS}
    h = bytes.fromhex

    for name, x in (("chacha20_poly1305_test.json", False),
                    ("xchacha20_poly1305_test.json", True)):
        path = vectors / "wycheproof" / name
        if not path.exists():
            continue
        for g, t in tests(load(path)):
            key, iv = h(t["key"]), h(t["iv"])
            if len(key) != 32 or len(iv) != (24 if x else 12):
                continue
            ad, msg, ct = h(t["aad"]), h(t["msg"]), h(t["ct"])
            mode = 1 if x else 0
            if t["result"] == "valid":
                out["aead"].append(aead_seed(key, iv, ad, msg, mode=mode | (5 << 2)))
            else:
                # Invalid cases: tamper with the tag.
                out["aead"].append(aead_seed(key, iv, ad, msg, mode=mode | (1 << 2),
                                             tpos=t["tcId"], tbit=t["tcId"]))
            out["chacha"].append(chacha_seed(key, iv, msg))
            out["poly1305"].append(poly_seed(key, ad + ct))

    path = vectors / "blake2s-kat.json"
    if path.exists():
        for t in load(path):
            if t.get("hash") != "blake2s":
                continue
            key, msg = h(t["key"]), h(t["in"])
            out["blake2s"].append(blake2s_seed(key, msg))
            if len(msg) % 37 == 0:
                out["blake2s"].append(blake2s_seed(key, msg, outlen=1 + len(msg) % 32,
                                                   splits=(len(msg) // 3, 64)))

    path = vectors / "wycheproof" / "x25519_test.json"
    if path.exists():
        for g, t in tests(load(path)):
            if g.get("curve", "curve25519") != "curve25519":
                continue
            out["x25519"].append(x25519_seed(h(t["private"]), h(t["public"])))

    # Hand-made edge seeds.
    k = bytes(range(32))
    n = bytes(range(100, 116))
    for length in (0, 1, 63, 64, 65, 255, 256, 257, 511, 512, 513, 1000):
        msg = bytes((i * 7) & 0xff for i in range(length))
        out["chacha"].append(chacha_seed(k, n, msg, counter=0))
        out["chacha"].append(chacha_seed(k, n, msg, mode=1 | 2, soff=3))
        out["chacha"].append(chacha_seed(k, n, msg, counter=0xff, mode=4,
                                         splits=(1, 2)))
        out["poly1305"].append(poly_seed(b"\xff" * 32, b"\xff" * length,
                                         splits=(1, 15, 16, 17)))
        out["aead"].append(aead_seed(k, n + n, msg[:13], msg, mode=2 | (5 << 2)))
    out["chacha"].append(chacha_seed(k, n, b"", mode=8, extra=4095))
    out["aead"].append(aead_seed(k, n + n, b"", b"x", mode=32 | 3 << 2, extra=4200))
    out["aead"].append(aead_seed(k, n + n, b"ad", b"y", mode=1 | 32 | 4 << 2, extra=8191))
    # RFC 8439 2.5.2
    out["poly1305"].append(poly_seed(
        h("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b"),
        b"Cryptographic Forum Research Group"))
    for h2 in (0, 3, 4, 7):
        for hibit in (0, 1):
            out["poly1305"].append(poly_seed(
                b"\xff" * 32, b"\xff" * 64, mode=1 | hibit << 1,
                state=(2**64 - 1, 2**64 - 1, h2)))
    out["poly1305"].append(poly_seed(k, b"", mode=8, extra=3000, splits=(5, 100)))
    for ob, kb, mode in ((0, 0, 1), (33, 0, 1), (32, 33, 3), (16, 0, 16),
                         (1, 0, 32), (16, 8, 4), (32, 0, 4)):
        out["blake2s"].append(blake2s_seed(k, b"abc", outlen=ob, mode=mode, keylen=kb))
    out["blake2s"].append(blake2s_seed(k, b"", mode=8, extra=1000, splits=(64, 1, 63)))
    for edge in range(9):
        out["x25519"].append(x25519_seed(k, b"", mode=1 | 4, edge=edge))
        out["x25519"].append(x25519_seed(b"\xff" * 32, b"", mode=1 | 2, edge=edge))
    return out


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    vectors, outdir = Path(argv[1]), Path(argv[2])
    total = 0
    for target, items in seeds(vectors).items():
        d = outdir / target
        d.mkdir(parents=True, exist_ok=True)
        for s in items:
            p = d / ("seed-" + hashlib.sha1(s).hexdigest())
            if not p.exists():
                p.write_bytes(s)
            total += 1
        print(f"{target}: {len(items)} seeds", file=sys.stderr)
    if not total:
        print(f"gen_corpus: no vectors under {vectors}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
