# SPDX-License-Identifier: GPL-2.0
"""Paths, the kernel and cell tables, the per-arch table (Arch) and small
helpers shared by the matrix scripts.  Imports no other matrix module."""
import dataclasses
import fcntl
import functools
import json
import os
import shutil
import subprocess
import sys
import time
import types
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
QEMU_DIR = REPO / "qemu"
CONFIG_DIR = QEMU_DIR / "config"
CACHE = Path(os.environ.get("KCRYPTO_CACHE", Path.home() / ".cache" / "kcrypto"))
# scripts/qemu-matrix's output: per-cell dirs, grid.md, grid.html, results.json.
OUT = REPO / "build" / "matrix"
DEFAULT_VECTORS = REPO / "vectors"
# Every kernel the matrix knows.  "source": the linux-source package it is
# built from (bookworm's /usr/src, or scripts/matrix/debarchive.py SOURCES for
# newer suites); "llvm": LLVM=<suffix> toolchain for kernel and modules;
# "fragments": extra qemu/config fragments; "build_only": modules are built
# (W=1) but the kernel is not booted.  "distro*": Debian's own kernel image
# + headers of that suite (scripts/matrix/distro.py), not built here.
KERNEL_SPECS = {
    "6.12": {"source": "6.12"},
    "6.1": {"source": "6.1"},
    "7.3": {"source": "7.3"},
    "7.2": {"source": "7.2", "build_only": True},
    "7.3-kcfi": {"source": "7.3", "llvm": "-19", "fragments": ["kcfi"]},
    "distro": {"distro": "bookworm"},
    "distro13": {"distro": "trixie"},
    "distro13-bpo": {"distro": "trixie-backports"},
}
KERNELS = tuple(KERNEL_SPECS)

# Named sets of (kernel, arches[, binds]) for scripts/qemu-matrix --set and
# the pytest layers (KCRYPTO_MATRIX_SET / KCRYPTO_DISTRO_SET).  "ci" is what
# the README test command (scripts/run-tests) boots; "full" is every
# supported cell (scripts/run-tests --full).  An entry runs both binding
# modes unless it names them (set_cells()).
#
# The ci set keeps the README test command under 60 minutes on a warm kernel
# cache (2 cores, QEMU TCG).  7.3 arm and the kCFI kernel run in ffp mode
# only there: an arm cell takes 9 to 11 minutes (module load and unload
# cost 0.5 to 2 s each under TCG arm, and S5 alone does about 200 of them), and
# ffp is the mode with more to check (plug/unplug, the pointer backend that
# kCFI guards).  Their weak cells run in the full set.
CELL_SETS = {
    "ci": {
        "matrix": [("7.3", ("x86_64", "arm64")), ("7.3", ("arm",), ("ffp",)),
                   ("7.3-kcfi", ("x86_64",), ("ffp",)), ("7.2", ("x86_64",))],
        # Debian 12's kernel is also booted by the DKMS layer (S2, S7, taint).
        "distro": [("distro13", ("x86_64",))],
        # The consumer scenarios (scenarios.NET) on the net variant kernel
        # (qemu/config/net.config): tests/test_net.py.
        "net": [("7.3", ("x86_64",))],
    },
    "full": {
        "matrix": [("6.12", ("x86_64", "arm64", "arm")), ("7.3", ("x86_64", "arm64", "arm")),
                   ("6.1", ("x86_64",)), ("7.3-kcfi", ("x86_64", "arm64")),
                   ("7.2", ("x86_64", "arm64"))],
        "distro": [("distro", ("x86_64", "arm64", "arm")),
                   ("distro13", ("x86_64", "arm64", "arm")),
                   ("distro13-bpo", ("x86_64", "arm64"))],
        "net": [("6.12", ("x86_64", "arm64", "arm")), ("7.3", ("x86_64", "arm64", "arm"))],
    },
}
DISTRO = "distro"
DISTROS = tuple(k for k, v in KERNEL_SPECS.items() if "distro" in v)
DEFAULT_KERNEL = "6.12"
ARCH_NAMES = ("x86_64", "arm64", "arm")
BINDS = ("weak", "ffp")  # binding modes: make BIND=weak|ffp


def set_cells(name, lane):
    """(kernel, arch, binds) of every cell in CELL_SETS[name][lane], in set
    order; an entry that names no binding modes runs both."""
    return [(entry[0], arch, tuple(entry[2]) if len(entry) > 2 else BINDS)
            for entry in CELL_SETS[name][lane] for arch in entry[1]]


