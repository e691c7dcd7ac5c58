# SPDX-License-Identifier: GPL-2.0
"""DKMS (dkms.conf, `make dkms-install`; Documentation/distro.md).

- dkms.conf lists, per target arch, exactly the modules Kbuild builds
  (kcrypto-crypto.ko where the kernel's .config has the crypto API), and
  `make dkms-install` copies every directory and script it needs.
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
- examples/kcrypto-example builds against the DKMS install (development
  files, the Module.symvers DKMS keeps), and `make dkms-uninstall` then
  leaves no file of it: modules, DKMS tree, sources, policy, dev files.

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
from matrix import cell, distro  # noqa: E402
from matrixlib import copy_repo  # noqa: E402

# dkms's $arch -> (arch dir, module suffix), as Kbuild picks them.
DKMS_ARCHES = {"x86_64": ("arch/x86", "x86_64"), "aarch64": ("arch/arm64", "arm64"),
               "armv7l": ("arch/arm", "arm")}
# (dir, recursive): where a stray dkms/make would leave state on the host.
HOST_STATE = [(Path("/var/lib/dkms"), True), (Path("/etc/dkms"), True), (Path("/usr/src"), False),
              (Path("/lib/modules"), False), (Path("/etc/modprobe.d"), False)]


def dkms_conf(arch, kdir="/KDIR"):
    """dkms.conf evaluated the way dkms does (bash, $arch, $kernelver and
    $kernel_source_dir set): the (name, location, dest) triples, the MAKE
    command and POST_BUILD."""
    script = ('arch="$1"; kernelver=9.9.9-test; kernel_source_dir="$2"; . ./dkms.conf; '
              'for i in "${!BUILT_MODULE_NAME[@]}"; do '
              'echo "M ${BUILT_MODULE_NAME[$i]}|${BUILT_MODULE_LOCATION[$i]}|${DEST_MODULE_LOCATION[$i]}"; '
              'done; echo "MAKE ${MAKE[0]}"; echo "POST ${POST_BUILD}"; '
              'echo "NAME $PACKAGE_NAME $PACKAGE_VERSION"')
    r = subprocess.run(["bash", "-c", script, "dkms.conf", arch, str(kdir)], cwd=REPO,
                       capture_output=True, text=True, check=True)
    lines = r.stdout.splitlines()
    mods = [tuple(l[2:].split("|")) for l in lines if l.startswith("M ")]
    make = next(l[5:] for l in lines if l.startswith("MAKE "))
    post = next(l[5:] for l in lines if l.startswith("POST "))
    return mods, make, post


def kbuild_modules(arch_dir, suffix, crypto_api=False):
    """What Kbuild builds without the tests; kcrypto-crypto.ko where the
    kernel has the crypto API's skcipher and AEAD."""
    prims = sorted(p.name[:-len("-glue.c")] for p in (REPO / arch_dir).glob("*-glue.c"))
    return {("kcrypto", ".")} | {(f"kcrypto-{p}-{suffix}", arch_dir) for p in prims} | \
        ({("kcrypto-crypto", ".")} if crypto_api else set())


# .config lines of the kernel dkms builds for -> does Kbuild build kcrypto-crypto.ko?
CRYPTO_CONFIGS = {
    "none": ("", False),
    "skcipher+aead": ("CONFIG_CRYPTO_SKCIPHER=y\nCONFIG_CRYPTO_AEAD=m\n", True),
    "aead only": ("CONFIG_CRYPTO_AEAD=y\n# CONFIG_CRYPTO_SKCIPHER is not set\n", False),
}


@pytest.mark.parametrize("crypto", sorted(CRYPTO_CONFIGS))
@pytest.mark.parametrize("arch", sorted(DKMS_ARCHES))
def test_dkms_conf_matches_kbuild(arch, crypto, tmp_path):
    arch_dir, suffix = DKMS_ARCHES[arch]
    config, crypto_api = CRYPTO_CONFIGS[crypto]
    (tmp_path / ".config").write_text("CONFIG_MODULES=y\n" + config)
    mods, make, post = dkms_conf(arch, tmp_path)
    assert len(mods) == len(set(m[0] for m in mods)), f"duplicate BUILT_MODULE_NAME: {mods}"
    got = {(n, loc.rstrip("/")) for n, loc, _ in mods}
    assert got == kbuild_modules(arch_dir, suffix, crypto_api)
    assert all(d.startswith(("/extra", "/updates", "/kernel")) for _, _, d in mods), mods
    assert f"KDIR={tmp_path}" in make and "KCRYPTO_TESTS=n" in make, make
    assert post == f"scripts/dkms-symvers 9.9.9-test {arch}", post


