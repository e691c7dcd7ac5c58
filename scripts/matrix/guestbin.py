# SPDX-License-Identifier: GPL-2.0
"""Userspace programs of ours for the matrix guests, cross-built on the host.

The crypto-api scenario's two AF_ALG clients (qemu/afalg/), both reading
the KTV records through qemu/afalg/ktv.c:

build_afalg(arch) compiles kcrypto-afalg.c, raw AF_ALG system calls, with
the arch's compiler (qemu/arches.json cross_compile; x86_64: the host's
gcc), -Wall -Wextra -Werror, linked dynamically against the C library
only; initramfs.build() puts the libc of the guest's userland next to it
(NEEDED closure).

build_kcapi(arch) compiles kcrypto-kcapi.c against Debian trixie's
libkcapi (libkcapi1, libkcapi-dev), in a sysroot of trixie packages for the
guest arch (sysroot(): libc6, libc6-dev, linux-libc-dev too), fetched with
the private apt list of debarchive.py, never the system's sources.  Linked
dynamically: the guest gets libkcapi.so.1 beside it (KCAPI_LIB, from the
same sysroot) and trixie's C library (the net userland).  libkcapi 1.4
needs NETLINK_CRYPTO (CONFIG_CRYPTO_USER): the net kernel variant has it.
Debian 12's cross compilers look in their own libc6-dev-*-cross (glibc
2.36) headers and crt files before the sysroot's, the host gcc in the
sysroot's (2.41): either way the binary needs no newer glibc than
trixie's, and libkcapi's header and library are the sysroot's.

Binaries are cached under ~/.cache/kcrypto/guestbin/, keyed by a hash of
the sources, the compiler's version, the flags (and the sysroot's
packages).

Command line: python3 -m matrix.guestbin [--kcapi] ARCH   (prints the
binary's path)
"""
import hashlib
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import debarchive
from .common import CACHE, REPO, flocked, load_arches, log

AFALG_DIR = REPO / "qemu" / "afalg"
AFALG_SRC = AFALG_DIR / "kcrypto-afalg.c"
KCAPI_SRC = AFALG_DIR / "kcrypto-kcapi.c"
# The KTV record parser both clients share.
KTV_SRC = AFALG_DIR / "ktv.c"
KTV_HDR = AFALG_DIR / "ktv.h"
# The KTV records the clients use (qemu/guest/crypto-api.sh greps the same).
AFALG_OPS = re.compile(r" op=(chacha20poly1305|xchacha20poly1305|chacha20) ")
CFLAGS = ["-O2", "-std=gnu11", "-Wall", "-Wextra", "-Werror"]
# The sysroot kcrypto-kcapi is built in: trixie, as the net userland the
# guest runs it on (initramfs.NET_SUITE).
SYSROOT_SUITE = "trixie"
SYSROOT_PKGS = ("libkcapi1", "libkcapi-dev", "libc6", "libc6-dev", "linux-libc-dev")
# Architecture: all, fetched without an arch qualifier.
SYSROOT_ARCH_ALL = ("linux-libc-dev",)
KCAPI_LIB = "libkcapi.so.1"
# The self-check of kcrypto-kcapi (qemu/guest/crypto-api.sh): on
# corrupt_tags_ktv()'s two records, its counts on the kernel's drivers.
SELFCHECK_GUEST = "/etc/kcrypto/afalg/selfcheck/corrupt-tags.ktv"
SELFCHECK_COUNTS = "pass=2 fail=4"


class BuildError(RuntimeError):
    pass


def compiler(arch):
    """The C compiler for `arch` (its cross_compile prefix + gcc)."""
    a = load_arches()[arch]
    cc = f"{a.cross_compile}gcc"
    if not shutil.which(cc):
        raise BuildError(f"{cc} not found (the {arch} cross compiler; see scripts/deps)")
    return cc


