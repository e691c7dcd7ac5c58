# SPDX-License-Identifier: GPL-2.0
# bench (opt-in; scripts/bench runs it with --icount): the in-kernel
# benchmark of Documentation/performance.md.
#  1. residency: after `modprobe kcrypto`, lsmod size and /sys/module
#     coresize/initsize/sections of every resident kcrypto module
#     (KCM: RES lines), on this CPU and on a simulated incapable one
#     (options <mod> cpu_mask=0xffffffff, as arm64's S4), where the arch
#     modules must not be resident;
#  2. kcrypto-bench.ko run=1: one "KCB ..." kernel line per primitive,
#     implementation and size, then the dispatch shapes ("KCB-DISPATCH").
# Fails when the module is missing, reports an error, or a measurement
# the bindings say should exist (generic, auto + every usable variant,
# 5 sizes)
# is missing or zero.
# $KCM_bench_reps: samples per measurement (default 7);
# $KCM_bench_bytes: bytes per sample at least (default 65536).

# RES <cpu> <module> lsmod=<size> core=<coresize> init=<initsize> sections=<names>
bench_residency() {
	local cpu=$1 m sec n
	say "RES $SCEN cpu=$cpu bindings $(bindings_compact)"
	for m in $(awk '$1 ~ /^kcrypto/ { print $1 }' /proc/modules); do
		sec=$(ls -A "/sys/module/$m/sections" 2>/dev/null | grep -v '^__' | tr '\n' ',')
		n=$(ls -A "/sys/module/$m/sections" 2>/dev/null | wc -l)
		say "RES $SCEN cpu=$cpu module=$m lsmod=$(awk -v m="$m" '$1 == m { print $2 }' /proc/modules) core=$(cat "/sys/module/$m/coresize" 2>/dev/null) init=$(cat "/sys/module/$m/initsize" 2>/dev/null) nsections=$n sections=${sec%,}"
	done
}

# The KCB lines expected for one op: generic, auto + each usable variant.
bench_expect() {
	local p=$1 u n=2
	u=$(bfield "$p" usable)
	[ -n "$u" ] && [ "$u" != - ] && n=$((n + $(echo "$u" | tr ',' '\n' | grep -c .)))
	echo $n
}

scen_bench() {
	local f m rc want=0 got n p u v
	unload_all
	f=$MODDIR/kunit/kcrypto-bench.ko
	[ -e "$f" ] || { fail "no kunit/kcrypto-bench.ko in the image"; return; }
	run $MODPROBE kcrypto || { fail "modprobe kcrypto failed"; return; }
	check_bind_mode
	show_bindings
	for v in spectre_v2 retbleed; do
		info "vulnerability $v: $(cat /sys/devices/system/cpu/vulnerabilities/$v 2>/dev/null || echo n/a)"
	done
	bench_residency capable

	say "CMD bench insmod kcrypto-bench.ko run=1"
	# Its own deadline: the whole benchmark runs inside this insmod (71
	# lines on arm, slow under TCG on a loaded host), and on the arm guest
	# under -icount the guard's usleep loop was seen to count its 90 s
	# long before 90 s of guest time had passed.
	guard 600 /sbin/insmod "$f" run=1 reps="${KCM_bench_reps:-7}" min_bytes="${KCM_bench_bytes:-65536}" >/tmp/bench.out 2>&1
	rc=$?
	[ $rc = 0 ] || { fail "insmod kcrypto-bench run=1 failed (rc=$rc)"; emit_file bench /tmp/bench.out; }
	dmesg | grep -E 'KCB(-[A-Z]+)? ' | sed 's/^\[[^]]*\] *//' >/tmp/kcb.log
	grep -q '^KCB-END .* errors=0' /tmp/kcb.log || fail "no clean KCB-END: $(grep -E '^KCB-(END|ERR)' /tmp/kcb.log | head -n 3 | tr '\n' ' ')"
	# generic, auto + usable variants, 5 sizes; the AEAD seal and open,
	# generic + auto, 5 sizes; x25519 one size
	for p in chacha poly1305 blake2s; do
		want=$((want + 5 * $(bench_expect "$p")))
	done
	want=$((want + 20 + $(bench_expect x25519) + 8))
	got=$(grep -cE '^KCB(-DISPATCH)? v=1 ' /tmp/kcb.log)
	[ "$got" = "$want" ] || fail "$got benchmark lines, expected $want (generic, auto + usable variants x 5 sizes, aead 20, x25519, 8 dispatch shapes)"
	n=$(grep -E '^KCB(-DISPATCH)? v=1 ' /tmp/kcb.log | grep -cE ' ns=0 ')
	[ "$n" = 0 ] || fail "$n measurements with ns=0"
	info "bench: $got measurement lines"
	$RMMOD kcrypto-bench >/dev/null 2>&1

	# Residency on a CPU the arch modules refuse (simulated: cpu_mask).
	unload_all
	for m in $ARCH_MODS; do echo "options $m cpu_mask=0xffffffff"; done > "$LOCALCONF"
	run $MODPROBE kcrypto || { fail "modprobe kcrypto (cpu_mask=all) failed"; return; }
	bench_residency incapable-simulated
	for m in $ARCH_MODS; do
		is_loaded "$m" || continue
		u=$(mod_prims "$m")
		for p in $u; do expect_bound_to "$p" "$m" "resident with every feature masked"; done
		info "$m resident with every CPU feature masked (a variant needs none)"
	done
	rm -f "$LOCALCONF"
}