def test_dkms_install_copies_what_dkms_conf_needs():
    """Every directory Kbuild reads and every script dkms.conf runs goes
    to the DKMS source tree (crypto_api/ once did not)."""
    r = subprocess.run(["make", "-s", "-C", str(REPO), "-n", "dkms-install",
                        "DKMS_SOURCETREE=/nonexistent"], capture_output=True, text=True, check=True)
    cp = next(l for l in r.stdout.splitlines() if l.startswith("cp -a "))
    copied = set(cp.split()[2:-1])
    kbuild = (REPO / "Kbuild").read_text()
    for d in ("include", "lib_crypto", "ffp", "arch", "crypto_api", "etc"):
        assert d in copied, f"{d}/ not copied: {cp}"
    assert "crypto_api/main.c" in kbuild
    for script in ("scripts/check-kdir", "scripts/dkms-symvers"):
        assert script in r.stdout, f"{script} not copied:\n{r.stdout}"


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
            "installed_headers": installed.exists(), "host_changes": sorted(after ^ before),
            "make_args": [f"KVER={kver}", f"DKMS_SOURCETREE={tmp / 'src'}", f"DKMS_ARGS={args}",
                          f"DESTDIR={tmp / 'root'}"], "env": env}


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
    # Debian's kernels have the crypto API: kcrypto-crypto.ko too.
    want = {n for n, _ in kbuild_modules(*DKMS_ARCHES["x86_64"], crypto_api=True)}
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
    res, boot = cell.boot_prebuilt("x86_64", distro.prepare("x86_64"), dkms_built["moddir"],
                                   ["S2", "S7", "taint"], "dkms-x86_64", extra=extra)
    bad = {s: v for s, v in res.items() if v[0] != "PASS"}
    assert set(res) == {"S2", "S7", "taint"} and not bad, f"{bad} (log: {boot['log']})"


def test_dkms_consumer_builds_against_dkms_install(dkms_built, tmp_path):
    """examples/kcrypto-example against the DKMS install: the development
    files dkms-install put under DESTDIR, the Module.symvers DKMS kept
    (scripts/dkms-symvers); no modpost warning."""
    tmp, kver = dkms_built["tmp"], dkms_built["kver"]
    dev = tmp / "root/usr/src/kcrypto"
    assert (dev / "kcrypto.mk").exists() and (dev / "include/kcrypto/x25519.h").exists()
    symvers = list((tmp / "tree/kcrypto").glob(f"*/{kver}/x86_64/Module.symvers"))
    assert len(symvers) == 1, f"Module.symvers not kept in the DKMS tree: {symvers}"
    ex = tmp_path / "ex"
    shutil.copytree(REPO / "examples/kcrypto-example", ex)
    r = subprocess.run(["nice", "-n", "10", "make", "-C", str(ex), f"KDIR={dkms_built['kdir']}",
                        f"KCRYPTO_DIR={dev}", f"KCRYPTO_DKMS_TREE={tmp / 'tree'}"],
                       capture_output=True, text=True)
    log = r.stdout + r.stderr
    assert r.returncode == 0 and (ex / "kcrypto-example.ko").exists(), log[-3000:]
    assert "WARNING" not in log, log


def test_dkms_uninstall_removes_everything(dkms_built):
    """Last: `make dkms-uninstall` with the same arguments removes the
    modules (every kernel), the DKMS tree entry with its Module.symvers,
    the sources, the modprobe.d policy and the development files."""
    tmp = dkms_built["tmp"]
    r = subprocess.run(["make", "-C", str(REPO), "dkms-uninstall", *dkms_built["make_args"]],
                       capture_output=True, text=True, env=dkms_built["env"])
    assert r.returncode == 0, (r.stdout + r.stderr)[-3000:]
    left = {top: sorted(str(p) for p in (tmp / top).rglob("*") if not p.is_dir())
            for top in ("root", "src", "modules")}
    assert left == {"root": [], "src": [], "modules": []}, left
    assert not list((tmp / "tree").glob("kcrypto/*/*")), list((tmp / "tree").rglob("*"))[:20]
