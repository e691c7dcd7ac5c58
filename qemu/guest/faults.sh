# SPDX-License-Identifier: GPL-2.0
# faults (opt-in, Documentation/reliability.md; the debug kernel: CONFIG_FAILSLAB,
# CONFIG_FAULT_INJECTION_DEBUG_FS, CONFIG_FAULT_INJECTION_STACKTRACE_FILTER).
#
# Systematic kmalloc failure: for N = 1 .. $KCM_fault_n (default 20) the
# N-th slab allocation made with module code on the stack fails
# (/proc/self/fail-nth, which survives exec, plus failslab's
# require-start/end = the module area, so the loader's and the shell's own
# allocations are not counted; fail_page_alloc's min-order is raised out
# of reach so page allocations do not use up N), in
#   - insmod kcrypto.ko, each arch module, kcrypto-stress.ko and
#     kcrypto-test.ko (init);
#   - test-interface records (write()).
# After each step: a failed insmod leaves nothing (no module, no debugfs
# directory, no binding), a successful one works and unloads; a failed
# record returns ENOMEM, counts as an error and leaves the bindings and
# force_generic as they were.  Every N is tried: some allocations fail
# silently and are retried by the kernel (kmemleak's own metadata,
# __GFP_NOWARN attempts with a fallback), so "N injected nothing" does not
# mean the path has no more allocations.
# Summary: "INFO faults SUMMARY steps=N injected=M enomem=K".
# Uses errname/trec/state and the records from hostile.sh, kmemleak_check
# from stress.sh (every qemu/guest/*.sh is sourced by the guest init).

FAULT_N=${KCM_fault_n:-20}
FSLAB=/sys/kernel/debug/failslab
FPAGE=/sys/kernel/debug/fail_page_alloc
F_STEPS=0
F_INJ=0
F_NOMEM=0

fault_setup() {
	case "$ARCH" in
	x86_64)	# MODULES_VADDR .. MODULES_END
		echo 0xffffffffc0000000 > $FSLAB/require-start
		echo 0xffffffffff000000 > $FSLAB/require-end ;;
	*)	fail "faults: no module-area filter for $ARCH"; return 1 ;;
	esac
	echo 32 > $FSLAB/stacktrace-depth
	echo N > $FSLAB/ignore-gfp-wait
	echo 0 > $FSLAB/probability	# nothing fails but the fail-nth one
	echo 1 > $FSLAB/verbose		# one line per injected failure, no stack
	echo -1 > $FSLAB/times
	[ -d $FPAGE ] && echo 11 > $FPAGE/min-order
	return 0
}

fault_teardown() {
	[ -d $FSLAB ] || return 0
	echo 0 > $FSLAB/require-start
	echo 0xffffffffffffffff > $FSLAB/require-end
	echo Y > $FSLAB/ignore-gfp-wait
	echo 0 > $FSLAB/verbose
	[ -d $FPAGE ] && echo 1 > $FPAGE/min-order
	return 0
}

# Run "$@" as one task whose N-th module-stack slab allocation fails;
# sets F_RES (ok or errno name) and F_HIT (1 when a failure was injected).
fault_run() {
	local n=$1
	shift
	dmesg -c >/dev/null
	if sh -c 'echo "$0" > /proc/self/fail-nth && exec "$@"' "$n" "$@" >/dev/null 2>/tmp/fault.err; then
		F_RES=ok
	else
		F_RES=$(errname < /tmp/fault.err)
	fi
	dmesg > /tmp/fault.log
	# A __GFP_NOWARN allocation fails silently: ENOMEM says it too.
	F_HIT=0
	grep -q "FAULT_INJECTION: forcing a failure" /tmp/fault.log && F_HIT=1
	[ "$F_RES" = ENOMEM ] && F_HIT=1 && F_NOMEM=$((F_NOMEM + 1))
	F_STEPS=$((F_STEPS + 1))
	F_INJ=$((F_INJ + F_HIT))
	# run_scenario only sees what is still in the ring buffer at the end.
	if grep -E "$BADLOG" /tmp/fault.log >/tmp/fault.bad; then
		fail "kernel log at step $n of '$*': $(head -n 1 /tmp/fault.bad | cut -c1-160)"
		emit_file "$SCEN" /tmp/fault.log LOG
	fi
}

# No trace of module $1 after a failed insmod.
fault_nothing_left() {
	is_loaded "$1" && fail "$2: $1 loaded after a failed insmod"
	[ "$1" = kcrypto ] && [ -e /sys/kernel/debug/kcrypto ] && fail "$2: debugfs kcrypto/ left behind"
	[ "$1" = kcrypto-stress ] && [ -e "$STRESSD" ] && fail "$2: debugfs kcrypto-stress/ left behind"
	[ "$1" = kcrypto-test ] && [ -e "$TESTF" ] && fail "$2: $TESTF left behind"
	return 0
}