def _fetch(specs, dest, tries=3):
    """apt-get download `specs` into `dest` through the private list,
    `tries` times at most: foreign-arch (armhf) indexes sometimes fail
    mid-sync, and a fresh update mends them."""
    err = None
    for i in range(tries):
        try:
            if i:
                debarchive.update(force=True)
            debarchive.download(specs, dest)
            return
        except (RuntimeError, OSError) as e:
            err = e
            log(f"guestbin: sysroot download failed, try {i + 1}/{tries}: {str(e)[-200:]}")
            time.sleep(5)
    raise BuildError(f"sysroot packages {' '.join(specs)}: {err}")


def sysroot(arch):
    """The trixie sysroot for `arch` (SYSROOT_PKGS unpacked, merged /usr),
    fetched once; its stamp names the .debs (their versions)."""
    debarch = load_arches()[arch].debian_arch
    root = CACHE / "guestbin" / f"sysroot-{SYSROOT_SUITE}-{debarch}"
    stamp = root / ".kcrypto-sysroot"
    want = " ".join(SYSROOT_PKGS) + "\n"
    if stamp.exists() and stamp.read_text().startswith(want):
        return root
    with flocked(CACHE / "guestbin" / f".sysroot-{debarch}.lock"):
        if stamp.exists() and stamp.read_text().startswith(want):
            return root
        shutil.rmtree(root, ignore_errors=True)
        root.mkdir(parents=True)
        with tempfile.TemporaryDirectory(prefix="kcrypto-sysroot-", dir=root.parent) as tmp:
            _fetch([f"{p}/{SYSROOT_SUITE}" if p in SYSROOT_ARCH_ALL
                    else f"{p}:{debarch}/{SYSROOT_SUITE}" for p in SYSROOT_PKGS], tmp)
            debs = sorted(Path(tmp).glob("*.deb"))
            missing = [p for p in SYSROOT_PKGS if not any(d.name.startswith(f"{p}_") for d in debs)]
            if missing:
                raise BuildError(f"sysroot {debarch}: no .deb for {' '.join(missing)}")
            for deb in debs:
                subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
        # Merged /usr, as on a trixie system: libc.so names /lib/... paths.
        for top in ("lib", "lib64", "bin", "sbin"):
            if (root / "usr" / top).is_dir() and not (root / top).exists():
                (root / top).symlink_to(f"usr/{top}")
        stamp.write_text(want + "".join(f"{d.name}\n" for d in debs))
        log(f"guestbin: sysroot {root.name}: {' '.join(d.name for d in debs)}")
    return root


def _build(name, arch, srcs, flags, key=b""):
    """Compile `srcs` (Paths; ktv.h is included too) into the cached
    binary `name` for `arch`; `key`: what else the binary depends on."""
    cc = compiler(arch)
    ver = subprocess.run([cc, "--version"], capture_output=True, text=True).stdout
    h = hashlib.sha256()
    for f in list(srcs) + [KTV_HDR]:
        h.update(f.read_bytes())
    h.update(ver.encode() + " ".join(CFLAGS + flags).encode() + key)
    out = CACHE / "guestbin" / f"{name}-{arch}-{h.hexdigest()[:12]}"
    with flocked(CACHE / "guestbin" / f".{arch}.lock"):
        if out.exists():
            return out
        tmp = out.with_suffix(".tmp")
        cmd = [cc] + CFLAGS + [f"-I{AFALG_DIR}", "-o", str(tmp)] + \
            [str(s) for s in srcs] + flags
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode != 0:
            raise BuildError(f"{' '.join(cmd)} failed: {r.stderr.strip()[-400:]}")
        tmp.rename(out)
        log(f"guestbin: built {out.name} ({cc})")
    return out


def build_afalg(arch):
    """Path of kcrypto-afalg built for `arch` (built once per source hash)."""
    return _build("kcrypto-afalg", arch, [AFALG_SRC, KTV_SRC], [])


