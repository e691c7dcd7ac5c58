# SPDX-License-Identifier: GPL-2.0
"""DKMS (dkms.conf, `make dkms-install`; Documentation/distro.md).

- dkms.conf lists, per target arch, exactly the modules Kbuild builds.
- `make dkms-install` (dkms add, build, install) against the installed
  Debian linux-headers-<abi>-amd64 of the distro lane's kernel, in a
  throwaway DKMS tree (--sourcetree/--dkmstree/--installtree; the signing
  key DKMS generates goes there too): nothing lands in /var/lib/dkms,
  /usr/src or /lib/modules.
- The DKMS-built modules boot on that very Debian kernel: S2 (modprobe,
  bindings), S7 (vectors through the test interface), taint.  The test
  interface, kunit/kcrypto-test.ko, is a test module that DKMS never
  builds: it is built from this tree against the same headers and added
  to the guest beside the DKMS-built library it is a client of.

  KCRYPTO_DISTRO=skip   skip the DKMS build and boot (needs dkms, root, the
                        distro lane's download)
"""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
from matrix import distro  # noqa: E402
from matrixlib import copy_repo  # noqa: E402

# dkms's $arch -> (arch dir, module suffix), as Kbuild picks them.
DKMS_ARCHES = {"x86_64": ("arch/x86", "x86_64"), "aarch64": ("arch/arm64", "arm64"),
               "armv7l": ("arch/arm", "arm")}
# (dir, recursive): where a stray dkms/make would leave state on the host.
HOST_STATE = [(Path("/var/lib/dkms"), True), (Path("/etc/dkms"), True), (Path("/usr/src"), False),
              (Path("/lib/modules"), False), (Path("/etc/modprobe.d"), False)]


def dkms_conf(arch):
    """dkms.conf evaluated the way dkms does (bash, $arch set): the
    (name, location, dest) triples and the MAKE command."""
    script = ('arch="$1"; kernel_source_dir=/KDIR; . ./dkms.conf; '
              'for i in "${!BUILT_MODULE_NAME[@]}"; do '
              'echo "M ${BUILT_MODULE_NAME[$i]}|${BUILT_MODULE_LOCATION[$i]}|${DEST_MODULE_LOCATION[$i]}"; '
              'done; echo "MAKE ${MAKE[0]}"; echo "NAME $PACKAGE_NAME $PACKAGE_VERSION"')
    r = subprocess.run(["bash", "-c", script, "dkms.conf", arch], cwd=REPO,
                       capture_output=True, text=True, check=True)
    mods = [tuple(l[2:].split("|")) for l in r.stdout.splitlines() if l.startswith("M ")]
    make = next(l[5:] for l in r.stdout.splitlines() if l.startswith("MAKE "))
    return mods, make


def kbuild_modules(arch_dir, suffix):
    prims = sorted(p.name[:-len("-glue.c")] for p in (REPO / arch_dir).glob("*-glue.c"))
    return {("kcrypto", ".")} | {(f"kcrypto-{p}-{suffix}", arch_dir) for p in prims}


@pytest.mark.parametrize("arch", sorted(DKMS_ARCHES))
def test_dkms_conf_matches_kbuild(arch):
    arch_dir, suffix = DKMS_ARCHES[arch]
    mods, make = dkms_conf(arch)
    assert len(mods) == len(set(m[0] for m in mods)), f"duplicate BUILT_MODULE_NAME: {mods}"
    got = {(n, loc.rstrip("/")) for n, loc, _ in mods}
    assert got == kbuild_modules(arch_dir, suffix)
    assert all(d.startswith(("/extra", "/updates", "/kernel")) for _, _, d in mods), mods
    assert "KDIR=/KDIR" in make and "KCRYPTO_TESTS=n" in make, make


def test_dkms_conf_version_matches_makefile():
    """make dkms-install reads PACKAGE_VERSION back out of dkms.conf."""
    r = subprocess.run(["make", "-s", "-C", str(REPO), "-n", "dkms-install",
                        "DKMS_SOURCETREE=/nonexistent"], capture_output=True, text=True, check=True)
    ver = re.search(r'^PACKAGE_VERSION="(.+)"$', (REPO / "dkms.conf").read_text(), re.M).group(1)
    assert f"/nonexistent/kcrypto-{ver}" in r.stdout, r.stdout


def _snapshot(kver):
    out = set()
    for top, rec in HOST_STATE + [(Path("/lib/modules") / kver, True)]:
        if top.exists():
            out |= {str(p) for p in (top.rglob("*") if rec else top.iterdir())}
    return out


