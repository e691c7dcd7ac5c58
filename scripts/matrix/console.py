# SPDX-License-Identifier: GPL-2.0
"""Parse a guest console log (qemu/guest/init tokens + kernel output) into
per-scenario results, and KTAP segments through the kernel tree's kunit.py."""
import json
import re
import subprocess
import tempfile
from pathlib import Path

TS = re.compile(r"^\[\s*(\d+)\.(\d+)\]\s?")
# The kernel log lines that fail the scenario they appear in: the one list
# of the Python side (parse() below; everything else imports BAD or
# BAD_PATTERNS from here).  The guest has the same list as BADLOG in
# qemu/guest/lib.sh (grep -E, checked in the guest while it can still
# report); this is the host-side check, for when it could not any more.
# tests/test_matrix_py.py fails when the two differ.  Extended regexes that
# mean the same in Python and in grep -E.
BAD_PATTERNS = (
    r"WARNING:",                     # WARN_ON(), WARN()
    r"BUG:",                         # BUG(), "BUG: KASAN", "BUG: sleeping function ..."
    r"Oops",                         # oops (also "Oops: int3")
    r"Kernel panic",
    r"Call Trace:",                  # any stack dump
    r"general protection",           # x86 #GP
    r"KASAN",
    r"UBSAN",
    r"refcount_t:",                  # refcount saturation / use after free
    r"list_add corruption",          # CONFIG_DEBUG_LIST
    r"list_del corruption",
    r"possible recursive locking",   # lockdep
    r"circular locking",             # lockdep
    r"INFO: task .* blocked",        # hung task detector
    r"kmemleak: .* new suspected",   # kmemleak scan found leaks
    r"invoked oom-killer",
    r"Out of memory",
)
BAD = re.compile("|".join(BAD_PATTERNS))


def is_bad(line):
    """Does this kernel log line fail the scenario it appears in?"""
    return BAD.search(line) is not None


class Scen:
    def __init__(self, name):
        self.name = name
        self.result = None          # "PASS" / "FAIL" from the guest
        self.reason = ""
        self.bindings = ""
        self.time_ms = None
        self.notes = []             # INFO / CMD / OUT / VEC lines
        self.bad = []               # suspicious kernel lines seen in this section
        self.bad_at = None          # index (Console.lines) of the first of them
        self.ktap = []              # [(module, [lines], closed, rc)]
        self.kunit = []             # evaluated KTAP segments


class Console:
    def __init__(self):
        self.boot = ""
        self.done = False
        self.scen = {}
        self.order = []
        self.preamble_bad = []
        self.dep = []
        self.conf = []
        self.boot_notes = []
        self.last_line = ""
        self.lines = []
        self.preamble_bad_at = None


def parse(text):
    c = Console()
    cur = None
    ktap = None
    for raw in text.splitlines():
        line = raw.rstrip("\r")
        c.lines.append(line)
        if line.strip():
            c.last_line = line
        i = line.find("KCM: ")
        if i < 0:
            if ktap is not None:
                ktap[1].append(line)
            if is_bad(line):
                if cur and cur.bad_at is None:
                    cur.bad_at = len(c.lines) - 1
                elif not cur and c.preamble_bad_at is None:
                    c.preamble_bad_at = len(c.lines) - 1
                (cur.bad if cur else c.preamble_bad).append(TS.sub("", line).strip())
            continue
        tok = line[i + 5:]
        kind, _, rest = tok.partition(" ")
        if kind == "BOOT":
            c.boot = rest
        elif kind == "DONE":
            c.done = True
            cur = None
        elif kind == "BEGIN":
            cur = c.scen.setdefault(rest.strip(), Scen(rest.strip()))
            if cur.name not in c.order:
                c.order.append(cur.name)
        elif kind == "DEP" and rest.startswith("BOOT "):
            c.dep.append(rest[5:])
        elif kind == "CONF" and rest.startswith("BOOT "):
            c.conf.append(rest[5:])
        else:
            name, _, rest2 = rest.partition(" ")
            s = c.scen.get(name)
            if s is None:
                if name == "BOOT":
                    c.boot_notes.append(f"{kind} {rest2}")
                continue
            if kind == "RESULT":
                st, _, why = rest2.partition(" ")
                s.result, s.reason = st, why
            elif kind == "BIND":
                s.bindings = rest2.strip()
            elif kind == "TIME":
                s.time_ms = int(rest2.strip().rstrip("ms") or 0)
            elif kind == "KTAP-BEGIN":
                ktap = [rest2.strip(), [], False, None]
                s.ktap.append(ktap)
            elif kind == "KTAP-END":
                if ktap is not None:
                    ktap[2] = True
                    m = re.search(r"rc=(-?\d+)", rest2)
                    ktap[3] = int(m.group(1)) if m else None
                ktap = None
            else:
                s.notes.append(f"{kind} {rest2}")
    return c


def _count(group, acc):
    for tc in group.get("test_cases", []):
        acc[tc["status"]] = acc.get(tc["status"], 0) + 1
    for g in group.get("sub_groups", []):
        _count(g, acc)
    return acc