# Sweep insmod of module $1 (file $2).
fault_insmod() {
	local m=$1 f=$2 n=1 what p hits=0 nomem=0
	while [ $n -le "$FAULT_N" ]; do
		what="insmod $m with allocation $n failing"
		fault_run $n /sbin/insmod "$f"
		case "$F_RES" in
		ok)
			is_loaded "$m" || fail "$what: insmod ok, module not loaded"
			case "$m" in
			kcrypto)
				# debugfs failures are not fatal (kernel policy): the
				# library loads, without its files.
				if [ -e "$BINDF" ]; then cat "$BINDF" >/dev/null || fail "$what: bindings unreadable"
				else info "$what: loaded without debugfs files"; fi ;;
			kcrypto-stress) echo 1 > "$STRESSD/run" 2>/dev/null && echo 0 > "$STRESSD/run" ;;
			# Its file is all it is for: no file, no module.
			kcrypto-test) [ -e "$TESTF" ] || fail "$what: loaded without $TESTF" ;;
			kcrypto-test-provider) ;;
			*) [ "$BIND" = ffp ] && { p=$(mod_prim "$m"); [ "$(bound "$p")" = "$(us "$m")" ] || fail "$what: $p not bound"; } ;;
			esac
			$RMMOD "$m" || fail "$what: rmmod failed"
			;;
		ENOMEM)
			fault_nothing_left "$m" "$what"
			[ "$BIND" = ffp ] && [ "$m" != kcrypto ] && [ "$m" != kcrypto-stress ] &&
				[ "$m" != kcrypto-test ] && expect_generic "$(mod_prim "$m")" "$what"
			;;
		*)
			fail "$what: $F_RES (expected success or ENOMEM)"
			is_loaded "$m" && $RMMOD "$m"
			;;
		esac
		hits=$((hits + F_HIT))
		[ "$F_RES" = ENOMEM ] && nomem=$((nomem + 1))
		n=$((n + 1))
	done
	info "fault insmod $m: N=1..$FAULT_N, $hits injected, $nomem insmod ENOMEM"
}

# Sweep one test-interface record ($1), checking the counters each step.
fault_record() {
	local n=1 before after want hits=0 nomem=0
	printf '%s\n' "$1" > /tmp/frec.in
	while [ $n -le "$FAULT_N" ]; do
		before=$(state)
		trec ok reset
		fault_run $n dd if=/tmp/frec.in of="$TESTF" bs=1M count=1 conv=notrunc
		after=$(state)
		[ "$before" = "$after" ] || fail "record step $n: state changed ($before -> $after)"
		case "$F_RES" in
		ok) want="passed 1 failed 0 errors 0" ;;
		ENOMEM) want="passed 0 failed 0 errors 1" ;;
		*) want="?"; fail "record step $n: $F_RES (expected success or ENOMEM)" ;;
		esac
		[ "$(cat "$TESTF")" = "$want" ] || fail "record step $n ($F_RES): counters '$(cat "$TESTF")', expected '$want'"
		hits=$((hits + F_HIT))
		[ "$F_RES" = ENOMEM ] && nomem=$((nomem + 1))
		n=$((n + 1))
	done
	info "fault record $(echo "$1" | cut -d' ' -f1-2) ($(wc -c < /tmp/frec.in) bytes): N=1..$FAULT_N, $hits injected, $nomem ENOMEM"
}

scen_faults() {
	local m big
	unload_all
	[ -d $FSLAB ] && [ -e /proc/self/fail-nth ] && [ -e $FSLAB/require-start ] ||
		{ fail "this kernel has no failslab/fail-nth/stacktrace filter (use --variant debug)"; return; }
	[ -w "$KMEMLEAK" ] && echo clear > "$KMEMLEAK"
	fault_setup || return
	fault_insmod kcrypto "$MODDIR/extra/kcrypto.ko"
	run $INSMOD "$MODDIR/extra/kcrypto.ko" || { fail "insmod kcrypto failed"; fault_teardown; return; }
	for m in $ARCH_MODS; do fault_insmod "$m" "$(modfile "$m")"; done
	fault_insmod kcrypto-stress "$MODDIR/kunit/kcrypto-stress.ko"
	fault_insmod kcrypto-test "$MODDIR/kunit/kcrypto-test.ko"
	load_testif || { fault_teardown; return; }
	[ "$BIND" = ffp ] && for m in $ARCH_MODS; do $INSMOD "$(modfile "$m")"; done
	big=$(head -c 20000 /dev/zero | tr '\0' a)
	fault_record "$GOOD_POLY"
	fault_record "impl=generic op=poly1305 key=$KEY0 msg=$big tag=$TAG0 expect=valid"
	fault_record "impl=arch op=chacha20poly1305 key=$KEYX nonce=$N12 aad=00 msg=$big ct=$big tag=$TAG0 expect=invalid"
	fault_record "$GOOD_X"
	fault_teardown
	unload_all
	info "SUMMARY steps=$F_STEPS injected=$F_INJ enomem=$F_NOMEM"
	[ "$F_INJ" -gt 0 ] || fail "no allocation failure was injected"
	[ "$F_NOMEM" -gt 0 ] || fail "no step ended in ENOMEM"
	kmemleak_check
}
