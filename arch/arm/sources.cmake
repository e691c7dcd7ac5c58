# SPDX-License-Identifier: GPL-2.0
# Cores for the userspace harness: every source of this arch directory
# except the kernel-only glue.  Per-file flags, if any, are set below.
file(GLOB KCRYPTO_ARCH_SOURCES CONFIGURE_DEPENDS
     ${CMAKE_CURRENT_LIST_DIR}/*.c ${CMAKE_CURRENT_LIST_DIR}/*.S)
list(FILTER KCRYPTO_ARCH_SOURCES EXCLUDE REGEX ".*-(glue|select)\\.c$")
# Poly1305 NEON core: arm_neon.h needs NEON enabled (armhf defaults to VFP).
set_source_files_properties(${CMAKE_CURRENT_LIST_DIR}/poly1305-neon.c
  PROPERTIES COMPILE_OPTIONS "-mfpu=neon")
# ChaCha NEON core: NEON on, and no pre-allocation scheduling (it spills the
# 16 q registers; see flags.kbuild).
set_source_files_properties(${CMAKE_CURRENT_LIST_DIR}/chacha-neon.c
  PROPERTIES COMPILE_OPTIONS "-mfpu=neon;-fno-schedule-insns")
# X25519 NEON core: NEON on, no pre-allocation scheduling (see flags.kbuild).
set_source_files_properties(${CMAKE_CURRENT_LIST_DIR}/x25519-neon.c
  PROPERTIES COMPILE_OPTIONS "-mfpu=neon;-fno-schedule-insns")