def kunit_eval(lines, ksrc):
    """Strictly evaluate one module's KTAP with tools/testing/kunit/kunit.py parse.
    Returns (ok, summary)."""
    kunit_py = Path(ksrc) / "tools/testing/kunit/kunit.py"
    if not any("KTAP version" in l or "TAP version" in l for l in lines):
        return False, "no KTAP output"
    with tempfile.TemporaryDirectory() as td:
        inp, js = Path(td) / "ktap.log", Path(td) / "out.json"
        inp.write_text("\n".join(lines) + "\n")
        r = subprocess.run(["/usr/bin/python3", str(kunit_py), "parse", f"--json={js}", str(inp)],
                           capture_output=True, text=True, timeout=120)
        counts = {}
        if js.exists():
            try:
                _count(json.loads(js.read_text()), counts)
            except ValueError:
                pass
    total = sum(counts.values())
    summ = ", ".join(f"{v} {k.lower()}" for k, v in sorted(counts.items())) or "0 tests"
    if r.returncode != 0:
        tail = [re.sub(r"^\[\d\d:\d\d:\d\d\] ", "", l) for l in (r.stdout + r.stderr).splitlines()]
        tail = [l for l in tail if l.strip() and not l.startswith(("=====", "Test results stored"))][-2:]
        return False, f"kunit.py parse: failure ({summ}; {' | '.join(tail)[:300]})"
    if total == 0 or counts.get("PASS", 0) == 0:
        return False, f"no test case passed ({summ})"
    if counts.get("FAIL") or counts.get("ERROR"):
        return False, summ
    return True, summ


def evaluate(c, wanted, ksrc, timed_out=False, timeout=None, rc=None):
    """Final per-scenario verdicts: [(scen, status, reason, Scen|None)]."""
    out = []
    for name in wanted:
        s = c.scen.get(name)
        if s is None:
            if c.done:
                why = "guest finished without running it"
            elif timed_out:
                why = f"not reached: guest stopped by the host ({timed_out}){_where(c)}"
            else:
                why = f"not reached: guest crashed or stopped (qemu rc={rc}){_where(c)}"
                if c.preamble_bad_at is not None:
                    why += "; kernel: " + crash_excerpt(c, c.preamble_bad_at)
            out.append((name, "FAIL", why, None))
            continue
        reasons = []
        if s.result is None:
            if timed_out:
                reasons.append(f"guest stopped by the host in {name} ({timed_out})")
            else:
                reasons.append(f"guest crashed in {name} (qemu rc={rc})")
            if last_step(s):
                reasons.append(f"last step: {last_step(s)}")
            if s.bad:
                reasons.append("kernel: " + crash_excerpt(c, s.bad_at))
            reasons.append("console tail: " + tail(c))
        elif s.result != "PASS":
            reasons.append(s.reason or "guest reported failure")
        elif s.bad:
            reasons.append("kernel log: " + s.bad[0][:160])
        ksum = []
        for mod, lines, closed, krc in s.ktap:
            if not closed:
                ok, summ = False, "suite did not finish (guest died inside it)"
            else:
                ok, summ = kunit_eval(lines, ksrc)
            s.kunit.append((mod, ok, summ))
            ksum.append(f"{mod}: {summ}")
            if not ok:
                reasons.append(f"KUnit {mod}: {summ}")
        status = "FAIL" if reasons else "PASS"
        reason = "; ".join(reasons)
        if status == "PASS" and ksum:
            reason = "KUnit " + "; ".join(ksum)
        out.append((name, status, reason, s))
    return out


# Lines of an oops/panic report worth quoting in a one-line verdict.
CRASH_DETAIL = re.compile(r"RIP:|^\s*pc :|^\s*lr :|PC is at|LR is at|Modules linked in|"
                          r"Attempted to kill init|^\s*\??\s*\S+\+0x[0-9a-f]+/0x[0-9a-f]+")


def crash_excerpt(c, start, limit=12):
    """The report that begins at c.lines[start]: the first line, then the
    program counter / link register / module / first backtrace lines."""
    if start is None:
        return ""
    out = [TS.sub("", c.lines[start]).strip()]
    for line in c.lines[start + 1:start + 80]:
        body = TS.sub("", line).strip()
        if "KCM: " in line or not body:
            continue
        if CRASH_DETAIL.search(body):
            out.append(body[:140])
        if len(out) >= limit:
            break
    return " | ".join(out)


def tail(c, n=6):
    """The last n non-empty console lines (shell errors from init land here)."""
    body = [TS.sub("", l).strip() for l in c.lines if l.strip() and not l.startswith("# ")]
    return " | ".join(l[:120] for l in body[-n:])


def last_step(s):
    """The last command/info token the guest printed in scenario s."""
    for n in reversed(s.notes):
        if n.startswith(("CMD", "INFO")):
            return n[:160]
    return ""


def _where(c):
    return f"; last line: {c.last_line.strip()[:160]}" if c.last_line else ""