@dataclass(frozen=True)
class Arch:
    """One entry of qemu/arches.json (paths relative to the kernel build dir)."""
    name: str                             # the key: x86_64, arm64, arm
    karch: str                            # ARCH= (x86, arm64, arm)
    cross_compile: str                    # CROSS_COMPILE= ("" for the host)
    debian_arch: str                      # dpkg arch of the guest userland (amd64, arm64, armhf)
    fragment: str                         # qemu/config/<fragment>.config
    image: str                            # boot image in the kernel build dir
    build_targets: tuple[str, ...]        # make targets of the kernel build
    qemu: str                             # qemu-system-* binary
    machine: str                          # -M
    cpu: str                              # -cpu of the main boot
    incapable_kind: str                   # S4: "cpu" (cpu_incapable) or "simulated" (cpu_mask)
    console: str                          # console= on the kernel command line
    ld_so: str                            # the guest's dynamic loader
    multiarch: str                        # Debian multiarch triplet (library dirs)
    module_glob: str                      # the arch leaf modules
    boot_timeout: int                     # default per-scenario limit, s
    cpu_incapable: str | None = None      # -cpu of the S4 boot (incapable_kind "cpu")
    incapable_note: str = ""              # why S4 is simulated (incapable_kind "simulated")
    distro_flavour: str | None = None     # Debian kernel flavour (distro lane)

    def __post_init__(self):
        if self.incapable_kind not in ("cpu", "simulated"):
            raise ValueError(f"qemu/arches.json: {self.name}: incapable_kind "
                             f"{self.incapable_kind!r} is not cpu or simulated")
        if self.incapable_kind == "cpu" and not self.cpu_incapable:
            raise ValueError(f"qemu/arches.json: {self.name}: incapable_kind cpu "
                             "needs cpu_incapable")

    @classmethod
    def from_json(cls, name, d):
        known = {f.name for f in dataclasses.fields(cls)} - {"name"}
        unknown = sorted(set(d) - known)
        if unknown:
            raise ValueError(f"qemu/arches.json: {name}: unknown field(s) {', '.join(unknown)}")
        d = dict(d, build_targets=tuple(d.get("build_targets", ())))
        try:
            return cls(name=name, **d)
        except TypeError as e:
            raise ValueError(f"qemu/arches.json: {name}: {e}") from None

    @property
    def s4_cpu(self):
        """-cpu of the incapable-CPU boot (the main CPU when S4 is simulated)."""
        return self.cpu_incapable if self.incapable_kind == "cpu" else self.cpu


@functools.lru_cache(maxsize=None)
def _arches():
    with open(QEMU_DIR / "arches.json") as f:
        data = json.load(f)
    return types.MappingProxyType({k: Arch.from_json(k, v) for k, v in data.items()
                                   if not k.startswith("_")})


def load_arches():
    """{name: Arch} of qemu/arches.json (read once, read-only)."""
    return _arches()


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def die(msg, code=1):
    log(f"error: {msg}")
    sys.exit(code)


@contextmanager
def flocked(path):
    """Exclusive flock on `path` (created if needed): one builder per cache entry."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log(f"waiting for lock {path} ...")
            fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def run_logged(cmd, logf, cwd=None, env=None, progress=None, every=30):
    """Run cmd with stdout+stderr appended to logf; raise with the log tail on failure.
    progress(elapsed_s, log_lines): a status line printed every `every` s
    while it runs (a kernel build is silent for minutes otherwise)."""
    t = Timer()
    with open(logf, "a") as lf:
        lf.write(f"\n$ {' '.join(map(str, cmd))}\n")
        lf.flush()
        p = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=lf, stderr=subprocess.STDOUT)
        while True:
            try:
                rc = p.wait(timeout=every if progress else None)
                break
            except subprocess.TimeoutExpired:
                with open(logf, errors="replace") as f:
                    nlines = sum(1 for _ in f)
                log(progress(t.s, nlines))
    r = subprocess.CompletedProcess(cmd, rc)
    if r.returncode != 0:
        tail = Path(logf).read_text(errors="replace").splitlines()[-40:]
        raise RuntimeError(f"command failed ({r.returncode}): {' '.join(map(str, cmd))}\n"
                           + "\n".join(tail) + f"\n(full log: {logf})")


def which_or_die(prog):
    if not shutil.which(prog):
        die(f"{prog} not found (run scripts/deps)")


class Timer:
    def __init__(self):
        self.t0 = time.monotonic()

    @property
    def s(self):
        return time.monotonic() - self.t0
