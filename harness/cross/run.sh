#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Cross-build the arm64 / 32-bit arm cores with the portable lib_crypto
# code and run each harness/cross/*-test.c driver under qemu-user.
#
#   harness/cross/run.sh [arm64|arm ...]      (default: both)
#
# By default a driver is linked with every portable lib_crypto file, every
# core of the arch (arch/<arch>/*.c but the kernel-only glue), the core
# table rules (lib_crypto/core-table.c, always) and weak
# stubs of the dispatch points (lib_crypto/dispatch.h) that run the generic
# code; the driver defines the dispatch points it wants to steer.  A driver
# may narrow that in one comment line:
#   cross: lib=chacha,blake2s prims=chacha,blake2s
# lib: lib_crypto/<name>.c files; prims: arch/<arch>/<prim>-*.c cores (a
# prim without cores on an arch has none, so its table is absent: declare
# it weak in the driver).  The generic code is built the
# way the kernel builds it (arm64: -mgeneral-regs-only, arm: no NEON), the
# cores with NEON.  Each driver ends with "N passed, N failed"; the script
# prints the sum the same way and exits non-zero on any failure.
#
# Needs gcc-aarch64-linux-gnu, gcc-arm-linux-gnueabihf, qemu-user.
# Environment: VECTORS (default vectors), BUILD (default
# build/cross), CFLAGS_EXTRA.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VECTORS=${VECTORS:-$ROOT/vectors}
BUILD=${BUILD:-$ROOT/build/cross}
ARCHES=("$@")
[ ${#ARCHES[@]} -eq 0 ] && ARCHES=(arm64 arm)

# Per-file options of the userspace build, from the one place the harness
# reads them: set_source_files_properties(<dir>/FILE PROPERTIES
# COMPILE_OPTIONS "a;b") lines of arch/<arch>/sources.cmake.
file_flags() {
	sed -n "/\/$(basename "$2")\$/,/COMPILE_OPTIONS/s/.*COMPILE_OPTIONS \"\([^\"]*\)\".*/\1/p" \
		"$ROOT/arch/$1/sources.cmake" | tr ';' ' '
}

total_pass=0
total_fail=0

for arch in "${ARCHES[@]}"; do
	case $arch in
	arm64)
		CC=aarch64-linux-gnu-gcc QEMU=qemu-aarch64
		GENFLAGS="-mgeneral-regs-only" COREFLAGS="" ;;
	arm)
		CC=arm-linux-gnueabihf-gcc QEMU=qemu-arm
		GENFLAGS="" COREFLAGS="-march=armv7-a -mfpu=neon" ;;
	*)
		echo "unknown arch $arch"; exit 2 ;;
	esac
	if ! command -v "$CC" >/dev/null || ! command -v "$QEMU" >/dev/null; then
		echo "cross: $CC or $QEMU missing"
		total_fail=$((total_fail + 1))
		continue
	fi
	for drv in "$ROOT"/harness/cross/*-test.c; do
		name=$(basename "$drv" .c)
		out=$BUILD/$arch/$name
		mkdir -p "$out"
		spec=$(sed -n 's/.*cross: *//p' "$drv" | head -n1)
		libs=$(sed -n 's/.*lib=\([^ ]*\).*/\1/p' <<<"$spec" | tr , ' ')
		prims=$(sed -n 's/.*prims=\([^ ]*\).*/\1/p' <<<"$spec" | tr , ' ')
		[ -z "$libs" ] && libs="chacha poly1305 blake2s x25519 chacha20poly1305"
		[ -z "$prims" ] && prims=$(ls "$ROOT"/arch/$arch/*.c 2>/dev/null |
			sed -n 's|.*/\([a-z0-9]*\)-[^/]*\.c$|\1|p' | sort -u)
		INC="-I$ROOT/include -I$ROOT/harness/shim -I$ROOT/lib_crypto -I$ROOT/arch/$arch"
		CF="-O2 -std=gnu11 -Wall -Wextra -Wno-unused-parameter ${CFLAGS_EXTRA:-}"
		objs=()
		ok=1
		for l in $libs; do
			$CC $CF $GENFLAGS $INC -c "$ROOT/lib_crypto/$l.c" -o "$out/lib-$l.o" || ok=0
			objs+=("$out/lib-$l.o")
		done
		# Always: the kernel's core-table rules (kcrypto_core_usable() ...).
		$CC $CF $GENFLAGS $INC -c "$ROOT/lib_crypto/core-table.c" \
			-o "$out/core-table.o" || ok=0
		objs+=("$out/core-table.o")
		for p in $prims; do
			for src in "$ROOT"/arch/$arch/$p-*.c; do
				[ -e "$src" ] || continue
				case $src in *-glue.c | *-select.c) continue ;; esac
				o=$out/$(basename "$src" .c).o
				$CC $CF $COREFLAGS $(file_flags "$arch" "$src") $INC \
					-c "$src" -o "$o" || ok=0
				objs+=("$o")
			done
		done
		$CC $CF $INC -c "$drv" -o "$out/$name.o" || ok=0
		cat >"$out/stubs.c" <<'STUBS'
