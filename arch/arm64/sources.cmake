# SPDX-License-Identifier: GPL-2.0
# Cores for the userspace harness: every source of this arch directory
# except the kernel-only glue.  Per-file flags, if any, are set below.
file(GLOB KCRYPTO_ARCH_SOURCES CONFIGURE_DEPENDS
     ${CMAKE_CURRENT_LIST_DIR}/*.c ${CMAKE_CURRENT_LIST_DIR}/*.S)
list(FILTER KCRYPTO_ARCH_SOURCES EXCLUDE REGEX ".*-(glue|select)\\.c$")
