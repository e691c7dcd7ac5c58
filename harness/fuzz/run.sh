#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# Build the libFuzzer targets (clang 14, ASan+UBSan) and run each one for
# FUZZ_SECONDS; print the executions per target, the total and the failures.
# Exit status: 0 when every target ran clean, 1 on any difference, sanitizer
# report or crash, 2 on a build or usage error.
#
#   harness/fuzz/run.sh                 # or: make fuzz FUZZ_SECONDS=N
#
# Environment (all optional):
#   FUZZ_SECONDS        seconds per target (default 60)
#   FUZZ_SECONDS_<t>    override for target <t> (e.g. FUZZ_SECONDS_x25519=30)
#   FUZZ_TARGETS        subset, e.g. "chacha aead" (default: all five)
#   FUZZ_MAX_LEN        libFuzzer -max_len (default 4096)
#   FUZZ_TIMEOUT        seconds one input may take before libFuzzer calls it
#                       a hang and fails the target (default 120)
#   FUZZ_BUILD          build directory (default <repo>/build/fuzz)
#   FUZZ_WORK           seeds, corpus, artifacts and logs (default FUZZ_BUILD)
#   FUZZ_BIN_DIR        where the binaries are (default FUZZ_BUILD/fuzz)
#   FUZZ_NO_BUILD=1     skip configure/build (the binaries must exist)
#   FUZZ_CC, FUZZ_CXX   compilers (default clang-14, clang++-14)
#   KCRYPTO_VECTORS_DIR vectors for the seed corpus (<repo>/vectors)
#   KCRYPTO_JOBS        build parallelism (default 2)
#
# Layout: FUZZ_BUILD/fuzz/kcrypto-fuzz-<t> (binaries); under FUZZ_WORK,
# seeds/<t> (from the vectors, refreshed each run), corpus/<t> (grows
# across runs), artifacts/<t>-crash-* (failing inputs), logs/<t>.log (the
# last run of <t>).
# Replay a failure: build/fuzz/fuzz/kcrypto-fuzz-<t> <artifact>
set -u

REPO=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${FUZZ_BUILD:-$REPO/build/fuzz}
WORK=${FUZZ_WORK:-$BUILD}
BIN=${FUZZ_BIN_DIR:-$BUILD/fuzz}
SECS=${FUZZ_SECONDS:-60}
TARGETS=${FUZZ_TARGETS:-chacha poly1305 aead blake2s x25519}
MAX_LEN=${FUZZ_MAX_LEN:-4096}
HANG=${FUZZ_TIMEOUT:-120}
VECTORS=${KCRYPTO_VECTORS_DIR:-$REPO/vectors}
JOBS=${KCRYPTO_JOBS:-2}
CC_=${FUZZ_CC:-clang-14}
CXX_=${FUZZ_CXX:-clang++-14}

case $SECS in
''|*[!0-9]*) echo "run.sh: FUZZ_SECONDS must be a number of seconds" >&2; exit 2;;
esac
case $HANG in
''|*[!0-9]*|0) echo "run.sh: FUZZ_TIMEOUT must be a positive number of seconds" >&2; exit 2;;
esac

if [ "${FUZZ_NO_BUILD:-0}" != 1 ]; then
	mkdir -p "$BUILD"
	cmake -S "$REPO/harness" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
		-DCMAKE_C_COMPILER="$CC_" -DCMAKE_CXX_COMPILER="$CXX_" \
		-DKCRYPTO_FUZZ=ON -DKCRYPTO_BUILD_TESTS=OFF \
		-DKCRYPTO_BUILD_BENCH=OFF >"$BUILD/configure.log" 2>&1 ||
		{ cat "$BUILD/configure.log" >&2; exit 2; }
	cmake --build "$BUILD" --target kcrypto-fuzz -j "$JOBS" >"$BUILD/build.log" 2>&1 ||
		{ tail -50 "$BUILD/build.log" >&2; exit 2; }
fi

mkdir -p "$WORK/seeds" "$WORK/corpus" "$WORK/artifacts" "$WORK/logs"
if [ -d "$VECTORS" ]; then
	python3 "$REPO/harness/fuzz/gen_corpus.py" "$VECTORS" "$WORK/seeds" 2>/dev/null ||
		echo "run.sh: warning: seed corpus generation failed" >&2
else
	echo "run.sh: warning: no vectors at $VECTORS, no seed corpus" >&2
fi

total=0
failures=0
for t in $TARGETS; do
	bin=$BIN/kcrypto-fuzz-$t
	if [ ! -x "$bin" ]; then
		echo "run.sh: no such target: $t ($bin)" >&2
		exit 2
	fi
	eval "s=\${FUZZ_SECONDS_$t:-$SECS}"
	log=$WORK/logs/$t.log
	mkdir -p "$WORK/corpus/$t" "$WORK/seeds/$t"
	# An input slower than HANG is a failure (timeout-* artifact).  Below
	# that, slowness is the machine's load, not a finding: libFuzzer's
	# default writes slow-unit-* files from 10 s on, which a shared 2-core
	# host reaches under load, so they are reported only from HANG on.
	"$bin" -max_total_time="$s" -max_len="$MAX_LEN" -print_final_stats=1 \
		-timeout="$HANG" -report_slow_units="$HANG" \
		-artifact_prefix="$WORK/artifacts/$t-" \
		"$WORK/corpus/$t" "$WORK/seeds/$t" >"$log" 2>&1
	rc=$?
	# libFuzzer prints the final stats on success and on a crash.
	n=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	if [ -z "$n" ]; then
		n=$(sed -n 's/^#\([0-9][0-9]*\).*/\1/p' "$log" | tail -1)
	fi
	n=${n:-0}
	total=$((total + n))
	if [ "$rc" -eq 0 ]; then
		echo "fuzz $t: $n executions in ${s}s, ok"
	else
		failures=$((failures + 1))
		art=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
		echo "fuzz $t: $n executions, FAILED (exit $rc), input: ${art:-none}, log: $log"
		grep -E 'KCRYPTO-FUZZ DIFFERENCE|ERROR: (AddressSanitizer|libFuzzer)|runtime error' "$log" |
			head -5 | sed 's/^/    /'
	fi
done
echo "fuzz total: $total executions, $failures failures"
[ "$failures" -eq 0 ]
