# SPDX-License-Identifier: GPL-2.0
"""The supported kernel range, and what `make` says outside it.

scripts/check-kdir (run by `make modules` and `make install`) refuses a
missing, unconfigured, unprepared or out-of-range kernel tree with one line
on stderr, before any compiler runs.  dkms.conf's BUILD_EXCLUSIVE_KERNEL and
the README's support table state the same range.
"""
import re
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CHECK = REPO / "scripts" / "check-kdir"


def _range():
    text = CHECK.read_text()
    lo = re.search(r"^KCRYPTO_MIN=(\S+)$", text, re.M).group(1)
    hi = re.search(r"^KCRYPTO_MAX=(\S+)$", text, re.M).group(1)
    return lo, hi


def _fake_tree(root, release, config="CONFIG_MODULES=y\n", prepared=True):
    root.mkdir(parents=True, exist_ok=True)
    (root / "Makefile").write_text("# fake\n")
    if config is not None:
        (root / ".config").write_text(config)
    if prepared:
        (root / "include/generated").mkdir(parents=True, exist_ok=True)
        (root / "include/generated/autoconf.h").write_text("")
        (root / "include/config").mkdir(parents=True, exist_ok=True)
        (root / "include/config/kernel.release").write_text(release + "\n")
    return root


def _make(kdir, env=None):
    """`make modules` as a user runs it: must stop at check-kdir."""
    return subprocess.run(["make", "-C", str(REPO), f"KDIR={kdir}", "modules"],
                          capture_output=True, text=True, env=env)


def _one_line(r):
    err = [line for line in r.stderr.splitlines()
           if not line.startswith(("make:", "make[")) and line.strip()]
    assert r.returncode != 0, r.stdout + r.stderr
    assert len(err) == 1, r.stderr
    assert err[0].startswith("kcrypto: "), err
    assert "error:" not in r.stderr and "gcc" not in r.stderr, r.stderr
    return err[0]


@pytest.mark.parametrize("case,expect", [
    ("missing", "no kernel tree"),
    ("no-makefile", "not a kernel build tree"),
    ("unconfigured", "not configured"),
    ("unprepared", "not prepared"),
    ("no-modules", "CONFIG_MODULES"),
    ("too-old", "older than"),
    ("too-new", "newer than"),
])
def test_make_refuses_with_one_line(tmp_path, case, expect):
    lo, hi = _range()
    kdir = tmp_path / "kdir"
    if case == "no-makefile":
        kdir.mkdir()
    elif case == "unconfigured":
        _fake_tree(kdir, "6.12.0", config=None, prepared=False)
    elif case == "unprepared":
        _fake_tree(kdir, "6.12.0", prepared=False)
    elif case == "no-modules":
        _fake_tree(kdir, "6.12.0", config="# CONFIG_MODULES is not set\n")
    elif case == "too-old":
        _fake_tree(kdir, "5.15.0-1-amd64")
    elif case == "too-new":
        major, minor = hi.split(".")
        _fake_tree(kdir, f"{major}.{int(minor) + 1}.0")
    line = _one_line(_make(kdir))
    assert expect in line, line
    if case in ("too-old", "too-new"):
        assert f"{lo} to {hi}" in line, line


@pytest.mark.parametrize("release", ["6.1.0-57-amd64", "6.12.117+deb13-arm64", "7.2.13", "7.3.4"])
def test_check_kdir_accepts_the_supported_range(tmp_path, release):
    kdir = _fake_tree(tmp_path / "kdir", release)
    r = subprocess.run([str(CHECK), str(kdir)], capture_output=True, text=True)
    assert r.returncode == 0 and r.stderr == "", r.stderr


def _dkms_regex():
    text = (REPO / "dkms.conf").read_text()
    return re.search(r'^BUILD_EXCLUSIVE_KERNEL="(.+)"$', text, re.M).group(1).replace("\\\\", "\\")


def test_dkms_declares_the_same_range():
    lo, hi = _range()
    rx = re.compile(_dkms_regex())
    lo_major, lo_minor = map(int, lo.split("."))
    hi_major, hi_minor = map(int, hi.split("."))
    inside = [f"{lo}.0", f"{hi}.4", "6.12.117+deb13-amd64"]
    outside = [f"{lo_major}.{lo_minor - 1}.0" if lo_minor else f"{lo_major - 1}.99.0",
               f"{hi_major}.{hi_minor + 1}.0", f"{hi_major + 1}.0.0", "5.10.0-30-amd64"]
    for rel in inside:
        assert rx.search(rel), f"dkms.conf BUILD_EXCLUSIVE_KERNEL excludes {rel}"
    for rel in outside:
        assert not rx.search(rel), f"dkms.conf BUILD_EXCLUSIVE_KERNEL accepts {rel}"
    assert f"{lo} to {hi}" in (REPO / "dkms.conf").read_text()


def test_readme_states_the_range():
    lo, hi = _range()
    first_screen = "\n".join((REPO / "README.md").read_text().splitlines()[:60])
    assert f"{lo} to {hi}" in first_screen, "README's first screen must state the supported range"


def test_readme_support_table_is_generated():
    """The README's support table is what Documentation/support.json (the
    summary of the last matrix runs) renders: no hand edits."""
    r = subprocess.run([str(REPO / "scripts" / "support-table"), "--check"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    text = (REPO / "README.md").read_text()
    begin = text.index("<!-- support-table:")
    assert begin < len("\n".join(text.splitlines()[:40])), "support table is not on the first screen"
