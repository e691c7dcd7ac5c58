# SPDX-License-Identifier: GPL-2.0
"""Debian packages from other suites, without touching the system's apt sources.

kcrypto tests against kernels that Debian 12 (bookworm) does not carry:
trixie's 6.12, trixie-backports' 7.3, sid's 7.2.  They are fetched with the
ordinary apt client through a *private* sources list and private index
directory under the cache:

  ~/.cache/kcrypto/apt/sources.list     one line per suite below
  ~/.cache/kcrypto/apt/lists/           its indexes (apt-get update -o ...)
  ~/.cache/kcrypto/debs/<pkg>_<ver>/    a package extracted with dpkg -x

The archive URI is the one the system already uses for Debian (its bookworm
line, deb822 or one-line format), so no host name is written into the repo.

Command line (scripts/deps calls it; also handy by hand):
  python3 -m matrix.debarchive uri              print the archive URI
  python3 -m matrix.debarchive fetch-sources    download + extract SOURCES
  python3 -m matrix.debarchive print            list SOURCES
"""
import functools
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .common import CACHE, Timer, flocked, log

APT_DIR = CACHE / "apt"
DEBS = CACHE / "debs"
SUITES = ("trixie", "trixie-backports", "sid")
ARCHES = ("amd64", "arm64", "armhf")
KEYRING = "/usr/share/keyrings/debian-archive-keyring.gpg"

# Kernel sources not in bookworm: kernel name -> (package, version, suite).
# The version is pinned: the cache is keyed by it.
SOURCES = {
    "7.3": ("linux-source-7.3", "7.3.4-1~bpo13+1", "trixie-backports"),
    "7.2": ("linux-source-7.2", "7.2.13-1", "sid"),
    "6.12-trixie": ("linux-source-6.12", "6.12.117-1", "trixie"),
}


def _system_source_lines():
    """(uri, suites) pairs from the system's apt sources, both formats."""
    out = []
    files = [Path("/etc/apt/sources.list")] + sorted(Path("/etc/apt/sources.list.d").glob("*"))
    for f in files:
        if not f.is_file():
            continue
        text = f.read_text(errors="replace")
        if f.suffix == ".sources":
            for stanza in re.split(r"\n\s*\n", text):
                fields = {}
                for line in stanza.splitlines():
                    if line.startswith("#") or ":" not in line:
                        continue
                    k, v = line.split(":", 1)
                    fields[k.strip().lower()] = v.strip()
                if fields.get("enabled", "yes").lower() == "no":
                    continue
                for uri in fields.get("uris", "").split():
                    out.append((uri, fields.get("suites", "").split()))
        elif f.suffix == ".list":
            for line in text.splitlines():
                line = re.sub(r"\[[^]]*\]", "", line.split("#", 1)[0]).split()
                if len(line) >= 3 and line[0] == "deb":
                    out.append((line[1], [line[2]]))
    return out


@functools.lru_cache(maxsize=None)
def archive_uri():
    """The system's Debian archive URI: the one serving its bookworm suite."""
    for uri, suites in _system_source_lines():
        if "bookworm" in suites:
            return uri.rstrip("/")
    raise RuntimeError("no 'bookworm' suite in the system's apt sources "
                       "(/etc/apt/sources.list, /etc/apt/sources.list.d/): cannot tell "
                       "which Debian archive to use")


def apt_opts():
    return ["-o", f"Dir::Etc::SourceList={APT_DIR / 'sources.list'}",
            "-o", "Dir::Etc::SourceParts=/dev/null",
            "-o", f"Dir::State::Lists={APT_DIR / 'lists'}",
            "-o", f"Dir::Cache::pkgcache={APT_DIR / 'pkgcache.bin'}",
            "-o", f"Dir::Cache::srcpkgcache={APT_DIR / 'srcpkgcache.bin'}",
            "-o", f"APT::Architectures={','.join(ARCHES)}",
            "-o", "Acquire::Retries=3"]


def _write_list():
    uri = archive_uri()
    text = "".join(f"deb [arch={','.join(ARCHES)} signed-by={KEYRING}] {uri} {s} main\n"
                   for s in SUITES)
    APT_DIR.mkdir(parents=True, exist_ok=True)
    (APT_DIR / "lists" / "partial").mkdir(parents=True, exist_ok=True)
    f = APT_DIR / "sources.list"
    if not f.exists() or f.read_text() != text:
        f.write_text(text)
        for old in (APT_DIR / "lists").glob("*_Packages*"):
            old.unlink()
    return f


