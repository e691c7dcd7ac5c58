#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Count the guest instructions a cross driver executes between its marks.

    harness/cross/icount.py arm64|arm BINARY ARGS...

BINARY (a harness/cross driver in bench mode) prints "marks BEGIN END",
the addresses of two empty noinline functions it calls around the work.
qemu-user runs it one instruction per translation block with chaining off,
logging every block it executes, so the log has one line per executed
instruction; the count is the number of lines from the first BEGIN to the
next END (the two marks' own instructions included, a constant 1-2).
"""
import os
import re
import subprocess
import sys
import tempfile

QEMU = {"arm64": "qemu-aarch64", "arm": "qemu-arm"}


def count(arch, argv):
    with tempfile.TemporaryDirectory() as tmp:
        log = os.path.join(tmp, "exec.log")
        out = subprocess.run([QEMU[arch], "-singlestep", "-d", "exec,nochain",
                              "-D", log] + argv, check=True,
                             capture_output=True, text=True).stdout
        m = re.search(r"marks (0x[0-9a-f]+) (0x[0-9a-f]+)", out)
        if not m:
            raise SystemExit("no marks in output: " + out)
        # Thumb function addresses have bit 0 set; the PC does not.
        begin, end = int(m.group(1), 16) & ~1, int(m.group(2), 16) & ~1
        n, inside = 0, False
        pc_re = re.compile(r"^Trace \d+: \S+ \[[0-9a-f]+/([0-9a-f]+)/")
        with open(log) as f:
            for line in f:
                mm = pc_re.match(line)
                if not mm:
                    continue
                pc = int(mm.group(1), 16)
                if not inside:
                    inside = pc == begin
                    continue
                if pc == end:
                    return n
                n += 1
        raise SystemExit("end mark not reached")


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] not in QEMU:
        raise SystemExit(__doc__)
    print(count(sys.argv[1], sys.argv[2:]))
