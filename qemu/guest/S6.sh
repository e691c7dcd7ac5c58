# SPDX-License-Identifier: GPL-2.0
# S6 runtime plug (ffp): with kcrypto loaded, insmod arch -> bound,
# rmmod arch -> generic; then the same while kcrypto-stress keeps calling
# the API from a kernel thread and checking every output.

S6_ROUNDS=${KCM_s6_rounds:-10}	# --guest-arg s6_rounds=N

scen_S6() {
	local m p k stats calls mism
	unload_all
	[ -n "$ARCH_MODS" ] || { fail "no arch modules (and no kunit/kcrypto-test-provider.ko)"; return; }
	run $INSMOD "$MODDIR/extra/kcrypto.ko" || { fail "insmod kcrypto failed"; return; }
	all_generic "kcrypto alone"
	for m in $ARCH_MODS; do
		run $INSMOD "$(modfile "$m")" || { fail "insmod $m failed"; continue; }
		if [ -n "$PROVIDER" ]; then [ -n "$(mod_prims "$m")" ] || fail "provider plugged, nothing bound"
		else expect_bound_to "$(mod_prim "$m")" "$m" "plugged at runtime"; fi
		show_bindings
		run $RMMOD "$m" || fail "rmmod $m failed"
		all_generic "$m unplugged"
	done
	if [ ! -e "$MODDIR/kunit/kcrypto-stress.ko" ]; then
		fail "kunit/kcrypto-stress.ko not built: no concurrent plug/unplug check"
		return
	fi
	run $INSMOD "$MODDIR/kunit/kcrypto-stress.ko" || { fail "insmod kcrypto-stress failed"; return; }
	[ "$(grep -c ^processor /proc/cpuinfo)" -ge 2 ] ||
		fail "guest runs on one CPU: callers never race the unplug (check -smp / ACPI)"
	echo 1 > "$STRESSD/run" || { fail "cannot start $STRESSD/run"; return; }
	k=1
	while [ $k -le $S6_ROUNDS ]; do
		for m in $ARCH_MODS; do
			$INSMOD "$(modfile "$m")" || fail "round $k: insmod $m failed"
			[ -n "$PROVIDER" ] || { p=$(mod_prim "$m"); [ "$(bound "$p")" = "$(us "$m")" ] || fail "round $k: $p not bound to $m"; }
			usleep 100000
			$RMMOD "$m" || fail "round $k: rmmod $m failed"
			[ -n "$PROVIDER" ] || expect_generic "$(mod_prim "$m")" "round $k: $m unplugged"
		done
		k=$((k + 1))
	done
	echo 0 > "$STRESSD/run"
	stats=$(cat "$STRESSD/stats")
	info "stress: $stats"
	calls=$(echo "$stats" | awk '{ for (i = 1; i < NF; i++) if ($i == "calls") print $(i + 1) }')
	mism=$(echo "$stats" | awk '{ for (i = 1; i < NF; i++) if ($i == "mismatches") print $(i + 1) }')
	[ "${calls:-0}" -gt 0 ] 2>/dev/null || fail "stress made no calls ('$stats')"
	[ "$mism" = 0 ] || fail "stress saw wrong outputs ('$stats')"
}
