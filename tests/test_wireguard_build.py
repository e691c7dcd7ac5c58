# SPDX-License-Identifier: GPL-2.0
"""The kernel's WireGuard built against kcrypto (scripts/wireguard-build).

drivers/net/wireguard/*.c of a net kernel's own source tree, unmodified,
become wireguard.ko through the lib/crypto-compatible headers
(include/kcrypto-compat/); modpost must resolve every symbol against the
kernel and kcrypto's Module.symvers, and every crypto call must go to
kcrypto.

The kernels are the matrix's net variants in ~/.cache/kcrypto/kernel
(scripts/kernel-build --variant net); one not yet in the cache is built
first, and one that fails to build is a failure, not a skip.

  KCRYPTO_WIREGUARD_KERNELS="7.3-x86_64-net 6.12-x86_64-net"  the default
  KCRYPTO_WIREGUARD=skip      skip the builds (reported as skipped)
"""
import os
import subprocess
from pathlib import Path

import pytest

from matrixlib import KERNEL_CACHE as CACHE, cached_kernel as _kdir

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "wireguard-build"
DEFAULT = "7.3-x86_64-net 6.12-x86_64-net"
KERNELS = os.environ.get("KCRYPTO_WIREGUARD_KERNELS", DEFAULT).split()


@pytest.mark.parametrize("kernel", KERNELS)
def test_wireguard_builds_against_kcrypto(kernel, tmp_path):
    if os.environ.get("KCRYPTO_WIREGUARD") == "skip":
        pytest.skip("KCRYPTO_WIREGUARD=skip")
    kdir = _kdir(kernel)
    assert kdir, (f"the {kernel} kernel did not build (log: {CACHE}/{kernel}-*/build.log); "
                  f"or set KCRYPTO_WIREGUARD=skip")
    r = subprocess.run(["nice", "-n", "19", str(SCRIPT), str(kdir), str(tmp_path / "wg")],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    ko = Path(r.stdout.strip().splitlines()[-1])
    assert ko.name == "wireguard.ko" and ko.exists(), r.stdout
    log = (tmp_path / "wg" / "wireguard.log").read_text()
    assert "WARNING: modpost" not in log, log
    # Every crypto primitive comes from kcrypto, none from lib/crypto.
    undef = subprocess.run(["nm", "-u", str(ko)], capture_output=True, text=True,
                           check=True).stdout.split()
    libcrypto = [s for s in undef if s.startswith(("blake2s", "chacha", "xchacha", "curve25519",
                                                   "poly1305", "__crypto_memneq", "__crypto_xor"))]
    assert not libcrypto, f"lib/crypto symbols referenced: {libcrypto}"
    for want in ("kcrypto_chacha20poly1305_encrypt_sg_inplace",
                 "kcrypto_chacha20poly1305_decrypt_sg_inplace",
                 "kcrypto_xchacha20poly1305_encrypt", "kcrypto_blake2s_update",
                 "kcrypto_x25519", "kcrypto_memneq"):
        assert want in undef, f"{want} not referenced: {sorted(undef)}"


def test_refuses_kernel_without_net(tmp_path):
    """A kernel without CONFIG_NET: one clear line, nothing built."""
    kdir = tmp_path / "k"
    kdir.mkdir()
    (kdir / ".config").write_text("CONFIG_MODULES=y\n# CONFIG_NET is not set\n")
    (kdir / "Module.symvers").write_text("")
    r = subprocess.run([str(SCRIPT), str(kdir), str(tmp_path / "out")],
                       capture_output=True, text=True)
    assert r.returncode == 1, r.stdout + r.stderr
    assert r.stderr.startswith("wireguard-build: ") and "CONFIG_NET" in r.stderr, r.stderr
    assert not (tmp_path / "out").exists()


def test_refuses_missing_kdir(tmp_path):
    r = subprocess.run([str(SCRIPT), str(tmp_path / "nope")], capture_output=True, text=True)
    assert r.returncode == 1 and "no such directory" in r.stderr, r.stderr


# --- the compat headers alone, on every kernel generation ------------------------

COMPAT_USER = r'''
#include <linux/module.h>
#include <crypto/chacha20poly1305.h>
#include <crypto/blake2s.h>
#include <crypto/curve25519.h>
#include <crypto/utils.h>

static int __init compat_user_init(void)
{
	u8 key[32] = { 1 }, out[48], pub[32];
#ifdef KCRYPTO_HAVE_BLAKE2S_CTX
	struct blake2s_ctx b;

	blake2s(key, 32, out, 16, out, 32);
#else
	struct blake2s_state b;

	blake2s(out, out, key, 32, 16, 32);
#endif
	blake2s_init_key(&b, 32, key, 32);
	blake2s_update(&b, key, 32);
	blake2s_final(&b, out);
	chacha20poly1305_encrypt(out, key, 32, NULL, 0, 7, key);
	if (!chacha20poly1305_decrypt(out, out, 48, NULL, 0, 7, key) ||
	    !curve25519_generate_public(pub, key) || crypto_memneq(out, key, 32))
		return -EINVAL;
	return 0;
}
module_init(compat_user_init);
MODULE_LICENSE("GPL");
'''

COMPAT_KERNELS = ["6.1-x86_64", "6.12-x86_64", "7.3-x86_64"]


def _compat_build(kdir, tmp, first=""):
    src = tmp / "m"
    src.mkdir()
    (src / "compat_user.c").write_text(first + COMPAT_USER)
    (src / "Kbuild").write_text(
        f"include {REPO}/include/kcrypto-compat/kcrypto-compat.kbuild\nobj-m := compat_user.o\n")
    # Compile and link only: kcrypto's symbols stay unresolved here.
    return subprocess.run(["nice", "-n", "19", "make", "-C", str(kdir), f"M={src}",
                           "KBUILD_MODPOST_WARN=1", "modules"],
                          capture_output=True, text=True)


@pytest.mark.parametrize("kernel", COMPAT_KERNELS)
def test_compat_headers_compile(kernel, tmp_path):
    """Upstream's 6.x and 7.x BLAKE2s signatures, picked by the probe;
    the u64-nonce AEAD, X25519 and crypto_memneq: no warning."""
    kdir = _kdir(kernel)
    assert kdir, f"the {kernel} kernel did not build (log: {CACHE}/{kernel}-*/build.log)"
    r = _compat_build(kdir, tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "warning:" not in r.stderr, r.stderr
    want = "struct blake2s_ctx" if kernel.startswith("7.") else "struct blake2s_state"
    assert want in (REPO / "include/kcrypto-compat/crypto/blake2s.h").read_text()


def test_compat_headers_refuse_kernel_header_first(tmp_path):
    """The kernel's own <crypto/blake2s.h> reached first (a wrong include
    order) stops the build with the compat header's #error."""
    kdir = _kdir("7.3-x86_64")
    assert kdir, f"the 7.3-x86_64 kernel did not build (log: {CACHE})"
    src = (kdir / "source" / "include" / "crypto" / "blake2s.h").resolve()
    r = _compat_build(kdir, tmp_path, first=f'#include "{src}"\n')
    assert r.returncode != 0
    assert "was included before kcrypto-compat's" in r.stdout + r.stderr, r.stdout + r.stderr


def test_refuses_foreign_out_dir(tmp_path):
    """OUT is emptied before a build: never one the script did not make."""
    out = tmp_path / "mine"
    out.mkdir()
    (out / "keep").write_text("x")
    kdir = _kdir("7.3-x86_64-net")
    assert kdir, f"the 7.3-x86_64-net kernel did not build (log: {CACHE})"
    r = subprocess.run([str(SCRIPT), str(kdir), str(out)], capture_output=True, text=True)
    assert r.returncode == 1 and "not a wireguard-build output" in r.stderr, r.stderr
    assert (out / "keep").exists()
