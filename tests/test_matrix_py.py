# SPDX-License-Identifier: GPL-2.0
"""The matrix's Python (scripts/matrix/), without booting anything:

- no import cycle between its modules, not even through an import inside
  a function;
- the scenario table (scripts/matrix/scenarios.py) names every guest
  script, ids and readable names are unique, and `scripts/qemu-matrix
  --scenario` takes either;
- the kernel-log failure patterns live in one list (console.py), the same
  as the guest's BADLOG (qemu/guest/lib.sh);
- qemu/arches.json loads into the typed, frozen Arch records;
- the grid labels its rows "<id> <name>".

Run: /usr/bin/python3 -m pytest -q tests/test_matrix_py.py
"""
import ast
import dataclasses
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "scripts" / "matrix"
sys.path.insert(0, str(ROOT / "scripts"))
from matrix import common, console, report, scenarios  # noqa: E402


# --- imports --------------------------------------------------------------------

def import_graph(pkg=PKG):
    """{module: {modules of the package it imports}}, from every import
    statement anywhere in the file (top level or inside a function):
    `from . import x`, `from .x import y`, `import matrix.x`, `from matrix.x import y`."""
    mods = {p.stem for p in pkg.glob("*.py")} - {"__init__"}
    graph = {}
    for m in sorted(mods):
        deps = set()
        for node in ast.walk(ast.parse((pkg / f"{m}.py").read_text(), filename=f"{m}.py")):
            if isinstance(node, ast.ImportFrom):
                if node.level >= 1 or (node.module or "").split(".")[0] == pkg.name:
                    sub = (node.module or "").removeprefix(pkg.name).lstrip(".")
                    if sub:
                        deps.add(sub.split(".")[0])
                    else:
                        deps.update(a.name for a in node.names)
            elif isinstance(node, ast.Import):
                for a in node.names:
                    parts = a.name.split(".")
                    if parts[0] == pkg.name and len(parts) > 1:
                        deps.add(parts[1])
        graph[m] = sorted((deps & mods) - {m})
    return graph


def find_cycle(graph):
    """One cycle as [a, b, ..., a], or None."""
    state = {}

    def visit(n, path):
        state[n] = "open"
        for d in graph.get(n, ()):
            if state.get(d) == "open":
                return path[path.index(d):] + [d]
            if d not in state:
                c = visit(d, path + [d])
                if c:
                    return c
        state[n] = "done"
        return None

    for n in graph:
        if n not in state:
            c = visit(n, [n])
            if c:
                return c
    return None


def test_import_graph_is_acyclic():
    graph = import_graph()
    assert {"runner", "cell", "boot", "report", "scenarios", "console"} <= set(graph)
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle in scripts/matrix: " + " -> ".join(cycle)


def test_cycle_finder_sees_function_level_imports(tmp_path):
    pkg = tmp_path / "matrix"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from .b import x\n")
    (pkg / "b.py").write_text("def f():\n    from . import a\n")
    assert find_cycle(import_graph(pkg)) == ["a", "b", "a"]


def test_common_imports_no_matrix_module():
    assert import_graph()["common"] == []


# --- scenarios ------------------------------------------------------------------

def test_scenario_table_names_every_guest_script():
    guest = {p.stem for p in (ROOT / "qemu" / "guest").glob("*.sh")} - {"lib"}
    assert not scenarios.UNTABLED, ("guest scripts without a readable name in "
                                    "scripts/matrix/scenarios.py TABLE: "
                                    + ", ".join(s.id for s in scenarios.UNTABLED))
    assert {s.id for s in scenarios.TABLE if s.guest} == guest


def test_scenario_ids_and_names_are_unique():
    ids = [s.id for s in scenarios.ALL]
    names = [s.name for s in scenarios.ALL]
    assert len(set(ids)) == len(ids)
    assert len(set(names)) == len(names)
    assert not set(ids) & set(names), "a readable name must not be another scenario's id"
    for s in scenarios.ALL:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", s.name), s.name
        assert s.boots and set(s.boots) <= {"main", "s4"}, s
        assert s.only_bind in (None,) + common.BINDS, s


def test_scenario_aliases_resolve():
    for sid in scenarios.SELECTABLE:
        s = scenarios.BY_ID[sid]
        assert scenarios.resolve(sid) == sid == scenarios.resolve(s.name)
    with pytest.raises(KeyError):
        scenarios.resolve("build")        # a runner verdict, not selectable
    with pytest.raises(KeyError):
        scenarios.resolve("no-such-scenario")
    assert scenarios.label("S1") == "S1 generic-only"
    assert scenarios.label("resident@s4") == "resident@s4 memory-residency"
    assert scenarios.label("unknown") == "unknown"


