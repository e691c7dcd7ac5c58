# SPDX-License-Identifier: GPL-2.0
"""A third-party module built against an installed kcrypto (`make install`,
kcrypto.mk; Documentation/developer-guide.md, "Using kcrypto from your
module").

For each kernel (the matrix's cached builds, ~/.cache/kcrypto/kernel):

- kcrypto (a copy of this tree, KCRYPTO_TESTS=n) is built and installed
  with `make install DESTDIR=<staging> KDIR=...` into one staging tree
  shared by the kernels: modules under <staging>/lib/modules/<release>/
  (INSTALL_MOD_PATH follows DESTDIR; the host's /lib/modules is never
  touched), development files under <staging>/usr/src/kcrypto;
- examples/kcrypto-example, copied alone to a temporary directory, builds
  against the staging tree only (KCRYPTO_DIR), W=1, with no compiler or
  modpost warning; its objects depend on the installed headers, not on
  this tree's;
- `make uninstall DESTDIR=<staging>` of one kernel leaves the other
  kernel's installation whole; of the last one, no file at all.

A kernel that is not in the cache is built first (scripts/matrix/kernel.py,
as `scripts/kernel-build --arch x86_64 --kernel 7.3` would); one that fails
to build is a failure, not a skip.

  KCRYPTO_CONSUMER_KERNELS="7.3-x86_64 6.12-x86_64"  the default
  KCRYPTO_CONSUMER=skip      skip the builds (reported as skipped)
"""
import os
import subprocess
from pathlib import Path

import pytest

from matrixlib import KERNEL_CACHE, cached_kernel, copy_repo

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "kcrypto-example"
DEVDIR = "usr/src/kcrypto"
KERNELS = os.environ.get("KCRYPTO_CONSUMER_KERNELS", "7.3-x86_64 6.12-x86_64").split()
JOBS = f"-j{os.cpu_count() or 1}"


def _make(*args, cwd=None):
    return subprocess.run(["nice", "-n", "19", "make", *args], cwd=cwd,
                          capture_output=True, text=True)


def _files(root):
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if not p.is_dir())


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """{kernel: (kdir, release, tree)} all installed into one staging tree."""
    if os.environ.get("KCRYPTO_CONSUMER") == "skip":
        pytest.skip("KCRYPTO_CONSUMER=skip")
    tmp = tmp_path_factory.mktemp("consumer")
    stage = tmp / "stage"
    out = {}
    for kernel in KERNELS:
        kdir = cached_kernel(kernel)
        assert kdir, (f"the {kernel} kernel did not build (log: {KERNEL_CACHE}/{kernel}-*/"
                      f"build.log); or set KCRYPTO_CONSUMER=skip")
        release = (kdir / "include/config/kernel.release").read_text().strip()
        host_before = Path(f"/lib/modules/{release}").exists()
        tree = copy_repo(tmp / f"kcrypto-{kernel}")
        r = _make("-C", str(tree), f"KDIR={kdir}", "KCRYPTO_TESTS=n", JOBS, "modules")
        assert r.returncode == 0, (r.stdout + r.stderr)[-3000:]
        r = _make("-C", str(tree), f"KDIR={kdir}", f"DESTDIR={stage}", "install")
        assert r.returncode == 0, (r.stdout + r.stderr)[-3000:]
        assert Path(f"/lib/modules/{release}").exists() == host_before, \
            f"make install DESTDIR=... wrote to the host's /lib/modules/{release}"
        out[kernel] = (kdir, release, tree)
    return stage, out


@pytest.mark.parametrize("kernel", KERNELS)
def test_install_layout(installed, kernel):
    stage, kernels = installed
    kdir, release, tree = kernels[kernel]
    files = _files(stage)
    for want in (f"{DEVDIR}/kcrypto.mk", f"{DEVDIR}/include/kcrypto/chacha20poly1305.h",
                 f"{DEVDIR}/include/kcrypto/probes.kbuild",
                 f"{DEVDIR}/include/kcrypto-compat/kcrypto-compat.kbuild",
                 f"{DEVDIR}/include/kcrypto-compat/crypto/blake2s.h",
                 f"{DEVDIR}/{release}/Module.symvers", "etc/modprobe.d/kcrypto.conf"):
        assert want in files, f"{want} not installed: {files}"
    # kcrypto's internals stay out of the public headers.
    assert f"{DEVDIR}/include/kcrypto/bind.h" not in files
    assert (stage / DEVDIR / release / "Module.symvers").read_bytes() == \
        (tree / "Module.symvers").read_bytes()
    mods = [f for f in files if f.startswith(f"lib/modules/{release}/")]
    names = {Path(f).name for f in mods}
    assert "kcrypto.ko" in names and any(n.endswith("-x86_64.ko") for n in names), mods
    assert not any("kunit" in f or "kcrypto-test" in f for f in mods), mods
    # The list uninstall works from: exactly the installed modules.
    listed = (stage / DEVDIR / release / "modules").read_text().split()
    assert sorted(listed) == mods