#include "dispatch.h"
#define W __attribute__((weak))
#ifdef HAVE_chacha
W void kcrypto_chacha_crypt(struct kcrypto_chacha_state *st, u8 *dst,
			    const u8 *src, size_t len, int nrounds)
{ kcrypto_chacha_crypt_generic(st, dst, src, len, nrounds); }
#endif
#ifdef HAVE_poly1305
W void kcrypto_poly1305_blocks(struct kcrypto_poly1305_state *st,
			       const u8 *src, size_t len, u32 hibit)
{ kcrypto_poly1305_blocks_generic(st, src, len, hibit); }
#endif
#ifdef HAVE_blake2s
W void kcrypto_blake2s_compress(struct kcrypto_blake2s_ctx *ctx,
				const u8 *block, size_t nblocks, u32 inc)
{ kcrypto_blake2s_compress_generic(ctx, block, nblocks, inc); }
#endif
#ifdef HAVE_x25519
W void kcrypto_x25519_scalarmult(u8 out[KCRYPTO_X25519_KEY_SIZE],
				 const u8 scalar[KCRYPTO_X25519_KEY_SIZE],
				 const u8 point[KCRYPTO_X25519_KEY_SIZE])
{ kcrypto_x25519_generic(out, scalar, point); }
#endif
#ifdef HAVE_chacha20poly1305
/* lib_crypto/aead.h: the kernel counts rejected tags in debugfs. */
unsigned long kcrypto_cross_aead_rejected;
W void kcrypto_aead_rejected(void) { kcrypto_cross_aead_rejected++; }
#endif
STUBS
		# Only the stubs whose generic function is linked.
		sdef=""
		for l in $libs; do sdef="$sdef -DHAVE_$l"; done
		$CC $CF $sdef $INC -c "$out/stubs.c" -o "$out/stubs.o" || ok=0
		objs+=("$out/stubs.o")
		if [ $ok = 1 ] && $CC -static -o "$out/$name" "$out/$name.o" "${objs[@]}"; then
			log=$out/$name.log
			(cd "$ROOT" && $QEMU "$out/$name" "$VECTORS") >"$log" 2>&1
			rc=$?
			grep -Ev '^(chacha|blake2s|poly1305|x25519) |^[0-9]+ passed, ' "$log" | tail -n 40
			line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n1)
			p=$(awk '{print $1}' <<<"$line")
			f=$(awk '{print $3}' <<<"$line")
			[ -z "$p" ] && { p=0; f=1; }
			[ $rc -ne 0 ] && [ "$f" = 0 ] && f=1
			echo "cross $arch $name: $p passed, $f failed"
			total_pass=$((total_pass + p))
			total_fail=$((total_fail + f))
		else
			echo "cross $arch $name: build failed"
			total_fail=$((total_fail + 1))
		fi
	done
done
echo "$total_pass passed, $total_fail failed"
[ $total_fail -eq 0 ]
