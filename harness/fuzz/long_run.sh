#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# The long background campaign: run.sh in rounds, one fuzzer process at a
# time, until the executions add up to FUZZ_GOAL (default 1e8) or a target
# fails.  Run it niced on a shared machine:
#
#   nice -n 19 harness/fuzz/long_run.sh &
#
# It copies the binaries to FUZZ_WORK/bin first, so rebuilding build/fuzz
# (tests/test_fuzz.py, make fuzz) does not disturb it.  The running total
# is in FUZZ_WORK/logs/long.log, one line per round:
#   round N: +executions, total T, failures F
#
# Environment: FUZZ_WORK (default <repo>/build/fuzz/long), FUZZ_GOAL,
# FUZZ_ROUND_SECONDS (seconds per target and round, default 600;
# x25519 and aead get a quarter and half of it: they are the slowest per
# execution), FUZZ_MAX_LEN (default 1024), plus those of run.sh.
set -u

REPO=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${FUZZ_BUILD:-$REPO/build/fuzz}
WORK=${FUZZ_WORK:-$BUILD/long}
GOAL=${FUZZ_GOAL:-100000000}
ROUND=${FUZZ_ROUND_SECONDS:-600}

mkdir -p "$WORK/bin" "$WORK/logs"
cp "$BUILD"/fuzz/kcrypto-fuzz-* "$WORK/bin/" || exit 2
LOG=$WORK/logs/long.log
total=$(sed -n 's/.*, total \([0-9]*\),.*/\1/p' "$LOG" 2>/dev/null | tail -1)
total=${total:-0}
round=$(grep -c '^round' "$LOG" 2>/dev/null)
round=${round:-0}
echo "start $(date -u +%FT%TZ) pid $$ goal $GOAL from $total" >>"$LOG"
while [ "$total" -lt "$GOAL" ]; do
	round=$((round + 1))
	out=$(FUZZ_NO_BUILD=1 FUZZ_WORK="$WORK" FUZZ_BIN_DIR="$WORK/bin" \
		FUZZ_SECONDS="$ROUND" FUZZ_SECONDS_aead=$((ROUND / 2)) \
		FUZZ_SECONDS_x25519=$((ROUND / 4)) \
		FUZZ_MAX_LEN="${FUZZ_MAX_LEN:-1024}" "$REPO/harness/fuzz/run.sh")
	rc=$?
	echo "$out" | sed "s/^/  round $round: /" >>"$LOG"
	n=$(echo "$out" | sed -n 's/^fuzz total: \([0-9]*\) executions.*/\1/p')
	f=$(echo "$out" | sed -n 's/.*executions, \([0-9]*\) failures$/\1/p')
	total=$((total + ${n:-0}))
	echo "round $round: +${n:-0}, total $total, failures ${f:-?} ($(date -u +%FT%TZ))" >>"$LOG"
	if [ "$rc" -ne 0 ]; then
		echo "stopped: a target failed (see above)" >>"$LOG"
		exit 1
	fi
done
echo "done $(date -u +%FT%TZ): $total executions, 0 failures" >>"$LOG"
