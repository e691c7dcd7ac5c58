# SPDX-License-Identifier: GPL-2.0
"""Module signing (Documentation/distro.md, "Signing").

Keys are generated with `openssl req -new -x509` and modules signed with
the kernel's scripts/sign-file, as the documentation says.  Host side:
modinfo names the signer, the appended PKCS#7 signature verifies against
the certificate with openssl (and fails on a modified module).  Guest side,
qemu/guest/signing.sh, on two kernels:

- "distro": Debian's amd64 kernel (CONFIG_MODULE_SIG=y, not forced), with
  enforcement switched on at runtime (as module.sig_enforce=1): unsigned
  modules are refused ("Key was rejected by service", "Loading of unsigned
  module is rejected"), and so are ours signed by a key Debian's kernel does
  not trust ("Loading of module with unavailable key is rejected"): making
  it trusted is MOK enrollment (documented; QEMU would need OVMF + shim).
- "sig": the 6.12 x86_64 test kernel with MODULE_SIG_FORCE
  (qemu/config/sig.config), whose build generated certs/signing_key.pem
  and trusts it: modules signed with it load and bind without taint E,
  unsigned ones and ones signed by another generated key are refused.
  Its kernel build costs ~25 min on a loaded 2-core machine, so it is
  opt-in: KCRYPTO_SIG_KERNEL=1 (skipped with that reason otherwise).

  KCRYPTO_DISTRO=skip   skip the distro-kernel half (needs its download)
"""
import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
from matrix import cell, distro, initramfs, kernel  # noqa: E402
from matrix.common import OUT, load_arches  # noqa: E402

SIGNER = "kcrypto test module signing key"  # the generated key (distro)
MAGIC = b"~Module signature appended~\n"
GUEST_SIGNED = "/opt/kcrypto-signed"


def split_signature(data):
    """(module, PKCS#7 DER) of a signed module: module || sig ||
    struct module_signature (12 bytes, sig_len big-endian last) || MAGIC."""
    assert data.endswith(MAGIC), "no appended signature"
    info = data[-len(MAGIC) - 12:-len(MAGIC)]
    (sig_len,) = struct.unpack(">I", info[8:])
    end = len(data) - len(MAGIC) - 12
    return data[:end - sig_len], data[end - sig_len:end]


def cms_verify(tmp, module, sig, cert):
    (tmp / "payload").write_bytes(module)
    (tmp / "sig.der").write_bytes(sig)
    return subprocess.run(["openssl", "cms", "-verify", "-binary", "-inform", "DER",
                           "-in", str(tmp / "sig.der"), "-content", str(tmp / "payload"),
                           "-certfile", str(cert), "-nointern", "-noverify",
                           "-out", os.devnull], capture_output=True, text=True)


def modinfo(field, ko):
    return subprocess.run(["/sbin/modinfo", "-F", field, str(ko)], capture_output=True,
                          text=True, check=True).stdout.strip()


def gen_key(tmp, cn):
    key, cert = tmp / f"{cn.replace(' ', '_')}.pem", tmp / f"{cn.replace(' ', '_')}.crt"
    subprocess.run(["openssl", "req", "-new", "-x509", "-newkey", "rsa:2048", "-sha256", "-nodes",
                    "-days", "36500", "-subj", f"/CN={cn}/", "-keyout", str(key),
                    "-outform", "PEM", "-out", str(cert)], check=True, capture_output=True)
    return key, cert


def sign_copies(sign_file, key, cert, kos, dst):
    dst.mkdir(parents=True, exist_ok=True)
    for ko in kos:
        shutil.copy2(ko, dst / ko.name)
        subprocess.run([str(sign_file), "sha256", str(key), str(cert), str(dst / ko.name)],
                       check=True, capture_output=True)
    return sorted(dst.glob("*.ko"))


def cert_cn(cert):
    r = subprocess.run(["openssl", "x509", "-noout", "-subject", "-nameopt", "multiline",
                        "-in", str(cert)], capture_output=True, text=True, check=True)
    return next(l.split("=", 1)[1].strip() for l in r.stdout.splitlines() if "commonName" in l)


