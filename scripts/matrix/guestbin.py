# SPDX-License-Identifier: GPL-2.0
"""Userspace programs of ours for the matrix guests, cross-built on the host.

build_afalg(arch) compiles qemu/afalg/kcrypto-afalg.c (the crypto-api
scenario's AF_ALG client) with the arch's compiler (qemu/arches.json
cross_compile; x86_64: the host's gcc), -Wall -Wextra -Werror, linked
dynamically against the C library only; initramfs.build() puts the libc of
the guest's userland next to it (NEEDED closure).  The binary is cached
under ~/.cache/kcrypto/guestbin/, keyed by a hash of the source, the
compiler's version and the flags.

The client speaks AF_ALG directly, not through libkcapi: libkcapi 1.4
(trixie) refuses to open a handle when NETLINK_CRYPTO
(CONFIG_CRYPTO_USER) is missing, and the matrix kernels do not have it.

Command line: python3 -m matrix.guestbin ARCH   (prints the binary's path)
"""
import hashlib
import re
import shutil
import subprocess
import sys

from .common import CACHE, REPO, flocked, load_arches, log

AFALG_SRC = REPO / "qemu" / "afalg" / "kcrypto-afalg.c"
# The KTV records the client uses (qemu/guest/crypto-api.sh greps the same).
AFALG_OPS = re.compile(r" op=(chacha20poly1305|xchacha20poly1305|chacha20) ")
CFLAGS = ["-O2", "-std=gnu11", "-Wall", "-Wextra", "-Werror"]


class BuildError(RuntimeError):
    pass


def compiler(arch):
    """The C compiler for `arch` (its cross_compile prefix + gcc)."""
    a = load_arches()[arch]
    cc = f"{a.cross_compile}gcc"
    if not shutil.which(cc):
        raise BuildError(f"{cc} not found (the {arch} cross compiler; see scripts/deps)")
    return cc


def build_afalg(arch):
    """Path of kcrypto-afalg built for `arch` (built once per source hash)."""
    cc = compiler(arch)
    ver = subprocess.run([cc, "--version"], capture_output=True, text=True).stdout
    h = hashlib.sha256(AFALG_SRC.read_bytes() + ver.encode() + " ".join(CFLAGS).encode())
    out = CACHE / "guestbin" / f"kcrypto-afalg-{arch}-{h.hexdigest()[:12]}"
    with flocked(CACHE / "guestbin" / f".{arch}.lock"):
        if out.exists():
            return out
        tmp = out.with_suffix(".tmp")
        cmd = [cc] + CFLAGS + ["-o", str(tmp), str(AFALG_SRC)]
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode != 0:
            raise BuildError(f"{' '.join(cmd)} failed: {r.stderr.strip()[-400:]}")
        tmp.rename(out)
        log(f"guestbin: built {out.name} ({cc})")
    return out


def main(argv):
    if len(argv) != 1 or argv[0] not in load_arches():
        log(f"usage: python3 -m matrix.guestbin ARCH ({', '.join(load_arches())})")
        return 2
    try:
        print(build_afalg(argv[0]))
    except BuildError as e:
        log(f"error: {e}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
