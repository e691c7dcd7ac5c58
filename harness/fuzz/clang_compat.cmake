# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# Included by harness/fuzz and harness/ct when the compiler is clang, to
# build sources written for GCC (the kernel's compiler) unchanged:
# - the x86 cores select their ISA with "#pragma GCC target(...)", which clang ignores
#   (-Wunknown-pragmas, an error with -Werror).  For this build only, each
#   such pragma becomes the equivalent -m flags on its file;
# - and poly1305-avx2.c uses GCC's __builtin_shuffle: clang_compat.h spells it.
# The GCC build (default, kernel) is unaffected.
foreach(_s IN LISTS _arch_srcs)
  if(NOT _s MATCHES "\\.c$")
    continue()
  endif()
  file(STRINGS "${_s}" _pragmas REGEX "^#pragma GCC target")
  set(_flags "")
  foreach(_p IN LISTS _pragmas)
    if(_p MATCHES "target\\(\"([^\"]*)\"\\)")
      string(REPLACE "," ";" _isas "${CMAKE_MATCH_1}")
      foreach(_isa IN LISTS _isas)
        list(APPEND _flags "-m${_isa}")
      endforeach()
    endif()
  endforeach()
  if(_pragmas)
    list(REMOVE_DUPLICATES _flags)
    set_property(SOURCE "${_s}" DIRECTORY "${PROJECT_SOURCE_DIR}" APPEND
                 PROPERTY COMPILE_OPTIONS -Wno-unknown-pragmas ${_flags})
  endif()
  # GCC's __builtin_shuffle (poly1305-avx2.c): see clang_compat.h.
  file(STRINGS "${_s}" _shuffle REGEX "__builtin_shuffle\\(")
  if(_shuffle)
    set_property(SOURCE "${_s}" DIRECTORY "${PROJECT_SOURCE_DIR}" APPEND
                 PROPERTY COMPILE_OPTIONS
                 -include "${CMAKE_CURRENT_LIST_DIR}/clang_compat.h")
  endif()
endforeach()