@pytest.fixture(scope="module", params=["distro", "sig"])
def signed(request, tmp_path_factory):
    kind = request.param
    if kind == "distro":
        if os.environ.get("KCRYPTO_DISTRO") == "skip":
            pytest.skip("distro lane skipped: KCRYPTO_DISTRO=skip")
        kst = distro.prepare("x86_64")
    else:
        if os.environ.get("KCRYPTO_SIG_KERNEL") != "1":
            pytest.skip("MODULE_SIG_FORCE kernel is opt-in (a kernel build): KCRYPTO_SIG_KERNEL=1")
        kst = kernel.build("x86_64", "6.12", "sig")
    cdir = OUT / f"signing-{kind}-x86_64"
    ok, msg = cell.build_modules(cdir, kst, load_arches()["x86_64"], "weak", os.cpu_count() or 1)
    assert ok, msg
    tmp = tmp_path_factory.mktemp(f"signing-{kind}")
    sign_file = Path(kst["dir"]) / "scripts/sign-file"
    main, _ = initramfs.classify_modules(cdir / "src")
    other_key, other_cert = gen_key(tmp, "kcrypto untrusted test key")
    if kind == "distro":
        key, cert = gen_key(tmp, SIGNER)
    else:
        # The key the kernel build generated (openssl req -new -x509,
        # certs/default_x509.genkey) and built into its trusted keyring.
        key, cert = Path(kst["dir"]) / "certs/signing_key.pem", tmp / "kernel.crt"
        subprocess.run(["openssl", "x509", "-inform", "DER", "-in",
                        str(Path(kst["dir"]) / "certs/signing_key.x509"), "-out", str(cert)],
                       check=True, capture_output=True)
    return {"kind": kind, "kst": kst, "src": cdir / "src", "unsigned": main, "cert": cert,
            "signer": cert_cn(cert), "tmp": tmp,
            "signed": sign_copies(sign_file, key, cert, main, tmp / "signed"),
            "other": sign_copies(sign_file, other_key, other_cert,
                                 [k for k in main if k.name == "kcrypto.ko"], tmp / "other")}


def test_sign_file_output(signed):
    assert len(signed["signed"]) == len(signed["unsigned"]) >= 2
    for ko in signed["unsigned"]:
        assert modinfo("signer", ko) == "", f"{ko.name} is signed before sign-file"
    for ko in signed["signed"]:
        assert modinfo("signer", ko) == signed["signer"], ko.name
        assert modinfo("sig_hashalgo", ko) == "sha256", ko.name
        module, _ = split_signature(ko.read_bytes())
        orig = next(u for u in signed["unsigned"] if u.name == ko.name)
        assert module == orig.read_bytes(), f"{ko.name}: sign-file changed the module itself"


def test_signature_verifies_against_the_certificate(signed):
    ko = next(k for k in signed["signed"] if k.name == "kcrypto.ko")
    module, sig = split_signature(ko.read_bytes())
    r = cms_verify(signed["tmp"], module, sig, signed["cert"])
    assert r.returncode == 0, r.stderr
    bad = bytearray(module)
    bad[len(bad) // 2] ^= 1
    r = cms_verify(signed["tmp"], bytes(bad), sig, signed["cert"])
    assert r.returncode != 0, "a modified module still verifies"


def test_enforcement(signed):
    """distro: everything of ours refused under enforcement; sig: signed loads."""
    expect = "reject" if signed["kind"] == "distro" else "load"
    env = signed["tmp"] / "signing.env"
    env.write_text(f"SIGNER='{signed['signer']}'\nSIGNED_EXPECT={expect}\n")
    extra = {f"{GUEST_SIGNED}/{ko.name}": ko for ko in signed["signed"]}
    extra.update({f"{GUEST_SIGNED}/other/{ko.name}": ko for ko in signed["other"]})
    extra["/etc/kcrypto/signing.env"] = env
    name = f"signing-{signed['kind']}-x86_64"
    res, boot = cell.boot_prebuilt("x86_64", signed["kst"], signed["src"], ["signing"], name,
                                   extra=extra)
    assert res.get("signing", ("FAIL", "no result"))[0] == "PASS", f"{res} (log: {boot['log']})"
