# SPDX-License-Identifier: GPL-2.0
"""kcrypto QEMU matrix: kernel builds, guest initramfs, boots, result grid.

Entry points: scripts/kernel-build, scripts/initramfs, scripts/qemu-matrix.
Per-arch data lives in qemu/arches.json, kernel config in qemu/config/.
"""