def kcapi_lib(arch):
    """libkcapi.so.1 of the sysroot (the real file, not its symlink)."""
    a = load_arches()[arch]
    lib = sysroot(arch) / "usr" / "lib" / a.multiarch / KCAPI_LIB
    if not lib.exists():
        raise BuildError(f"{lib} missing: libkcapi1:{a.debian_arch} unpacked wrong")
    return lib.resolve()


def build_kcapi(arch):
    """Path of kcrypto-kcapi built for `arch` against the trixie sysroot's
    libkcapi (built once per source hash, compiler and sysroot)."""
    root = sysroot(arch)
    ma = load_arches()[arch].multiarch
    flags = [f"--sysroot={root}", f"-L{root}/usr/lib/{ma}", "-lkcapi"]
    stamp = (root / ".kcrypto-sysroot").read_bytes()
    return _build("kcrypto-kcapi", arch, [KCAPI_SRC, KTV_SRC], flags, stamp)


def corrupt_tags_ktv(ktv_files, out):
    """Write the self-check file `out`: a chacha20poly1305 record of
    `ktv_files` (valid, 12-byte nonce, AAD, empty message) with its tag's
    first byte flipped, twice: still called valid (rfc7539 and rfc7539esp,
    encrypt and decrypt: 4 FAIL) and called invalid (both decrypts reject
    the tag as expected: 2 PASS), SELFCHECK_COUNTS.  A client that passes
    what it should fail shows here."""
    for f in ktv_files:
        for line in Path(f).read_text().splitlines():
            rec = dict(t.split("=", 1) for t in line.split() if "=" in t)
            if (rec.get("op") == "chacha20poly1305" and rec.get("expect") == "valid"
                    and len(rec.get("nonce", "")) == 24 and len(rec.get("key", "")) == 64
                    and len(rec.get("tag", "")) == 32 and rec.get("aad")
                    and not rec.get("msg")):
                tag = rec["tag"]
                bad = line.replace(f" tag={tag}", f" tag={int(tag[:2], 16) ^ 1:02x}{tag[2:]}")
                Path(out).write_text(
                    f"# {Path(f).name}: a valid record with its tag corrupted, twice:\n"
                    "# called valid (4 FAIL), called invalid (2 PASS)\n"
                    f"{bad}\n{bad.replace(' expect=valid', ' expect=invalid')}\n")
                return Path(out)
    raise BuildError("self-check: no valid chacha20poly1305 record with AAD and no message "
                     f"in {' '.join(Path(f).name for f in ktv_files)}")


# The guest clients: guest path -> builder, and the library that goes
# with one, (soname, host file of it) (cell.guest_extras()).
CLIENTS = {"/usr/bin/kcrypto-afalg": build_afalg, "/usr/bin/kcrypto-kcapi": build_kcapi}
CLIENT_LIBS = {"/usr/bin/kcrypto-kcapi": (KCAPI_LIB, kcapi_lib)}


def clients(arch):
    """The AF_ALG clients for an `arch` guest: ({guest path: host file},
    [error text]); a client that does not build is not in the files, its
    error is in the list (the guest fails the scenario on it)."""
    files, errs = {}, []
    ma = load_arches()[arch].multiarch
    for dst, build in CLIENTS.items():
        try:
            exe = build(arch)
            soname, lib = CLIENT_LIBS.get(dst, (None, None))
            lib = lib and lib(arch)
        except (BuildError, OSError, subprocess.CalledProcessError) as e:
            errs.append(f"{Path(dst).name} for {arch}: {e}")
            continue
        files[dst] = str(exe)
        if lib:
            files[f"/usr/lib/{ma}/{soname}"] = str(lib)
    return files, errs


def main(argv):
    kcapi = argv[:1] == ["--kcapi"]
    argv = argv[1:] if kcapi else argv
    if len(argv) != 1 or argv[0] not in load_arches():
        log(f"usage: python3 -m matrix.guestbin [--kcapi] ARCH ({', '.join(load_arches())})")
        return 2
    try:
        print(build_kcapi(argv[0]) if kcapi else build_afalg(argv[0]))
    except BuildError as e:
        log(f"error: {e}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