def _qemu_matrix(*args):
    return subprocess.run(["/usr/bin/python3", str(ROOT / "scripts" / "qemu-matrix"), *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)


def test_qemu_matrix_list_takes_ids_and_names():
    r = _qemu_matrix("--list", "--cell", "7.3:arm64", "--bind", "ffp", "--bind", "weak",
                     "--scenario", "generic-only", "--scenario", "S2", "--scenario", "runtime-plug",
                     "--scenario", "S1")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == ["7.3-arm64-ffp S1 S2 S6", "7.3-arm64-weak S1 S2"]
    r = _qemu_matrix("--list", "--scenario", "nope")
    assert r.returncode == 2 and "'nope': not a scenario" in r.stderr, r.stderr


def test_qemu_matrix_list_defaults():
    r = _qemu_matrix("--list", "--cell", "7.2:x86_64", "--cell", "distro13:x86_64", "--bind", "weak")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == [
        "7.2-x86_64-weak build",
        "distro13-x86_64-weak " + " ".join(s for s in scenarios.DEFAULT if s != "S6")
        + " " + " ".join(scenarios.DISTRO_DEFAULT_EXTRA)]
    assert sorted(scenarios.DISTRO_DEFAULT_EXTRA) == ["crypto-api", "taint"]


def test_qemu_matrix_cell_binds():
    """--cell KERNEL:ARCH:BIND picks one mode, KERNEL:ARCH both; --bind narrows."""
    r = _qemu_matrix("--list", "--cell", "7.2:arm64:ffp", "--cell", "7.2:x86_64")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == ["7.2-arm64-ffp build", "7.2-x86_64-weak build",
                                     "7.2-x86_64-ffp build"]
    r = _qemu_matrix("--list", "--cell", "7.2:arm64:ffp", "--bind", "weak")
    assert r.returncode == 0 and r.stdout == "", r.stdout + r.stderr
    for bad in ("7.2:arm64:both", "7.2:arm64:ffp:x", "7.2"):
        r = _qemu_matrix("--list", "--cell", bad)
        assert r.returncode == 2 and "KERNEL:ARCH:BIND" in r.stderr, (bad, r.stderr)


def test_ci_set_names_its_modes():
    """An entry without modes runs both; the ci set's arm and kCFI cells are
    ffp only, and the list the runner prints is what set_cells says."""
    from matrix.common import BINDS, set_cells
    cells = {(k, a): bs for k, a, bs in set_cells("ci", "matrix")}
    assert cells[("7.3", "arm")] == ("ffp",) and cells[("7.3-kcfi", "x86_64")] == ("ffp",)
    assert cells[("7.3", "x86_64")] == BINDS
    assert all(bs == BINDS for k, a, bs in set_cells("full", "matrix"))
    r = _qemu_matrix("--list", "--set", "ci")
    assert r.returncode == 0, r.stderr
    listed = [line.split()[0] for line in r.stdout.splitlines()]
    assert listed == [f"{k}-{a}-{b}" for k, a, bs in set_cells("ci", "matrix") for b in bs]


# --- console failure patterns -------------------------------------------------------

def test_bad_patterns_are_the_guests():
    lib = (ROOT / "qemu" / "guest" / "lib.sh").read_text()
    m = re.search(r"^BADLOG='([^']*)'$", lib, re.M)
    assert m, "qemu/guest/lib.sh: no BADLOG='...' line"
    assert m.group(1).split("|") == list(console.BAD_PATTERNS), \
        "scripts/matrix/console.py BAD_PATTERNS and qemu/guest/lib.sh BADLOG differ"


@pytest.mark.parametrize("line,bad", [
    ("[   12.5] WARNING: CPU: 1 PID: 7 at lib/foo.c:3 f+0x1/0x2", True),
    ("[    3.1] BUG: KASAN: slab-out-of-bounds in x", True),
    ("[    3.1] Oops: int3: 0000 [#1] PREEMPT SMP", True),
    ("[    9.0] INFO: task modprobe:81 blocked for more than 120 seconds.", True),
    ("[    9.0] WARNING: possible circular locking dependency detected", True),
    ("[    9.0] kmemleak: 2 new suspected memory leaks (see /sys/kernel/debug/kmemleak)", True),
    ("[    1.0] kcrypto: chacha bound to kcrypto-chacha-x86_64 (avx2)", False),
    ("KCM: RESULT S1 PASS", False),
])
def test_bad_lines(line, bad):
    assert console.is_bad(line) is bad


def test_bad_patterns_defined_once():
    """No other Python file of scripts/ or tests/ carries its own copy."""
    markers = ("Kernel panic", "Call Trace:", "general protection", "list_add corruption")
    files = [p for p in list((ROOT / "scripts").rglob("*")) + list((ROOT / "tests").glob("*.py"))
             if p.is_file() and "__pycache__" not in p.parts
             and p not in (PKG / "console.py", Path(__file__).resolve())]
    bad = []
    for p in files:
        text = p.read_text(errors="replace")
        if p.suffix != ".py" and not text.startswith("#!/usr/bin/python3"):
            continue
        bad += [f"{p.relative_to(ROOT)}: {m}" for m in markers if m in text]
    assert not bad, "console failure patterns outside scripts/matrix/console.py:\n" + "\n".join(bad)


# --- arches ---------------------------------------------------------------------------

def test_arches_are_typed_and_frozen():
    arches = common.load_arches()
    assert tuple(arches) == common.ARCH_NAMES
    for name, a in arches.items():
        assert isinstance(a, common.Arch) and a.name == name
        assert isinstance(a.boot_timeout, int) and a.boot_timeout > 0
        assert isinstance(a.build_targets, tuple) and a.build_targets
        assert a.s4_cpu == (a.cpu_incapable if a.incapable_kind == "cpu" else a.cpu)
    with pytest.raises(dataclasses.FrozenInstanceError):
        arches["arm"].cpu = "x"
    with pytest.raises(TypeError):
        arches["x"] = arches["arm"]


def test_arches_json_typos_are_errors():
    d = {f.name: "x" for f in dataclasses.fields(common.Arch) if f.name != "name"}
    d.update(incapable_kind="cpu", boot_timeout=1, build_targets=["all"])
    assert common.Arch.from_json("t", d).build_targets == ("all",)
    with pytest.raises(ValueError, match="unknown field"):
        common.Arch.from_json("t", dict(d, boot_timout=5))
    with pytest.raises(ValueError, match="missing"):
        common.Arch.from_json("t", {k: v for k, v in d.items() if k != "qemu"})
    with pytest.raises(ValueError, match="incapable_kind"):
        common.Arch.from_json("t", dict(d, incapable_kind="maybe"))


# --- the grid ---------------------------------------------------------------------------

def _cell(name, scens):
    return {"cell": name, "boots": [], "scenarios": {
        s: {"status": st, "reason": "" if st == "PASS" else "why", "bindings": "", "time_ms": 1500}
        for s, st in scens.items()}}


def test_grid_rows_are_labelled():
    cells = [_cell("7.3-arm64-ffp", {"S1": "PASS", "S6": "FAIL"}),
             _cell("7.3-arm64-weak", {"S1": "PASS", "resident": "PASS", "resident@s4": "PASS"})]
    md = report.grid_md(cells, 60, [])
    rows = [ln.split("|")[1].strip() for ln in md.splitlines()
            if ln.startswith("| ") and not ln.startswith("| scenario")][:4]
    assert rows == ["S1 generic-only", "S6 runtime-plug", "resident memory-residency",
                    "resident@s4 memory-residency"]
    assert "- 7.3-arm64-ffp S6 runtime-plug FAIL: why" in md
    page = report.grid_html(cells, 60)
    assert "<th title='insmod/rmmod arch modules under kcrypto-stress'>S6 runtime-plug</th>" in page
    assert report.counts(cells) == (4, 1, 0)


# --- every Python file of the repo ----------------------------------------------

def python_files():
    """The repo's Python: *.py and the scripts whose shebang names python3."""
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True,
                           check=True).stdout.split()
    out = []
    for f in files:
        p = ROOT / f
        if f.endswith(".py"):
            out.append(p)
        elif p.is_file() and not p.is_symlink():
            with open(p, "rb") as fh:
                if re.match(rb"#!.*python3", fh.readline()):
                    out.append(p)
    return out


def test_python_is_pyflakes_clean():
    """No undefined name, unused import or dead assignment anywhere: an
    undefined module name (`distro` used in cell.py after its import went)
    crashed a whole matrix lane at run time once; pyflakes sees it statically."""
    files = python_files()
    assert len(files) > 30, files
    r = subprocess.run(["/usr/bin/python3", "-m", "pyflakes"] + [str(f) for f in files],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_pyflakes_sees_an_undefined_name(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    return distro.prepare()\n")
    r = subprocess.run(["/usr/bin/python3", "-m", "pyflakes", str(bad)], capture_output=True, text=True)
    assert r.returncode != 0 and "undefined name 'distro'" in r.stdout