def update(force=False, max_age=6 * 3600):
    """apt-get update on the private list (retried: foreign-arch indexes
    sometimes fail mid-sync; a partial failure is not fatal if the index of
    what we need arrived)."""
    with flocked(APT_DIR / ".lock"):
        _write_list()
        stamp = APT_DIR / ".updated"
        if not force and stamp.exists() and time.time() - stamp.stat().st_mtime < max_age:
            return
        t = Timer()
        log(f"apt (private list {APT_DIR / 'sources.list'}): update {' '.join(SUITES)}")
        for i in range(3):
            r = subprocess.run(["apt-get"] + apt_opts() + ["update", "-q"],
                               capture_output=True, text=True)
            if r.returncode == 0:
                break
            log(f"apt-get update (private list) failed, try {i + 1}/3: "
                f"{r.stderr.strip()[-200:]}")
            time.sleep(5)
        if any((APT_DIR / "lists").glob("*_Packages*")):
            stamp.touch()
            log(f"apt (private list): indexes ready in {t.s:.0f}s")
        else:
            raise RuntimeError(f"apt-get update on {APT_DIR / 'sources.list'} got no index: "
                               f"{r.stderr.strip()[-300:]}")


def apt_cache(*args):
    """apt-cache ARGS through the private list (indexes updated first, as
    download() does); returns the CompletedProcess (text, captured)."""
    update()
    return subprocess.run(["apt-cache"] + apt_opts() + list(args), capture_output=True, text=True)


def download(pkgs, dest):
    """apt-get download pkgs (name[:arch]=version) into dest through the private list."""
    update()
    cmd = ["apt-get"] + apt_opts() + ["download", "-q"] + pkgs
    r = subprocess.run(cmd, cwd=dest, capture_output=True, text=True)
    if r.returncode != 0:
        update(force=True)
        r = subprocess.run(cmd, cwd=dest, capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"apt-get download {' '.join(pkgs)} (private list) failed: "
                           f"{r.stderr.strip()[-300:]}")


def extract(pkg, version, arch=None):
    """Download pkg=version once and dpkg -x it; return the extracted root."""
    tag = f"{pkg}_{version}" + (f"_{arch}" if arch else "")
    root = DEBS / tag.replace(":", "%3a").replace("~", "_")
    done = root / ".kcrypto-extracted"
    if done.exists():
        return root
    with flocked(str(root) + ".lock"):
        if done.exists():
            return root
        t = Timer()
        spec = f"{pkg}:{arch}={version}" if arch else f"{pkg}={version}"
        log(f"fetching {spec} (private apt list)")
        shutil.rmtree(root, ignore_errors=True)
        DEBS.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="kcrypto-deb-", dir=DEBS) as tmp:
            download([spec], tmp)
            debs = list(Path(tmp).glob("*.deb"))
            if len(debs) != 1:
                raise RuntimeError(f"apt-get download {spec}: expected one .deb, got {debs}")
            subprocess.run(["dpkg-deb", "-x", str(debs[0]), str(root)], check=True)
        done.write_text(f"{spec}\n")
        log(f"fetched {spec} in {t.s:.0f}s")
    return root


def extract_source(tb, tag, inner):
    """Extract the linux-source tarball `tb` once (under a lock) into
    ~/.cache/kcrypto/src/linux-source-<tag> and return that tree; `inner` is
    the top directory the tarball holds (linux-source-<major>).  Shared by
    the kernel builds (kernel.py) and the distro lane's host-tool rebuilds
    (distro.py), so one tree serves both."""
    srcroot = CACHE / "src"
    dst = srcroot / f"linux-source-{tag}"
    st = tb.stat()
    ident = f"{tb} {st.st_size} {int(st.st_mtime)}"
    stamp = dst / ".kcrypto-extracted"
    if stamp.exists() and stamp.read_text().strip() == ident:
        return dst
    with flocked(srcroot / f".linux-source-{tag}.lock"):
        if stamp.exists() and stamp.read_text().strip() == ident:
            return dst
        t = Timer()
        log(f"extracting {tb} -> {dst}")
        tmp = srcroot / f".tmp-linux-source-{tag}"
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(dst, ignore_errors=True)
        tmp.mkdir(parents=True)
        subprocess.run(["tar", "-C", str(tmp), "-xf", str(tb)], check=True)
        if not (tmp / inner).is_dir():
            raise RuntimeError(f"unexpected tarball layout in {tb}: no {inner}/")
        (tmp / inner).rename(dst)
        tmp.rmdir()
        stamp.write_text(ident + "\n")
        log(f"extracted in {t.s:.0f}s")
    return dst


def source_tarball(kernel):
    """Path of the linux-source tarball for a kernel in SOURCES (fetched if needed)."""
    pkg, version, _ = SOURCES[kernel]
    root = extract(pkg, version)
    tbs = sorted((root / "usr/src").glob("linux-source-*.tar.xz"))
    if len(tbs) != 1:
        raise RuntimeError(f"{pkg} {version}: expected one usr/src/linux-source-*.tar.xz in {root}")
    return tbs[0]


def main(argv):
    cmd = argv[0] if argv else "print"
    try:
        if cmd == "uri":
            print(archive_uri())
        elif cmd == "print":
            for k, (pkg, ver, suite) in SOURCES.items():
                print(f"{suite}: {pkg}={ver} (kernel {k})")
        elif cmd == "fetch-sources":
            for k in (argv[1:] or SOURCES):
                print(source_tarball(k))
        else:
            log(f"unknown command {cmd} (uri, print, fetch-sources [KERNEL...])")
            return 2
    except RuntimeError as e:
        log(f"error: {e}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
