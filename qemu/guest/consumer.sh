# SPDX-License-Identifier: GPL-2.0
# consumer (opt-in): a third-party module using kcrypto, kcrypto-example.ko
# (examples/kcrypto-example), which the host built against a `make install`
# of the cell's kcrypto through the installed kcrypto.mk
# (scripts/matrix/cell.py consumer_module), in $MODDIR/examples/.
#   - insmod kcrypto-example without kcrypto loaded is refused (its symbols
#     are kcrypto's).
#   - modprobe kcrypto; with force_generic=none and then =all:
#     insmod kcrypto-example succeeds and logs "all N checks passed" (RFC
#     8439 AEAD encrypt/decrypt/forged tag, RFC 7693 BLAKE2s, RFC 7748
#     X25519); /sys/module/kcrypto/refcnt is one higher while it is loaded
#     and kcrypto_example is among kcrypto's users in /proc/modules; rmmod
#     kcrypto is refused and kcrypto stays loaded; in weak mode rmmod of a
#     bound arch module is refused too (kcrypto uses it); rmmod
#     kcrypto_example brings refcnt back.
#   - rmmod kcrypto then succeeds (in ffp mode after the arch modules,
#     which are its users there).
# INFO lines: the module's pr_info line, refcnt before/while/after.

EX_REFCNT=/sys/module/kcrypto/refcnt

# The module wherever the initramfs put it (examples/: cell.py consumer_module).
ex_mod() {
	local f
	for f in "$MODDIR"/*/kcrypto-example.ko; do
		[ -e "$f" ] && { echo "$f"; return; }
	done
}
ex_passed() { dmesg | grep -c 'kcrypto_example: all [0-9]* checks passed'; }

# One load of the example with kcrypto loaded: $1 names the round.
ex_round() {
	local mod="$1" round="$2" before during after line m n
	before=$(cat "$EX_REFCNT")
	n=$(ex_passed)
	if ! run $INSMOD "$mod"; then
		fail "$round: insmod kcrypto-example failed: $(dmesg | grep kcrypto_example | tail -n 1 | cut -c1-200)"
		return
	fi
	line=$(dmesg | grep 'kcrypto_example: all [0-9]* checks passed' | tail -n 1)
	if [ "$(ex_passed)" -eq $((n + 1)) ]; then
		info "$round: ${line#*] }"
	else
		fail "$round: no 'all N checks passed' line: $(dmesg | grep kcrypto_example | tail -n 1 | cut -c1-200)"
	fi
	during=$(cat "$EX_REFCNT")
	info "$round: kcrypto refcnt $before, $during with kcrypto-example loaded"
	[ "$during" -eq $((before + 1)) ] || fail "$round: kcrypto refcnt $before -> $during with kcrypto-example loaded, expected +1"
	used_by kcrypto | tr , '\n' | grep -qx kcrypto_example ||
		fail "$round: kcrypto_example not among kcrypto's users: '$(used_by kcrypto)'"
	if $RMMOD kcrypto >/tmp/rm.out 2>&1; then
		fail "$round: rmmod kcrypto succeeded with kcrypto-example loaded"
	else
		info "$round: rmmod kcrypto refused: $(head -n 1 /tmp/rm.out)"
	fi
	is_loaded kcrypto || fail "$round: kcrypto gone with kcrypto-example loaded"
	if [ "$BIND" = weak ]; then
		n=0
		for m in $ARCH_MODS; do
			[ "$(bound "$(mod_prim "$m")")" = "$(us "$m")" ] || continue
			if $RMMOD "$(us "$m")" >/dev/null 2>&1; then
				fail "$round: rmmod $m (bound, weak mode) succeeded with kcrypto-example loaded"
			else
				n=$((n + 1))
			fi
		done
		info "$round: rmmod refused for $n bound arch modules (weak mode: kcrypto uses them)"
	fi
	run $RMMOD kcrypto_example || fail "$round: rmmod kcrypto_example failed"
	after=$(cat "$EX_REFCNT")
	[ "$after" = "$before" ] || fail "$round: kcrypto refcnt $after after rmmod kcrypto_example, expected $before"
}

scen_consumer() {
	local mod fg m
	unload_all
	mod=$(ex_mod)
	[ -n "$mod" ] || { fail "kcrypto-example.ko not in the image (the host's consumer module build: build/matrix/<cell>/consumer.log)"; return; }
	if $INSMOD "$mod" >/dev/null 2>&1; then
		fail "insmod kcrypto-example succeeded without kcrypto loaded"
		$RMMOD kcrypto_example
	fi
	run $MODPROBE kcrypto || { fail "modprobe kcrypto failed"; return; }
	check_bind_mode
	show_bindings
	[ -r "$EX_REFCNT" ] || { fail "$EX_REFCNT missing"; return; }
	for fg in none all; do
		echo $fg > /sys/module/kcrypto/parameters/force_generic || fail "force_generic=$fg refused"
		ex_round "$mod" "force_generic=$fg"
	done
	echo none > /sys/module/kcrypto/parameters/force_generic
	# ffp: the arch modules are kcrypto's users; weak: kcrypto is theirs.
	if [ "$BIND" = ffp ]; then
		for m in $ARCH_MODS; do
			is_loaded "$m" && { run $RMMOD "$(us "$m")" || fail "rmmod $m failed"; }
		done
	fi
	run $RMMOD kcrypto || fail "rmmod kcrypto after kcrypto-example was removed failed"
}
