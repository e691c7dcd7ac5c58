# SPDX-License-Identifier: GPL-2.0
# stress (opt-in, Documentation/reliability.md): kcrypto-stress callers on every API from task,
# softirq and hardirq context, each result checked against generic code,
# plus the force_generic / variant flipper, while
#   ffp:  every arch module is plugged and unplugged, $KCM_stress_cycles
#         times in all (one cycle = one insmod + one rmmod of one module);
#   weak: kcrypto, its arch modules and the client (kcrypto-stress, which
#         pins kcrypto while loaded) are loaded, exercised and unloaded in
#         full, $KCM_stress_weak_cycles times.
# The last INFO line is the summary the host reads:
#   SUMMARY cycles=N calls=N mismatches=N flips=N hardirq=N softirq=N seconds=N
# On a kernel with kmemleak, a scan after the unload must list nothing.

STRESS_CYCLES=${KCM_stress_cycles:-40}		# --guest-arg stress_cycles=N
STRESS_WEAK_CYCLES=${KCM_stress_weak_cycles:-5}
# Optional time budget (s, 0: none): the loops stop there, and then the
# cycles done, not the count asked for, are what the SUMMARY reports.
STRESS_SECONDS=${KCM_stress_seconds:-0}
STRESS_THREADS=${KCM_stress_threads:-2}
STRESS_FLIP_MS=${KCM_stress_flip_ms:-20}
# Task callers sleep N..2N us after each call (kcrypto-stress pause_us): a
# long run on single-threaded TCG then takes 0.8 s a cycle, not 1.8 s
# (Documentation/reliability.md).
STRESS_PAUSE_US=${KCM_stress_pause_us:-0}
KMEMLEAK=/sys/kernel/debug/kmemleak
# The cycle loops call kmod directly: guard()'s 50 ms polling would double
# the time per cycle, and a hang still ends the boot (console silence).
S_INSMOD=/sbin/insmod
S_RMMOD=/sbin/rmmod

# "calls N mismatches M flips F" -> value of field $1
stress_field() { awk -v k="$1" '{ for (i = 1; i < NF; i++) if ($i == k) print $(i + 1) }' "$STRESSD/stats"; }
# Calls made from context $1 (detail: "<ctx> <op> calls N mismatches M").
stress_ctx_calls() { awk -v c="$1" '$1 == c { n += $4 } END { print n + 0 }' "$STRESSD/detail"; }

# rmmod that tolerates the flipper pinning the module for an instant.
rmmod_retry() {
	local i
	for i in 1 2 3 4 5 6 7 8; do
		$S_RMMOD "$1" 2>/dev/null && return 0
		usleep 20000
	done
	$S_RMMOD "$1"
}

kmemleak_clear() {
	[ -w "$KMEMLEAK" ] || return 0
	echo clear > "$KMEMLEAK"
}
# Scan twice (kmemleak reports an object only once it is older than 5 s and
# was unreferenced in two scans); anything listed fails the scenario.
kmemleak_check() {
	[ -w "$KMEMLEAK" ] || { info "kmemleak: not in this kernel"; return 0; }
	sleep 6
	echo scan > "$KMEMLEAK"
	echo scan > "$KMEMLEAK"
	cat "$KMEMLEAK" > /tmp/kmemleak.out
	if [ -s /tmp/kmemleak.out ]; then
		emit_file "$SCEN" /tmp/kmemleak.out LEAK
		fail "kmemleak: $(grep -c unreferenced /tmp/kmemleak.out) unreferenced object(s)"
	else
		info "kmemleak: scan clean"
	fi
}

# Add one stats snapshot to the totals (S_CALLS ...).
stress_collect() {
	local c m f h s
	c=$(stress_field calls); m=$(stress_field mismatches); f=$(stress_field flips)
	h=$(stress_ctx_calls hardirq); s=$(stress_ctx_calls softirq)
	S_CALLS=$((S_CALLS + ${c:-0})); S_MISM=$((S_MISM + ${m:-0})); S_FLIPS=$((S_FLIPS + ${f:-0}))
	S_HARD=$((S_HARD + h)); S_SOFT=$((S_SOFT + s))
	[ "${m:-x}" = 0 ] || { emit_file "$SCEN" "$STRESSD/detail" DETAIL; fail "stress saw wrong outputs ('$(cat "$STRESSD/stats")')"; }
}

# The time budget is spent (sets S_CAPPED).
stress_time_up() {
	[ "$STRESS_SECONDS" -gt 0 ] || return 1
	[ $(( ($(uptime_cs) - S_T0) / 100 )) -ge "$STRESS_SECONDS" ] || return 1
	S_CAPPED=1
}

stress_start() {
	run $INSMOD "$MODDIR/kunit/kcrypto-stress.ko" flip_ms="$STRESS_FLIP_MS" pause_us="$STRESS_PAUSE_US" ||
		{ fail "insmod kcrypto-stress failed"; return 1; }
	echo "$STRESS_THREADS" > "$STRESSD/run" || { fail "cannot start $STRESSD/run"; return 1; }
}

