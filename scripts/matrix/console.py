# SPDX-License-Identifier: GPL-2.0
"""Parse a guest console log (qemu/guest/init tokens + kernel output) into
per-scenario results, and KTAP segments through the kernel tree's kunit.py."""
import json
import re
import subprocess
import tempfile
from pathlib import Path

TS = re.compile(r"^\[\s*(\d+)\.(\d+)\]\s?")
# Kept in sync with BADLOG in qemu/guest/lib.sh: host-side check, for the
# case where the guest could not report any more.
BAD = re.compile(r"WARNING:|BUG:|Oops|Kernel panic|Call Trace:|general protection|KASAN|UBSAN|"
                 r"refcount_t:|list_add corruption|list_del corruption|possible recursive locking|"
                 r"circular locking|INFO: task .* blocked|kmemleak: .* new suspected|invoked oom-killer|Out of memory")


class Scen:
    def __init__(self, name):
        self.name = name
        self.result = None          # "PASS" / "FAIL" from the guest
        self.reason = ""
        self.bindings = ""
        self.time_ms = None
        self.notes = []             # INFO / CMD / OUT / VEC lines
        self.bad = []               # suspicious kernel lines seen in this section
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


def parse(text):
    c = Console()
    cur = None
    ktap = None
    for raw in text.splitlines():
        line = raw.rstrip("\r")
        if line.strip():
            c.last_line = line
        i = line.find("KCM: ")
        if i < 0:
            if ktap is not None:
                ktap[1].append(line)
            if BAD.search(line):
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
                why = f"not reached: guest hung ({timed_out}, limit {timeout}s){_where(c)}"
            else:
                why = f"not reached: guest crashed or stopped (qemu rc={rc}){_where(c)}"
            out.append((name, "FAIL", why, None))
            continue
        reasons = []
        if s.result is None:
            if timed_out:
                reasons.append(f"guest hung in {name} ({timed_out}, limit {timeout}s)")
            else:
                reasons.append(f"guest crashed in {name} (qemu rc={rc})")
            if s.bad:
                reasons.append("kernel: " + s.bad[0][:160])
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


def _where(c):
    return f"; last line: {c.last_line.strip()[:160]}" if c.last_line else ""
