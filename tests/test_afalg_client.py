# SPDX-License-Identifier: GPL-2.0
"""qemu/afalg/kcrypto-afalg on the host: it builds for every arch whose
compiler is installed (-Werror, scripts/matrix/guestbin.py), reads the KTV
files the guest gets, and fails closed: without AF_ALG every case FAILs
and the exit status is 1.  Where the host has AF_ALG, its run on the
kernel's own drivers (-g) must pass.  The guest runs it in the crypto-api
scenario (qemu/guest/crypto-api.sh).

qemu/afalg/kcrypto-kcapi (libkcapi): it builds for x86_64, arm64 and arm
against trixie's libkcapi-dev (guestbin.sysroot()), warning-free with
-Wall -Wextra; its exact-size and alarm() logic is in the source, and a
host build against a stub libkcapi (which refuses any output buffer not
of the result's exact size) reads the KTV files with the expected counts
and gives the self-check's counts."""
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


# --- kcrypto-kcapi: the same records through libkcapi ----------------------

KCAPI_STUB = r"""
#include <errno.h>
#include <stdio.h>
#include <kcapi.h>

/* Each request checks that its output buffer is the result's exact size. */
struct kcapi_handle { uint32_t taglen; };
static struct kcapi_handle stub;

static ssize_t size(size_t outlen, size_t want, long ret)
{
	if (!outlen || outlen != want) {
		printf("STUB-SIZE outlen=%zu want=%zu\n", outlen, want);
		return -E2BIG;
	}
	return ret;
}

int kcapi_aead_init(struct kcapi_handle **h, const char *n, uint32_t f)
{ (void)n; (void)f; *h = &stub; return 0; }
int kcapi_cipher_init(struct kcapi_handle **h, const char *n, uint32_t f)
{ (void)n; (void)f; *h = &stub; return 0; }
void kcapi_aead_destroy(struct kcapi_handle *h) { (void)h; }
void kcapi_cipher_destroy(struct kcapi_handle *h) { (void)h; }
int kcapi_aead_setkey(struct kcapi_handle *h, const uint8_t *k, uint32_t l)
{ (void)h; (void)k; (void)l; return 0; }
int kcapi_cipher_setkey(struct kcapi_handle *h, const uint8_t *k, uint32_t l)
{ (void)h; (void)k; (void)l; return 0; }
int kcapi_aead_settaglen(struct kcapi_handle *h, uint32_t t) { h->taglen = t; return 0; }
void kcapi_aead_setassoclen(struct kcapi_handle *h, size_t a) { (void)h; (void)a; }
ssize_t kcapi_aead_encrypt(struct kcapi_handle *h, const uint8_t *in, size_t inlen,
			   const uint8_t *iv, uint8_t *out, size_t outlen, int a)
{ (void)in; (void)iv; (void)out; (void)a; return size(outlen, inlen + h->taglen, -ENOSYS); }
ssize_t kcapi_aead_decrypt(struct kcapi_handle *h, const uint8_t *in, size_t inlen,
			   const uint8_t *iv, uint8_t *out, size_t outlen, int a)
{ (void)in; (void)iv; (void)out; (void)a; return size(outlen, inlen - h->taglen, -EBADMSG); }
ssize_t kcapi_cipher_encrypt(struct kcapi_handle *h, const uint8_t *in, size_t inlen,
			     const uint8_t *iv, uint8_t *out, size_t outlen, int a)
{ (void)h; (void)in; (void)iv; (void)out; (void)a; return size(outlen, inlen, -ENOSYS); }
ssize_t kcapi_cipher_decrypt(struct kcapi_handle *h, const uint8_t *in, size_t inlen,
			     const uint8_t *iv, uint8_t *out, size_t outlen, int a)
{ (void)h; (void)in; (void)iv; (void)out; (void)a; return size(outlen, inlen, -ENOSYS); }
"""