@pytest.mark.parametrize("kernel", KERNELS)
def test_example_builds_against_install(installed, kernel, tmp_path):
    stage, kernels = installed
    kdir, release, _ = kernels[kernel]
    ex = tmp_path / "kcrypto-example"
    ex.mkdir()
    for f in EXAMPLE.iterdir():
        (ex / f.name).write_bytes(f.read_bytes())
    r = _make("-C", str(ex), f"KDIR={kdir}", f"KCRYPTO_DIR={stage / DEVDIR}", "W=1")
    log = r.stdout + r.stderr
    assert r.returncode == 0, log[-3000:]
    assert (ex / "kcrypto-example.ko").exists(), log[-3000:]
    assert not [l for l in log.splitlines() if "WARNING" in l or "warning:" in l], log
    deps = subprocess.run(["/sbin/modinfo", "-F", "depends", str(ex / "kcrypto-example.ko")],
                          capture_output=True, text=True, check=True).stdout.split(",")
    assert "kcrypto" in [d.strip() for d in deps]
    # Compiled from the installed headers, never this tree's.
    cmd = (ex / ".kcrypto-example.o.cmd").read_text()
    assert f"{stage / DEVDIR}/include/kcrypto/chacha20poly1305.h" in cmd
    assert str(REPO) not in cmd


def test_example_refuses_kernel_not_installed(installed, tmp_path):
    """kcrypto installed, but not for this kernel: one clear line."""
    stage, kernels = installed
    kdir, release, _ = kernels[KERNELS[0]]
    dev = tmp_path / "kcrypto"
    subprocess.run(["cp", "-a", str(stage / DEVDIR), str(dev)], check=True)
    subprocess.run(["rm", "-r", str(dev / release)], check=True)
    ex = tmp_path / "ex"
    ex.mkdir()
    for f in EXAMPLE.iterdir():
        (ex / f.name).write_bytes(f.read_bytes())
    r = _make("-C", str(ex), f"KDIR={kdir}", f"KCRYPTO_DIR={dev}")
    assert r.returncode != 0
    assert f"kcrypto is not installed for kernel {release}" in r.stdout + r.stderr, r.stderr
    assert not (ex / "kcrypto-example.ko").exists()


def test_uninstall_removes_what_install_put(installed):
    """Runs last: one kernel's uninstall keeps the others' files and the
    shared ones; the last uninstall leaves no file."""
    stage, kernels = installed
    order = list(kernels)
    for i, kernel in enumerate(order):
        kdir, release, tree = kernels[kernel]
        r = _make("-C", str(tree), f"KDIR={kdir}", f"DESTDIR={stage}", "uninstall")
        assert r.returncode == 0, r.stdout + r.stderr
        files = _files(stage)
        assert not [f for f in files if f"/{release}/" in f or f.endswith(f"/{release}")], files
        rest = order[i + 1:]
        for other in rest:
            orel = kernels[other][1]
            assert f"{DEVDIR}/{orel}/Module.symvers" in files, files
            assert f"lib/modules/{orel}/updates/kcrypto.ko" in files, files
        if rest:
            assert f"{DEVDIR}/kcrypto.mk" in files and "etc/modprobe.d/kcrypto.conf" in files
        else:
            assert files == [], f"left behind by make uninstall: {files}"
    # Nothing left to uninstall: one line saying so.
    kdir, release, tree = kernels[order[0]]
    r = _make("-C", str(tree), f"KDIR={kdir}", f"DESTDIR={stage}", "uninstall")
    assert r.returncode != 0 and f"kcrypto is not installed for {release}" in r.stderr, r.stderr


def test_shared_files_stay_while_dkms_has_the_sources(tmp_path):
    """install-shared/uninstall-shared (make dkms-install/-uninstall): the
    shared files go only once no DKMS source tree is left in the root."""
    env = dict(os.environ, DESTDIR=str(tmp_path))
    tool = str(REPO / "scripts" / "install-files")
    subprocess.run([tool, "install-shared"], env=env, check=True)
    assert f"{DEVDIR}/kcrypto.mk" in _files(tmp_path)
    dkms_src = tmp_path / "usr/src/kcrypto-0.2"
    dkms_src.mkdir()
    (dkms_src / "dkms.conf").write_text("PACKAGE_NAME=kcrypto\n")
    subprocess.run([tool, "uninstall-shared"], env=env, check=True)
    assert f"{DEVDIR}/kcrypto.mk" in _files(tmp_path)
    (dkms_src / "dkms.conf").unlink()
    subprocess.run([tool, "uninstall-shared"], env=env, check=True)
    assert _files(tmp_path) == []
