# SPDX-License-Identifier: GPL-2.0 OR MIT
"""Documentation and shipped policy files stay true to the tree.

- Every relative link and image in README.md and Documentation/*.md points at
  an existing file (and, for links into Markdown files, an existing heading);
  code fences are balanced, table rows have as many cells as their header,
  and cmark-gfm (GitHub's renderer, if installed) renders every table and
  image; README.md links every page.
- scripts/gen-doc-graphs regenerates the committed graphs byte for byte
  (dot prints no warning; SVG/PNG compared when the installed dot is the one
  that made them).
- etc/modprobe.d/examples/ names exactly the arch modules Kbuild builds, and
  kmod parses every shipped modprobe.d file without complaint.

Run: /usr/bin/python3 -m pytest -q tests/test_docs.py
"""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md"] + sorted((ROOT / "Documentation").glob("*.md"))
EXAMPLES = ROOT / "etc" / "modprobe.d" / "examples"
GEN = ROOT / "scripts" / "gen-doc-graphs"
IMG = ROOT / "Documentation" / "img"
# arch/<dir> -> the arch part of module names (Kbuild: kcrypto-arch-name).
ARCHES = {"x86": "x86_64", "arm64": "arm64", "arm": "arm"}

FENCE = re.compile(r"^\s*(```|~~~)")
LINK = re.compile(r"!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REFDEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$")
HTMLREF = re.compile(r"<(?:img|a)\s[^>]*(?:src|href)=\"([^\"]+)\"", re.I)
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def prose_lines(path, raw=False):
    """(line number, text) outside fenced code blocks; inline code emptied
    unless @raw."""
    fenced = False
    for n, line in enumerate(path.read_text().splitlines(), 1):
        if FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            yield n, line if raw else re.sub(r"`[^`]*`", "``", line)


def slug(title):
    """GitHub's heading anchor: lower case, punctuation dropped, spaces -> '-'."""
    title = re.sub(r"`([^`]*)`", r"\1", title)
    title = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", title)
    title = title.strip().lower()
    title = re.sub(r"[^\w\- ]", "", title)
    return title.replace(" ", "-")


def anchors(path):
    seen, out = {}, set()
    for _, line in prose_lines(path, raw=True):
        m = HEADING.match(line)
        if not m:
            continue
        s = slug(m.group(2))
        k = seen.get(s, 0)
        seen[s] = k + 1
        out.add(s if k == 0 else f"{s}-{k}")
    return out


def links(path):
    for n, line in prose_lines(path):
        for rx in (LINK, REFDEF, HTMLREF):
            for m in rx.finditer(line):
                yield n, m.group(1)


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_resolve(doc):
    bad = []
    for n, target in links(doc):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):     # http:, mailto:, ...
            continue
        file_part, _, frag = target.partition("#")
        dest = (doc.parent / file_part).resolve() if file_part else doc
        if not dest.exists():
            bad.append(f"{doc.name}:{n}: {target}: no such file")
        elif frag and dest.suffix == ".md" and frag not in anchors(dest):
            bad.append(f"{doc.name}:{n}: {target}: no heading '#{frag}' in {dest.name}")
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_markdown_structure(doc):
    lines = doc.read_text().splitlines()
    assert sum(1 for l in lines if FENCE.match(l)) % 2 == 0, f"{doc.name}: unbalanced code fence"
    bad, table = [], []

    def cells(row):
        row = re.sub(r"`[^`]*`", "``", row.strip()).replace(r"\|", "")
        return row.strip("|").count("|") + 1

    for n, line in list(prose_lines(doc)) + [(len(lines) + 1, "")]:
        if line.lstrip().startswith("|"):
            table.append((n, line))
            continue
        if table:
            want = cells(table[0][1])
            if len(table) < 2 or not re.fullmatch(r"\|?(\s*:?-+:?\s*\|)*\s*:?-+:?\s*\|?", table[1][1].strip()):
                bad.append(f"{doc.name}:{table[0][0]}: table without a |---| separator row")
            bad += [f"{doc.name}:{m}: {cells(r)} cells, header has {want}"
                    for m, r in table if cells(r) != want]
            table = []
    assert not bad, "\n".join(bad)


