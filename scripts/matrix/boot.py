# SPDX-License-Identifier: GPL-2.0
"""One QEMU boot of a guest initramfs: the command line, the time limits
(per scenario, silent console, whole boot) and the verdicts of the console
log (console.py)."""
import re
import subprocess
import time
from pathlib import Path

from . import console
from .common import REPO, Timer


def tcg_thread(choice, a, bind):
    """TCG threading for a cell.  auto: single-threaded for x86_64 ffp.

    Its static_call sites are rewritten by text_poke_bp() while the other
    vCPU runs them (S5/S6/stress).  QEMU 7.2's multi-threaded TCG can then
    execute a stale translation of the temporary int3, after the kernel has
    finished patching: "Oops: int3" at a site that already holds the new
    call (Documentation/reliability.md).  One host thread keeps QEMU's code
    invalidation exact; the vCPUs still interleave at translation-block
    boundaries and the guest still preempts and takes interrupts."""
    if choice != "auto":
        return choice
    return "single" if a.karch == "x86" and bind == "ffp" else "multi"


def qemu_cmd(a, kst, initrd, cmdline, cpu, kvm, thread="multi"):
    cmd = [a.qemu, "-M", a.machine, "-smp", "2", "-m", "1G",
           "-nographic", "-monitor", "none", "-no-reboot",
           "-kernel", kst["image"], "-initrd", str(initrd), "-append", cmdline]
    if kvm and Path("/dev/kvm").exists() and a.karch == "x86":
        cmd += ["-accel", "kvm", "-cpu", "host" if cpu == a.cpu else cpu]
    else:
        cmd += ["-accel", f"tcg,thread={thread}", "-cpu", cpu]
    return cmd


def boot(a, kst, initrd, scens, kind, logf, timeout, variant, kvm, silence=300,
         icount=False, guest_args=(), thread="multi"):
    """Boot `a` (common.Arch) with kernel stamp `kst` and `initrd`, run the
    guest scenarios `scens` (ids) on boot `kind` ("main" or "s4"); return the
    boot record with "verdicts" [(id, status, reason, console.Scen|None)]."""
    cpu = a.s4_cpu if kind == "s4" else a.cpu
    cmdline = (f"console={a.console} panic=-1 oops=panic printk.devkmsg=on loglevel=7 "
               f"kcrypto_matrix.boot={kind} kcrypto_matrix.scenarios={','.join(scens)}")
    if variant == "debug":
        cmdline += " panic_on_warn=1"
    for ga in guest_args:
        cmdline += f" kcrypto_matrix.{ga}"
    cmd = qemu_cmd(a, kst, initrd, cmdline, cpu, kvm and not icount, thread)
    if icount:
        # Deterministic virtual time: one instruction = one ns; guest
        # timings are then instruction counts (the in-kernel benchmarks).  One
        # vCPU: qemu-system-arm 7.2 hangs at boot with -smp 2 -icount, and
        # counts are cleaner without a second CPU.
        cmd += ["-icount", "shift=0"]
        cmd[cmd.index("-smp") + 1] = "1"
    t = Timer()
    timed_out = False
    with open(logf, "w") as lf:
        lf.write("# " + " ".join(cmd) + "\n")
        lf.flush()
        p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=lf, stderr=subprocess.STDOUT)
        # Slow is not hung.  Three limits, each named in the verdict when it
        # fires: per scenario (`timeout` s from its BEGIN token; the boot up
        # to the first scenario counts as one), a silent console (a hung
        # kernel prints nothing, every scenario step prints a token), and a
        # cap on the whole boot of one scenario limit per scenario plus one.
        size, quiet_since = -1, time.monotonic()
        cap = timeout * (len(scens) + 1)
        scen, scen_since, seen = "boot", time.monotonic(), 0
        with open(logf, "rb") as rf:
            while True:
                try:
                    rc = p.wait(timeout=2)
                    break
                except subprocess.TimeoutExpired:
                    pass
                now = time.monotonic()
                cur = logf.stat().st_size
                if cur != size:
                    size, quiet_since = cur, now
                    seen = min(seen, cur)
                    rf.seek(seen)
                    chunk = rf.read(cur - seen)
                    # Only whole lines: a token may be half written.
                    chunk = chunk[:chunk.rfind(b"\n") + 1]
                    seen += len(chunk)
                    for m in re.finditer(rb"KCM: BEGIN (\S+)", chunk):
                        scen, scen_since = m.group(1).decode(errors="replace"), now
                if now - scen_since > timeout:
                    timed_out = f"{scen} over its {timeout}s scenario limit"
                elif now - quiet_since > silence:
                    timed_out = f"console silent for {silence}s in {scen}"
                elif t.s > cap:
                    timed_out = f"boot over its {cap}s limit ({len(scens)} scenarios)"
                if timed_out:
                    p.kill()
                    rc = p.wait()
                    break
    text = logf.read_text(errors="replace")
    c = console.parse(text)
    verdicts = console.evaluate(c, scens, kst["src"], timed_out, timeout, rc)
    return {"kind": kind, "cpu": cpu, "tcg_thread": None if "kvm" in cmd else thread,
            "seconds": round(t.s, 1), "timed_out": timed_out,
            "rc": rc, "done": c.done, "log": str(logf.relative_to(REPO)), "boot": c.boot,
            "verdicts": verdicts, "console": c}
