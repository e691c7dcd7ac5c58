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
- What the docs name exists: every `make <target>` in code is a Makefile
  target, every module parameter (`/sys/module/<mod>/parameters/<p>`,
  `modprobe <mod> <p>=`, `options <mod> <p>=`, `<mod>.<p>=`) is defined by
  that module's code, every matrix scenario (id or readable name,
  scripts/matrix/scenarios.py) has its qemu/guest/<id>.sh, and every
  repository path in code (`scripts/...`, `arch/<arch>/...`) names
  an existing file or directory (placeholders and globs allowed).
- The repository is self-contained: no tracked text file refers to the
  planning documents or tracker issues that users do not have.
- VERSION, dkms.conf's PACKAGE_VERSION and the newest CHANGELOG.md entry
  agree; COPYING and LICENSES/ cover every SPDX identifier in the tree.

Run: /usr/bin/python3 -m pytest -q tests/test_docs.py
"""

import glob
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md"] + sorted((ROOT / "Documentation").glob("*.md"))
# Top-level pages besides the README: links and structure are checked too.
TOP_DOCS = [ROOT / "CHANGELOG.md", ROOT / "SECURITY.md"]
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


@pytest.mark.parametrize("doc", DOCS + TOP_DOCS, ids=lambda p: str(p.relative_to(ROOT)))
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


@pytest.mark.parametrize("doc", DOCS + TOP_DOCS, ids=lambda p: str(p.relative_to(ROOT)))
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
@pytest.mark.parametrize("doc", DOCS + TOP_DOCS, ids=lambda p: str(p.relative_to(ROOT)))
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
    top = [n for n in ("COPYING", "CHANGELOG.md", "SECURITY.md") if f"]({n})" not in readme]
    assert not top, f"README.md does not link {top}"


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


# --- what the docs name exists ------------------------------------------------

def code_texts(path):
    """(line number, text) of the code in a Markdown page: each line of a
    fenced or indented code block, and each inline code span (a span may
    cross lines; its newlines become spaces)."""
    out, para = [], []
    fenced = indented = False
    prev_blank = True

    def flush():
        if para:
            start, text = para[0][0], "\n".join(l for _, l in para)
            for m in re.finditer(r"(`+)(.+?)\1", text, re.S):
                out.append((start + text.count("\n", 0, m.start()), m.group(2).replace("\n", " ")))
            para.clear()

    for n, line in enumerate(path.read_text().splitlines(), 1):
        if FENCE.match(line):
            flush()
            fenced, indented, prev_blank = not fenced, False, False
        elif fenced:
            out.append((n, line))
        elif not line.strip():
            flush()
            prev_blank = True
        elif line.startswith("    ") and (prev_blank or indented):
            flush()
            indented, prev_blank = True, False
            out.append((n, line))
        else:
            indented = prev_blank = False
            para.append((n, line))
    flush()
    return out


def makefile_targets():
    text = (ROOT / "Makefile").read_text().replace("\\\n", " ")
    targets = set()
    for line in text.splitlines():
        m = re.match(r"^([^\s:=#][^:=]*?)\s*::?(?!=)(.*)", line)
        if m:
            targets |= set(m.group(1).split())
            if m.group(1).strip() == ".PHONY":
                targets |= set(m.group(2).split())
    return targets - {".PHONY"}


# `make ...` as a command: at the start, after a shell separator, sudo, or
# environment assignments (`sudo KCRYPTO_BIND=ffp make dkms-install`).
MAKE_CMD = re.compile(r"(?:^|[;&|(]|\bsudo\b|=\S*)\s*\bmake(?=\s|$)([^#;&|)`]*)")


def make_targets_named(text):
    """The targets of every `make` command in @text; none for a make of
    another Makefile (-C, -f) or of the kernel's (O=)."""
    for m in MAKE_CMD.finditer(text.strip()):
        words = m.group(1).replace("\\", " ").split()
        if any(w.startswith(("-C", "-f", "O=")) for w in words):
            continue
        yield from (w for w in words if not w.startswith("-") and "=" not in w and w != "...")


