#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Instructions per byte of each Poly1305 core vs generic, counted under
# qemu-user: -singlestep makes every translation block one instruction
# and -d exec,nochain logs each executed block, so the log's "Trace"
# lines count executed instructions.  A run with 0 iterations is
# subtracted.  Usage: [LENS="64 256"] harness/cross/poly1305-count.sh [arm64|arm]...
set -eu
cd "$(dirname "$0")/../.."
out=${TMPDIR:-/tmp}/kcrypto-count.$$
mkdir -p "$out"
trap 'rm -rf "$out"' EXIT

count() { # qemu binary args...
	q=$1; shift
	"$q" -singlestep -d exec,nochain -D "$out/log" "$@" || true
	grep -c '^Trace' "$out/log"
}

for arch in ${*:-arm64 arm}; do
	case $arch in
	arm64) cc="aarch64-linux-gnu-gcc"; q=qemu-aarch64 ;;
	arm) cc="arm-linux-gnueabihf-gcc -mfpu=neon"; q=qemu-arm ;;
	*) echo "unknown arch $arch" >&2; exit 2 ;;
	esac
	$cc -O2 -static -Iinclude -Iharness/shim -Ilib_crypto -Iarch/$arch \
		-o "$out/pc" harness/cross/poly1305-count.c \
		$(ls arch/$arch/poly1305-*.c | grep -v -- -glue.c) \
		lib_crypto/poly1305.c
	n=$($cc -O2 -Iinclude -Iharness/shim -Iarch/$arch -E -dM \
		-x c /dev/null >/dev/null; ls arch/$arch/poly1305-cores.c >/dev/null && \
		grep -c '\.name' arch/$arch/poly1305-cores.c)
	core=-1
	while [ $core -lt "$n" ]; do
		line="$arch poly1305 core $core:"
		for len in ${LENS:-64 256 1424 4096 16384}; do
			a=$(count $q "$out/pc" $core $len 0)
			b=$(count $q "$out/pc" $core $len 4)
			line="$line $len=$(awk "BEGIN{printf \"%.3f\", ($b-$a)/4/$len}")"
		done
		echo "$line"
		core=$((core + 1))
	done
done
