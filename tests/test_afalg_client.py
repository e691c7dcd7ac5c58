# SPDX-License-Identifier: GPL-2.0
"""qemu/afalg/kcrypto-afalg on the host: it builds for every arch whose
compiler is installed (-Werror, scripts/matrix/guestbin.py), reads the KTV
files the guest gets, and fails closed: without AF_ALG every case FAILs
and the exit status is 1.  Where the host has AF_ALG, its run on the
kernel's own drivers (-g) must pass.  The guest runs it in the crypto-api
scenario (qemu/guest/crypto-api.sh)."""
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from matrix import guestbin  # noqa: E402
from matrix.common import load_arches  # noqa: E402

WYCHE = ROOT / "vectors" / "wycheproof"


def host_has_afalg():
    try:
        s = socket.socket(socket.AF_ALG, socket.SOCK_SEQPACKET, 0)
    except OSError:
        return False
    s.close()
    return True


@pytest.mark.parametrize("arch", sorted(load_arches()))
def test_builds(arch):
    cc = f"{load_arches()[arch].cross_compile}gcc"
    if not shutil.which(cc):
        pytest.skip(f"{cc} not installed")
    out = guestbin.build_afalg(arch)
    assert out.exists() and out.stat().st_size > 0


@pytest.fixture(scope="module")
def ktv(tmp_path_factory):
    d = tmp_path_factory.mktemp("afalg-ktv")
    files = []
    for name in ("chacha20_poly1305_test", "xchacha20_poly1305_test"):
        f = d / f"{name}.ktv"
        with open(f, "w") as o:
            subprocess.run([str(ROOT / "scripts" / "vectors-to-ktv"), str(WYCHE / f"{name}.json")],
                           stdout=o, check=True)
        files.append(f)
    return files


def run(args):
    exe = guestbin.build_afalg("x86_64")
    return subprocess.run([str(exe)] + [str(a) for a in args], capture_output=True, text=True)


def test_reads_ktv(ktv):
    r = run(["-q"] + ktv)
    files = dict(re.findall(r"^AFALG-FILE (\S+) (.*)$", r.stdout, re.M))
    # Every chacha20poly1305 record is a case (12-byte nonces through the
    # AEADs, others as refused IV sizes); xchacha20poly1305: the valid ones
    # with 24-byte nonce and a message (xchacha20 from block 1).
    assert files["chacha20_poly1305_test.ktv"] == "records=325 used=325 not-applicable=0"
    assert files["xchacha20_poly1305_test.ktv"] == "records=315 used=244 not-applicable=71"
    assert re.search(r"^AFALG-SUMMARY set=kcrypto pass=\d+ fail=\d+ not-applicable=71 files=2$",
                     r.stdout, re.M)


def test_malformed_record_fails(tmp_path):
    bad = tmp_path / "bad.ktv"
    bad.write_text("impl=@IMPL@ op=chacha20poly1305 key=0g expect=valid\n")
    r = run([bad])
    assert r.returncode == 1
    assert re.search(r"^AFALG - bad.ktv:1 FAIL malformed KTV record$", r.stdout, re.M)


@pytest.mark.skipif(host_has_afalg(), reason="the host has AF_ALG: see test_kernel_drivers")
def test_fails_closed_without_afalg(ktv):
    r = run(ktv)
    assert r.returncode == 1
    assert " PASS " not in r.stdout
    m = re.search(r"^AFALG-SUMMARY set=kcrypto pass=0 fail=(\d+) ", r.stdout, re.M)
    assert m and int(m.group(1)) > 1000


@pytest.mark.skipif(not host_has_afalg(), reason="no AF_ALG on this host (the guest runs it)")
def test_kernel_drivers(ktv):
    r = run(["-g", "-q"] + ktv)
    assert r.returncode == 0, r.stdout[-2000:]