@pytest.mark.parametrize("arch", sorted(load_arches()))
def test_kcapi_builds(arch):
    """-Wall -Wextra -Werror against trixie's libkcapi-dev for each arch,
    linked dynamically to libkcapi.so.1, which goes into the guest too."""
    cc = f"{load_arches()[arch].cross_compile}gcc"
    if not shutil.which(cc):
        pytest.fail(f"{cc} not installed (scripts/deps)")
    out = guestbin.build_kcapi(arch)
    assert out.exists() and out.stat().st_size > 0
    dyn = subprocess.run(["readelf", "-d", str(out)], capture_output=True, text=True).stdout
    assert "Shared library: [libkcapi.so.1]" in dyn
    files, errs = guestbin.clients(arch)
    assert not errs
    lib = files[f"/usr/lib/{load_arches()[arch].multiarch}/libkcapi.so.1"]
    assert "SONAME" in subprocess.run(["readelf", "-d", lib], capture_output=True,
                                      text=True).stdout


def test_kcapi_warning_free():
    """No warning at all with -Wall -Wextra (the build uses -Werror too)."""
    root = guestbin.sysroot("x86_64")
    r = subprocess.run(["gcc", "-O2", "-std=gnu11", "-Wall", "-Wextra", f"--sysroot={root}",
                        f"-I{guestbin.AFALG_DIR}", "-c", "-o", "/dev/null",
                        str(guestbin.KCAPI_SRC)], capture_output=True, text=True)
    assert r.returncode == 0 and not r.stderr, r.stderr
    r = subprocess.run(["gcc", "-O2", "-std=gnu11", "-Wall", "-Wextra", "-c", "-o", "/dev/null",
                        str(guestbin.KTV_SRC)], capture_output=True, text=True)
    assert r.returncode == 0 and not r.stderr, r.stderr


def test_kcapi_exact_sizes_and_alarm_in_source():
    """libkcapi reads until the output buffer is full (a larger one hangs)
    and runs nothing for an empty one (no tag check): every request's
    buffer is kc_outlen(), an empty result is not applicable; alarm()
    bounds the run."""
    src = guestbin.KCAPI_SRC.read_text()
    assert re.search(r"^#define KC_TIME_LIMIT\t30$", src, re.M)
    assert "signal(SIGALRM, kc_timeout);\n\talarm(KC_TIME_LIMIT);" in src
    assert "size_t outlen = kc_outlen(di, op);" in src
    assert re.search(r"if \(!outlen\) \{\n\t\tktv_nna\+\+;", src)
    calls = re.findall(r"kcapi_(?:aead|cipher)_(?:en|de)crypt\(h, [^;]*;", src)
    assert len(calls) == 4 and all("out, outlen," in c for c in calls), calls
    assert "KCAPI_ACCESS_SENDMSG" in src


@pytest.fixture(scope="module")
def kcapi_stubbed(tmp_path_factory):
    """kcrypto-kcapi for the host against a stub libkcapi whose requests
    fail unless the output buffer has the exact size (decrypt: EBADMSG,
    encrypt: ENOSYS)."""
    d = tmp_path_factory.mktemp("kcapi-stub")
    inc = d / "include"
    inc.mkdir()
    shutil.copy(guestbin.sysroot("x86_64") / "usr" / "include" / "kcapi.h", inc / "kcapi.h")
    (d / "stub.c").write_text(KCAPI_STUB)
    exe = d / "kcrypto-kcapi"
    subprocess.run(["gcc", "-O2", "-std=gnu11", "-Wall", f"-I{inc}", f"-I{guestbin.AFALG_DIR}",
                    "-o", str(exe), str(guestbin.KCAPI_SRC), str(guestbin.KTV_SRC),
                    str(d / "stub.c")], check=True)
    return exe