@pytest.mark.parametrize("doc", DOCS + TOP_DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_make_targets_exist(doc):
    targets = makefile_targets()
    assert {"modules", "install", "dkms-install", "bench"} <= targets, sorted(targets)
    bad = [f"{doc.name}:{n}: make {t}: no such target in the Makefile"
           for n, text in code_texts(doc) for t in make_targets_named(text) if t not in targets]
    assert not bad, "\n".join(bad)


PARAM_DEF = re.compile(r"\bmodule_param(?:_named|_cb|_array|_string|_unsafe)?\(\s*(\w+)")
# Parameters of the kernel's own modules that the docs name (distro.md:
# module signature enforcement).
KERNEL_PARAMS = {("module", "sig_enforce")}


def module_params():
    """{module name with '_': parameter names} from the sources Kbuild
    builds: kcrypto.ko, kcrypto-crypto.ko (crypto_api/), the arch modules (KCRYPTO_DEFINE_SELECTOR() in
    include/kcrypto/select.h defines their impl and cpu_mask) and
    kunit/kcrypto-*.c plus the test provider with the kunit/ headers they
    include."""
    def params(path):
        text = path.read_text()
        found = set(PARAM_DEF.findall(text))
        for inc in re.findall(r'^#include "([^"]+)"', text, re.M):
            if (path.parent / inc).exists():
                found |= params(path.parent / inc)
        return found

    mods = {"kcrypto": set().union(*(params(p) for p in (ROOT / "lib_crypto").glob("*.c"))),
            "kcrypto_crypto": set().union(*(params(p) for p in (ROOT / "crypto_api").glob("*.c")))}
    selector = params(ROOT / "include" / "kcrypto" / "select.h")
    assert {"impl", "cpu_mask"} <= selector
    for arch, prims in arch_modules().items():
        d = next(k for k, v in ARCHES.items() if v == arch)
        for prim in prims:
            glue = ROOT / "arch" / d / f"{prim}-glue.c"
            assert "KCRYPTO_DEFINE_SELECTOR(" in glue.read_text(), glue
            mods[f"kcrypto_{prim}_{arch}"] = selector | params(glue)
    for src in (ROOT / "kunit").glob("kcrypto-*.c"):
        mods[src.stem.replace("-", "_")] = params(src)
    mods["kcrypto_test_provider"] = params(ROOT / "kunit" / "test-provider.c")
    return mods


def module_pattern(word):
    """A module named in the docs as a regex over module names: path and
    .ko dropped, '-' as '_', <placeholder>, '*' and '...' match any part."""
    word = word.rsplit("/", 1)[-1].removesuffix(".ko").replace("-", "_")
    parts = re.split(r"(<[^>]*>|\*|\.\.\.)", word)
    return re.compile("".join(r"\w+" if i % 2 else re.escape(p) for i, p in enumerate(parts)))


SYSFS_PARAM = re.compile(r"/sys/module/([\w<>.*-]+)/parameters/([\w<>]+)")
LOAD_PARAM = re.compile(r"\b(?:modprobe|insmod|options)\s+(?:-\S+\s+)*([\w<>./*-]+)((?:\s+[A-Za-z_]\w*=\S*)+)")
CMDLINE_PARAM = re.compile(r"(?<![\w./-])(kcrypto\w*)\.([a-z_]\w*)=")


def params_named(text):
    """(module word, parameter, known module required) named in @text."""
    for m in SYSFS_PARAM.finditer(text):
        yield m.group(1), m.group(2), True
    for m in LOAD_PARAM.finditer(text):
        for p in re.findall(r"\s([A-Za-z_]\w*)=", m.group(2)):
            yield m.group(1), p, True
    for m in CMDLINE_PARAM.finditer(text):
        yield m.group(1), m.group(2), False     # kcrypto_matrix.<key>= is not a module


@pytest.mark.parametrize("doc", DOCS + TOP_DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_module_params_exist(doc):
    mods, bad = module_params(), []
    named = [(n, *p) for n, text in code_texts(doc) for p in params_named(text)]
    # "the module parameter `flip_ms`": a parameter of some module.
    named += [(n, "*", m.group(1), True) for n, line in prose_lines(doc, raw=True)
              for m in re.finditer(r"\b[Pp]arameters? `(\w+)`", line)]
    for n, word, param, need_module in named:
        if param.startswith("<") or (word.replace("-", "_"), param) in KERNEL_PARAMS:
            continue
        rx = module_pattern(word)
        matching = [m for m in mods if rx.fullmatch(m)]
        if not matching:
            if need_module:
                bad.append(f"{doc.name}:{n}: {word}: no such module")
        elif not any(param in mods[m] for m in matching):
            bad.append(f"{doc.name}:{n}: {word} has no parameter {param}")
    assert not bad, "\n".join(bad)


SCENARIO_NAMED = [
    re.compile(r"--scenario[= ]([\w,<>-]+)"),
    re.compile(r"\bKCRYPTO_(?:MATRIX|DISTRO)_SCENARIOS=([\w,-]+)"),
    re.compile(r"[Ss]cenarios? `([\w-]+)`"),
    re.compile(r"\b(S\d\w*)\b"),
]


def known_scenarios():
    """{id or readable name: id} a doc may use: the scenario table
    (scripts/matrix/scenarios.py), for ids whose qemu/guest/<id>.sh exists,
    and the runner's own verdicts (e.g. "build", a build-only kernel's
    module build)."""
    import sys
    sys.path.insert(0, str(ROOT / "scripts"))
    from matrix import scenarios
    guest = {p.stem for p in (ROOT / "qemu" / "guest").glob("*.sh")} - {"lib"}
    have = {}
    for s in scenarios.TABLE:
        if s.id in guest or not s.guest:
            have[s.id] = have[s.name] = s.id
    return have


@pytest.mark.parametrize("doc", DOCS + TOP_DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_scenarios_exist(doc):
    have = known_scenarios()
    bad = []
    for n, line in enumerate(doc.read_text().splitlines(), 1):
        for rx in SCENARIO_NAMED:
            for m in rx.finditer(line):
                for name in m.group(1).split(","):
                    if name and not name.startswith("<") and name != "S" and name not in have:
                        bad.append(f"{doc.name}:{n}: scenario {name}: no qemu/guest/{name}.sh "
                                   "and no such name in scripts/matrix/scenarios.py")
    assert not bad, "\n".join(bad)


TOP_DIRS = sorted(p.name for p in ROOT.iterdir()
                  if p.is_dir() and not p.name.startswith(".") and p.name != "build")
# A repository path in code: starts with a top-level directory, not inside
# an absolute or home path; {a,b} alternatives, <placeholders> and globs.
REPO_PATH = re.compile(r"(?<![\w./~$-])((?:%s)/(?:[^\s`'\"(),;:|{}\[\]]|\{[^{}\s]*\})*)" % "|".join(TOP_DIRS))
# Paths of the kernel source tree that the docs quote as such (comparison.md
# against upstream, distro.md and the developer guide on the kernel's tools);
# they are not in this repository.  comparison.md names the kernel's
# CRYPTOGAMS-derived Poly1305 file only to say what upstream ships; kcrypto
# contains no code from it or from any other project.
KERNEL_TREE_PATHS = {
    "arch/x86/crypto/", "arch/x86/crypto/poly1305-x86_64-cryptogams.pl",
    "arch/arm64/kernel/patching.c", "include/crypto/", "include/crypto/chacha.h",
    "scripts/checkpatch.pl", "scripts/sign-file",
}


def path_globs(path):
    path = re.sub(r"<[^>]*>", "*", path).replace("...", "*")
    m = re.search(r"\{([^{}]*)\}", path)
    if not m:
        return [path]
    return [g for alt in m.group(1).split(",") for g in path_globs(path[:m.start()] + alt + path[m.end():])]


def built_from(path):
    """A module path (.ko, a build output) as the source it is built from."""
    m = re.fullmatch(r"(arch/[^/]+)/kcrypto-(.+?)(?:-[^-/]+)?\.ko", path)
    if m:
        return f"{m.group(1)}/{m.group(2)}-glue.c"
    m = re.fullmatch(r"((?:kunit|examples)/.+)\.ko", path)
    return f"{m.group(1)}.c" if m else path


@pytest.mark.parametrize("doc", DOCS + TOP_DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_repo_paths_exist(doc):
    assert {"scripts", "arch", "Documentation"} <= set(TOP_DIRS)
    bad = []
    for n, text in code_texts(doc):
        for m in REPO_PATH.finditer(text):
            path = m.group(1).rstrip(".")
            if "$" in path or path in KERNEL_TREE_PATHS:
                continue
            globs = path_globs(built_from(path))
            # Plain {a,b} alternatives must all exist; with a glob, one will do.
            found = [bool(glob.glob(str(ROOT / g))) for g in globs]
            if not (any(found) if any("*" in g for g in globs) else all(found)):
                bad.append(f"{doc.name}:{n}: {path}: not in the repository")
    assert not bad, "\n".join(bad)


# --- self-contained ---------------------------------------------------------------

# The planning documents and tracker issues behind the early work are not
# part of the repository: refer to the fact or the topic, not to them.
PROVENANCE = re.compile(r"\b(?:DESIGN|STYLE)\.md\b|\b[Ii]ssues?[ -]?#?\d"
                        r"|(?:\b(?:[Ff]ix(?:es|ed)?|[Cc]loses?|[Ss]ee|[Rr]efs?)\s+|\()#\d+\b")
# Files another change in flight still has to clean up, each with the
# reason; the test fails once a file here is clean, so the entry goes too.
PROVENANCE_PENDING = {
    # The kernel cache key hashes the fragments byte for byte: a comment
    # edit rebuilds every cached kernel, so these wait for the next real
    # config change.
    "qemu/config/arm64-6.1.config": "cache key; reworded with the next config change",
    "qemu/config/base.config": "cache key; reworded with the next config change",
    "qemu/config/debug.config": "cache key; reworded with the next config change",
}


def repo_text_files():
    files = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"],
                           cwd=ROOT, capture_output=True, text=True, check=True).stdout.split("\n")
    for name in filter(None, files):
        path = ROOT / name
        # vectors/: third-party data, kept byte for byte as published.
        if name.startswith("vectors/") or not path.is_file():
            continue
        data = path.read_bytes()
        if b"\0" not in data:
            yield name, data.decode("utf-8", "replace")


def test_no_references_outside_the_repository():
    found = {}
    for name, text in repo_text_files():
        for n, line in enumerate(text.splitlines(), 1):
            if PROVENANCE.search(line):
                found.setdefault(name, []).append(f"{name}:{n}: {line.strip()[:100]}")
    bad = [l for name, lines in sorted(found.items()) if name not in PROVENANCE_PENDING for l in lines]
    assert not bad, "\n".join(bad)
    stale = sorted(set(PROVENANCE_PENDING) - set(found))
    assert not stale, f"clean now, drop from PROVENANCE_PENDING: {stale}"


# --- version and license -----------------------------------------------------------

def test_version_agrees():
    version = (ROOT / "VERSION").read_text().strip()
    assert re.fullmatch(r"\d+\.\d+(\.\d+)?", version), f"VERSION: {version!r}"
    dkms = re.search(r'^PACKAGE_VERSION="(.+)"$', (ROOT / "dkms.conf").read_text(), re.M).group(1)
    entries = [m.group(2) for _, l in prose_lines(ROOT / "CHANGELOG.md", raw=True)
               if (m := HEADING.match(l)) and len(m.group(1)) == 2]
    assert entries, "CHANGELOG.md: no '## <version>' entry"
    newest = entries[0].split()[0]
    assert version == dkms == newest, \
        f"VERSION {version}, dkms.conf PACKAGE_VERSION {dkms}, newest CHANGELOG.md entry {newest}"
    for src in sorted((ROOT / "lib_crypto").glob("*.c")):
        for v in re.findall(r'MODULE_VERSION\("([^"]*)"\)', src.read_text()):
            assert v == version, f"{src.name}: MODULE_VERSION {v}, VERSION {version}"


# Docs that still name an older version, being edited elsewhere; the test
# fails once they are right, so the entry goes too.
VERSION_PENDING = set()


def test_docs_name_the_current_version():
    """`dkms remove kcrypto/<version>`, /usr/src/kcrypto-<version>: the
    version the docs spell out is the one in VERSION."""
    version = (ROOT / "VERSION").read_text().strip()
    wrong = {}
    for doc in DOCS + TOP_DOCS:
        for n, text in code_texts(doc):
            for v in re.findall(r"\bkcrypto[/-](\d+\.\d+(?:\.\d+)?)\b", text):
                if v != version:
                    wrong.setdefault(str(doc.relative_to(ROOT)), []).append(f"{doc.name}:{n}: {v}")
    bad = [l for name, lines in sorted(wrong.items()) if name not in VERSION_PENDING for l in lines]
    assert not bad, f"VERSION is {version}:\n" + "\n".join(bad)
    stale = sorted(VERSION_PENDING - set(wrong))
    assert not stale, f"right now, drop from VERSION_PENDING: {stale}"


def test_licenses_cover_spdx_identifiers():
    copying = (ROOT / "COPYING").read_text()
    ids = set()
    for name, text in repo_text_files():
        for m in re.finditer(r"SPDX-License-Identifier:\s*([\w.+ -]+?)\s*(?:\*/|-->|\\n|'|$)", text, re.M):
            ids |= set(re.split(r"\s+(?:OR|AND|WITH)\s+", m.group(1).strip()))
    assert "GPL-2.0" in ids, ids
    missing = [i for i in sorted(ids) if not (ROOT / "LICENSES" / f"{i}.txt").exists()]
    assert not missing, f"no LICENSES/<id>.txt for {missing}"
    unnamed = [i for i in sorted(ids) if i not in copying]
    assert not unnamed, f"COPYING does not mention {unnamed}"
