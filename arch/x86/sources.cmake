# SPDX-License-Identifier: GPL-2.0
# x86_64 cores for the userspace harness: every arch/x86 source except the
# kernel-only glue and the generated <prim>-select.c wrappers of a kernel
# build in the same tree.  Cores select their ISA with target attributes/pragmas,
# so they need no per-file flags, here or in Kbuild.
file(GLOB KCRYPTO_ARCH_SOURCES CONFIGURE_DEPENDS
     ${CMAKE_CURRENT_LIST_DIR}/*.c ${CMAKE_CURRENT_LIST_DIR}/*.S)
list(FILTER KCRYPTO_ARCH_SOURCES EXCLUDE REGEX ".*-(glue|select)\\.c$")
