# SPDX-License-Identifier: GPL-2.0
"""kcrypto QEMU matrix: kernel builds, guest initramfs, boots, result grid.

Entry points: scripts/kernel-build, scripts/initramfs, scripts/qemu-matrix.
Per-arch data lives in qemu/arches.json (common.Arch), kernel config in
qemu/config/, the scenario table in scenarios.py.

Modules, each importing only those listed after it (no cycle, not even
inside a function: tests/test_matrix_py.py checks):
  runner      scripts/qemu-matrix: arguments, the loop over cells, the summary line
  kernel      scripts/kernel-build: build and cache a test kernel (or distro's)
  distro      Debian's own kernels for the distro lane (cell.boot_prebuilt() boots them)
  cell        one cell: module build, vectors, initramfs, boots, verdicts, xfails
  report      results.json, grid.md, grid.html, failing cells' logs
  boot        one QEMU boot: command line, time limits, console verdicts
  initramfs   scripts/initramfs: the guest initramfs
  guestbin    the guests' AF_ALG clients, cross-built (kcrypto-kcapi in a trixie sysroot)
  debarchive  packages of newer Debian suites through a private apt list
  scenarios   the scenario table: id, readable name, default, binding, boot
  console     console log parsing and judging; the kernel-log failure patterns
  common      paths, kernel/cell tables, Arch (qemu/arches.json), helpers
"""