stress_ffp() {
	local c=0 m t
	run $INSMOD "$MODDIR/extra/kcrypto.ko" || { fail "insmod kcrypto failed"; return; }
	stress_start || return
	while [ $c -lt "$STRESS_CYCLES" ]; do
		for m in $ARCH_MODS; do
			$S_INSMOD "$(modfile "$m")" || { fail "cycle $c: insmod $m failed"; break 2; }
			rmmod_retry "$m" || { fail "cycle $c: rmmod $m failed"; break 2; }
			c=$((c + 1))
			[ $((c % 100)) = 0 ] && info "progress cycles=$c $(cat "$STRESSD/stats")"
			[ $c -lt "$STRESS_CYCLES" ] || break
			stress_time_up && break 2
		done
	done
	S_CYCLES=$c
	echo 0 > "$STRESSD/run"
	for t in $PRIMS; do expect_generic "$t" "after $c cycles"; done
	stress_collect
	run $RMMOD kcrypto-stress || fail "rmmod kcrypto-stress failed"
	run $RMMOD kcrypto || fail "rmmod kcrypto failed"
}

stress_weak() {
	local c=0 m
	while [ $c -lt "$STRESS_WEAK_CYCLES" ]; do
		c=$((c + 1))
		for m in $ARCH_MODS; do
			$S_INSMOD "$(modfile "$m")" || { fail "cycle $c: insmod $m failed"; break 2; }
		done
		$S_INSMOD "$MODDIR/extra/kcrypto.ko" || { fail "cycle $c: insmod kcrypto failed"; break; }
		[ -n "$PROVIDER" ] || for m in $ARCH_MODS; do
			[ "$(bound "$(mod_prim "$m")")" = "$(us "$m")" ] || fail "cycle $c: $(mod_prim "$m") not bound to $m"
		done
		stress_start || break
		usleep 300000
		# The client pins the library, the library pins the arch modules.
		if $S_RMMOD kcrypto 2>/dev/null; then fail "cycle $c: kcrypto unloaded under its client"; break; fi
		for m in $ARCH_MODS; do
			if $S_RMMOD "$m" 2>/dev/null; then fail "cycle $c: $m unloaded under kcrypto"; break 2; fi
		done
		echo 0 > "$STRESSD/run"
		stress_collect
		$S_RMMOD kcrypto-stress || { fail "cycle $c: rmmod kcrypto-stress failed"; break; }
		$S_RMMOD kcrypto || { fail "cycle $c: rmmod kcrypto failed"; break; }
		for m in $ARCH_MODS; do
			$S_RMMOD "$m" || { fail "cycle $c: rmmod $m failed"; break 2; }
		done
		[ $((c % 10)) = 0 ] && info "progress cycles=$c calls=$S_CALLS"
		stress_time_up && break
		grep -q '^kcrypto' /proc/modules && { fail "cycle $c: modules left: $(awk '$1 ~ /^kcrypto/ { printf "%s ", $1 }' /proc/modules)"; break; }
	done
	S_CYCLES=$c
}

scen_stress() {
	S_CYCLES=0 S_CALLS=0 S_MISM=0 S_FLIPS=0 S_HARD=0 S_SOFT=0 S_CAPPED=
	unload_all
	[ -n "$ARCH_MODS" ] || { fail "no arch modules (and no kunit/kcrypto-test-provider.ko)"; return; }
	[ -e "$MODDIR/kunit/kcrypto-stress.ko" ] || { fail "kunit/kcrypto-stress.ko not built"; return; }
	[ "$(grep -c ^processor /proc/cpuinfo)" -ge 2 ] ||
		fail "guest runs on one CPU: callers never race the unplug"
	kmemleak_clear
	S_T0=$(uptime_cs)
	if [ "$BIND" = ffp ]; then stress_ffp; else stress_weak; fi
	unload_all
	info "SUMMARY cycles=$S_CYCLES calls=$S_CALLS mismatches=$S_MISM flips=$S_FLIPS hardirq=$S_HARD softirq=$S_SOFT seconds=$(( ($(uptime_cs) - S_T0) / 100 ))${S_CAPPED:+ capped_at=${STRESS_SECONDS}s}"
	[ "$BIND" = ffp ] || STRESS_CYCLES=$STRESS_WEAK_CYCLES
	[ -n "$S_CAPPED" ] && [ "$S_CYCLES" -gt 0 ] && STRESS_CYCLES=$S_CYCLES
	[ "$S_CYCLES" -ge "$STRESS_CYCLES" ] || fail "only $S_CYCLES of $STRESS_CYCLES cycles"
	[ "$S_CALLS" -gt 0 ] || fail "stress made no calls"
	[ "$S_HARD" -gt 0 ] || fail "no call from hardirq context"
	[ "$S_SOFT" -gt 0 ] || fail "no call from softirq context"
	[ "$STRESS_FLIP_MS" = 0 ] || [ "$S_FLIPS" -gt 0 ] || fail "the flipper never flipped"
	kmemleak_check
}