@pytest.mark.skipif(not shutil.which("cmark-gfm"), reason="cmark-gfm not installed")
@pytest.mark.parametrize("doc", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_renders_as_github_markdown(doc):
    """cmark-gfm (GitHub's renderer) turns every table and image into HTML."""
    r = subprocess.run(["cmark-gfm", "-e", "table", "-e", "autolink", str(doc)],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and not r.stderr.strip(), r.stderr
    tables = sum(1 for _, l in prose_lines(doc) if re.match(r"^\s*\|?\s*:?-{3,}", l))
    images = sum(1 for _, l in prose_lines(doc) for m in LINK.finditer(l) if m.group(0).startswith("!"))
    assert r.stdout.count("<table>") == tables, f"{doc.name}: {tables} tables, {r.stdout.count('<table>')} rendered"
    assert r.stdout.count("<img ") == images, f"{doc.name}: {images} images, {r.stdout.count('<img ')} rendered"


def test_readme_lists_every_page():
    readme = (ROOT / "README.md").read_text()
    missing = [p.name for p in sorted((ROOT / "Documentation").glob("*.md"))
               if f"Documentation/{p.name}" not in readme]
    assert not missing, f"README.md does not link {missing}"


@pytest.mark.skipif(not shutil.which("dot"), reason="graphviz (dot) not installed")
def test_graphs_regenerate_identically(tmp_path):
    r = subprocess.run(["/usr/bin/python3", str(GEN), "--out", str(tmp_path)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and not r.stderr.strip(), r.stderr
    made = sorted(p.name for p in tmp_path.iterdir())
    assert made, "gen-doc-graphs wrote nothing"
    # "dot - graphviz version 2.43.0 (0)"; the SVGs name the version that made them.
    version = subprocess.run(["dot", "-V"], capture_output=True, text=True).stderr.split("(")[0].split()[-1]
    for name in made:
        committed = IMG / name
        assert committed.exists(), f"Documentation/img/{name} not committed: run scripts/gen-doc-graphs"
        if name.endswith(".dot") or f"graphviz version {version} " in \
                committed.with_suffix(".svg").read_text():
            assert (tmp_path / name).read_bytes() == committed.read_bytes(), \
                f"Documentation/img/{name} is stale: run scripts/gen-doc-graphs"


def arch_modules():
    """{arch name: [prims]} as Kbuild builds them (one per <prim>-glue.c)."""
    return {name: sorted(p.name[:-len("-glue.c")] for p in (ROOT / "arch" / d).glob("*-glue.c"))
            for d, name in ARCHES.items()}


def directives(path, keyword):
    out = []
    for line in path.read_text().splitlines():
        words = line.split("#", 1)[0].split()
        if words and words[0] == keyword:
            out.append([w.replace("-", "_") for w in words[1:]])
    return out


def test_arch_dirs_known():
    dirs = {p.parent.name for p in (ROOT / "arch").glob("*/*-glue.c")}
    assert dirs <= set(ARCHES), f"arch dirs without a module-name mapping here: {dirs - set(ARCHES)}"


def test_blacklist_examples_match_kbuild():
    mods = arch_modules()
    every = set()
    for prim in ("chacha", "poly1305", "blake2s", "x25519"):
        want = {f"kcrypto_{prim}_{a}" for a, prims in mods.items() if prim in prims}
        every |= want
        f = EXAMPLES / f"kcrypto-blacklist-{prim}.conf"
        got = {w[0] for w in directives(f, "blacklist")}
        assert got == want, f"{f.name}: blacklists {sorted(got)}, Kbuild builds {sorted(want)}"
        assert not [l for l in f.read_text().splitlines() if l.strip() and not l.startswith(("#", "blacklist "))]
    got = {w[0] for w in directives(EXAMPLES / "kcrypto-blacklist-all.conf", "blacklist")}
    assert got == every, f"kcrypto-blacklist-all.conf: {sorted(got ^ every)} differ from Kbuild"


def test_softdep_examples_match_kbuild():
    for arch, prims in arch_modules().items():
        f = EXAMPLES / f"kcrypto-softdep-weak-{arch}.conf"
        sd = directives(f, "softdep")
        assert len(sd) == 1 and sd[0][:2] == ["kcrypto", "pre:"], f"{f.name}: want one 'softdep kcrypto pre:' line"
        want = {f"kcrypto_{p}_{arch}" for p in prims}
        assert set(sd[0][2:]) == want, f"{f.name}: names {sorted(sd[0][2:])}, Kbuild builds {sorted(want)}"
    assert {p.name for p in EXAMPLES.glob("kcrypto-softdep-weak-*.conf")} == \
        {f"kcrypto-softdep-weak-{a}.conf" for a in ARCHES.values()}


def test_force_generic_example():
    opts = directives(EXAMPLES / "kcrypto-force-generic.conf", "options")
    assert opts == [["kcrypto", "force_generic=all"]]
    # The values the comment promises are the ones lib_crypto/main.c parses.
    main = (ROOT / "lib_crypto" / "main.c").read_text()
    for word in ('"all"', '"none"', "module_param_cb(force_generic"):
        assert word in main


def test_kcrypto_conf_covers_every_arch_module():
    conf = ROOT / "etc" / "modprobe.d" / "kcrypto.conf"
    have = {w[0] for w in directives(conf, "install")}
    want = {f"kcrypto_{p}_{a}" for a, prims in arch_modules().items() for p in prims}
    assert want <= have, f"kcrypto.conf has no install rule for {sorted(want - have)}"


@pytest.mark.skipif(not Path("/sbin/modprobe").exists(), reason="kmod not installed")
@pytest.mark.parametrize("conf", [ROOT / "etc/modprobe.d/kcrypto.conf"] + sorted(EXAMPLES.glob("*.conf")),
                         ids=lambda p: p.name)
def test_kmod_parses_policy_file(conf, tmp_path):
    (tmp_path / conf.name).write_bytes(conf.read_bytes())
    r = subprocess.run(["/sbin/modprobe", "-C", str(tmp_path), "-c"],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and conf.name not in r.stderr, r.stderr
    for kind in ("blacklist", "options", "softdep", "install"):
        for words in directives(conf, kind):
            assert f"{kind} {words[0]}" in r.stdout.replace("-", "_"), \
                f"kmod did not take '{kind} {' '.join(words)}' from {conf.name}"