def test_kcapi_records_and_exact_sizes(kcapi_stubbed, ktv):
    r = subprocess.run([str(kcapi_stubbed)] + [str(f) for f in ktv], capture_output=True,
                       text=True)
    assert r.returncode == 1
    assert "STUB-SIZE" not in r.stdout
    files = dict(re.findall(r"^KCAPI-FILE (\S+) (.*)$", r.stdout, re.M))
    # chacha20poly1305: the 316 records with a 12-byte nonce (9 others:
    # libkcapi cannot pass an IV of the wrong size); xchacha: as kcrypto-afalg.
    assert files["chacha20_poly1305_test.ktv"] == "records=325 used=316 not-applicable=9"
    assert files["xchacha20_poly1305_test.ktv"] == "records=315 used=244 not-applicable=71"
    # One decryption with no output (no AAD, no message): not asked.
    na = re.findall(r"^KCAPI \S+ (\S+) N/A ", r.stdout, re.M)
    assert na == ["chacha20_poly1305_test.ktv:2:decrypt"], na
    # Every invalid record's two decryptions see the stub's EBADMSG as a
    # rejected tag: 60 records, rfc7539 and rfc7539esp.
    m = re.search(r"^KCAPI-SUMMARY set=kcrypto pass=(\d+) fail=(\d+) not-applicable=81 files=2$",
                  r.stdout, re.M)
    assert m and int(m.group(1)) == 120, r.stdout[-500:]


def test_kcapi_selfcheck_counts(kcapi_stubbed, ktv, tmp_path):
    """The guest's self-check file: the expected counts, exit status 1."""
    f = guestbin.corrupt_tags_ktv(ktv, tmp_path / "corrupt-tags.ktv")
    r = subprocess.run([str(kcapi_stubbed), "-q", str(f)], capture_output=True, text=True)
    assert r.returncode == 1
    netlink = 1 if "KCAPI-NETLINK" in r.stdout else 0
    assert guestbin.SELFCHECK_COUNTS == "pass=2 fail=4"
    assert re.search(rf"^KCAPI-SUMMARY set=kcrypto pass=2 fail={4 + netlink} ", r.stdout, re.M)


def host_has_netlink_crypto():
    try:
        s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 21)  # NETLINK_CRYPTO
    except OSError:
        return False
    s.close()
    return True


@pytest.mark.skipif(host_has_netlink_crypto(), reason="the host has NETLINK_CRYPTO")
def test_kcapi_says_netlink_missing(kcapi_stubbed, ktv):
    """Without NETLINK_CRYPTO (CONFIG_CRYPTO_USER) libkcapi 1.4 opens no
    handle: the client says so in its KCAPI-NETLINK line, and fails."""
    r = subprocess.run([str(kcapi_stubbed), "-q", str(ktv[0])], capture_output=True, text=True)
    assert r.returncode == 1
    assert re.search(r"^KCAPI-NETLINK missing: NETLINK_CRYPTO: .*CONFIG_CRYPTO_USER", r.stdout,
                     re.M)
    sh = (ROOT / "qemu" / "guest" / "crypto-api.sh").read_text()
    assert "grep -q '^KCAPI-NETLINK' /tmp/kcapi.out" in sh


def test_build_error_reaches_guest(tmp_path, monkeypatch):
    """A client that does not build is not dropped in silence: its error
    goes into the guest, whose crypto-api fails on it."""
    from matrix import cell
    monkeypatch.setattr(guestbin, "clients",
                        lambda arch: ({}, [f"kcrypto-kcapi for {arch}: no compiler"]))
    extra, err = cell.guest_extras(tmp_path, {"arch": "x86_64", "release": "0"}, "weak",
                                   ["crypto-api"], 1)
    assert err == ""
    assert "/usr/bin/kcrypto-kcapi" not in extra
    errf = Path(extra["/etc/kcrypto/afalg/build-errors.txt"])
    assert errf.read_text() == "kcrypto-kcapi for x86_64: no compiler\n"
    assert extra[guestbin.SELFCHECK_GUEST]
    sh = (ROOT / "qemu" / "guest" / "crypto-api.sh").read_text()
    assert "CA_BUILD_ERRORS=/etc/kcrypto/afalg/build-errors.txt" in sh
    assert '[ -s "$CA_BUILD_ERRORS" ] && fail ' in sh