@pytest.fixture(scope="module")
def dkms_built(tmp_path_factory):
    if os.environ.get("KCRYPTO_DISTRO") == "skip":
        pytest.skip("distro lane skipped: KCRYPTO_DISTRO=skip")
    if not shutil.which("dkms"):
        pytest.fail("dkms not installed (scripts/deps installs it)")
    if os.geteuid() != 0:
        pytest.skip("dkms needs root")
    kst = distro.prepare("x86_64")
    kver = kst["release"]
    tmp = tmp_path_factory.mktemp("dkms")
    inst = tmp / "modules"
    (inst / kver).mkdir(parents=True)
    args = f"--dkmstree {tmp / 'tree'} --installtree {inst} --no-depmod"
    installed = Path(f"/lib/modules/{kver}/build")
    kdir = installed
    if not installed.exists():
        # The mirror moved past the installed linux-headers-amd64: build
        # against the lane's extracted copy of the same package instead.
        args += f" --kernelsourcedir {kst['dir']}"
        kdir = Path(kst["dir"])
    (tmp / "tree").mkdir()
    env = dict(os.environ, mok_signing_key=str(tmp / "mok.key"),
               mok_certificate=str(tmp / "mok.der"))
    before = _snapshot(kver)
    logf = tmp / "dkms.log"
    with open(logf, "w") as lf:
        r = subprocess.run(["nice", "-n", "10", "make", "-C", str(REPO), "dkms-install",
                            f"KVER={kver}", f"DKMS_SOURCETREE={tmp / 'src'}",
                            f"DKMS_ARGS={args}", f"DESTDIR={tmp / 'root'}"],
                           stdout=lf, stderr=subprocess.STDOUT, env=env)
    after = _snapshot(kver)
    log = logf.read_text(errors="replace")
    assert r.returncode == 0, f"make dkms-install failed:\n{log[-3000:]}"
    return {"kver": kver, "tmp": tmp, "moddir": inst / kver, "log": log, "kdir": kdir,
            "installed_headers": installed.exists(), "host_changes": sorted(after ^ before)}


def build_test_interface(kdir, tmp):
    """kunit/kcrypto-test.ko built from this tree (its git files) against
    @kdir, as DKMS builds kcrypto.ko (weak): same sources and headers, so
    the symbol versions it was linked against are the DKMS library's."""
    tree = copy_repo(tmp / "testif-tree")
    r = subprocess.run(["nice", "-n", "10", "make", "-C", str(tree), f"KDIR={kdir}", "BIND=weak",
                        f"-j{os.cpu_count() or 1}", "modules"], capture_output=True, text=True)
    ko = tree / "kunit" / "kcrypto-test.ko"
    assert r.returncode == 0 and ko.exists(), (r.stdout + r.stderr)[-3000:]
    return ko


def test_dkms_leaves_no_host_state(dkms_built):
    assert not dkms_built["host_changes"], dkms_built["host_changes"][:20]


def test_dkms_builds_every_module_for_the_distro_kernel(dkms_built):
    kos = sorted(dkms_built["moddir"].rglob("*.ko"))
    want = {n for n, _ in kbuild_modules(*DKMS_ARCHES["x86_64"])}
    assert {k.stem for k in kos} == want, kos
    for ko in kos:
        vm = subprocess.run(["/sbin/modinfo", "-F", "vermagic", str(ko)], capture_output=True,
                            text=True, check=True).stdout.split()
        assert vm[0] == dkms_built["kver"] and "modversions" in vm, f"{ko.name}: {vm}"
    assert (dkms_built["tmp"] / "root/etc/modprobe.d/kcrypto.conf").exists()
    assert dkms_built["installed_headers"], (
        f"linux-headers-{dkms_built['kver']} is not installed: built against the lane's "
        "extracted copy (apt-get install linux-headers-amd64 to test the installed one)")


def test_dkms_modules_boot_on_the_distro_kernel(dkms_built):
    ko = build_test_interface(dkms_built["kdir"], dkms_built["tmp"])
    extra = {f"/lib/modules/{dkms_built['kver']}/kunit/kcrypto-test.ko": ko}
    res, boot = distro.boot_prebuilt("x86_64", dkms_built["moddir"], ["S2", "S7", "taint"],
                                     "dkms-x86_64", extra=extra)
    bad = {s: v for s, v in res.items() if v[0] != "PASS"}
    assert set(res) == {"S2", "S7", "taint"} and not bad, f"{bad} (log: {boot['log']})"
