# SPDX-License-Identifier: GPL-2.0
# policy (opt-in: --scenario policy): the shipped examples of
# etc/modprobe.d/examples/ that S1/S1b/S3 do not use.
#   kcrypto-force-generic.conf: modprobe kcrypto loads and binds every arch
#     module as in S2, with forced_generic=1 for every primitive; writes to
#     the parameter switch it at runtime (a list, none; a bad value is
#     refused and changes nothing).
#   kcrypto-softdep-weak-<arch>.conf (weak only): its line is the softdep
#     kmod uses for kcrypto (modprobe -c lists it first) and names every arch
#     module of the image; modprobe kcrypto binds them all, pinned by kcrypto.
# Then the unload documented in Documentation/admin-guide.md: after a plain
# modprobe kcrypto, "modprobe -r kcrypto" removes kcrypto and every arch
# module (weak: its unused dependencies, exit 0; ffp: its post softdeps).

expect_forced() {
	local p want
	for p in $PRIMS; do
		want=0
		case " $1 " in *" $p "*) want=1 ;; esac
		[ "$(bfield "$p" forced_generic)" = $want ] ||
			fail "$2: $p forced_generic=$(bfield "$p" forced_generic), expected $want"
	done
}

policy_bound_all() {
	local m
	for m in $ARCH_MODS; do expect_bound_to "$(mod_prim "$m")" "$m" "$1"; done
	others_generic
}

scen_policy() {
	local f=/sys/module/kcrypto/parameters/force_generic
	[ -n "$ARCH_MODS" ] && [ -z "$PROVIDER" ] || { fail "no arch modules: the examples name arch modules only"; return; }

	unload_all
	use_example kcrypto-force-generic.conf || return
	run $MODPROBE kcrypto || { fail "force-generic: modprobe kcrypto failed"; return; }
	show_bindings
	[ "$(cat $f)" = all ] || fail "force-generic: $f reads '$(cat $f)', expected all"
	policy_bound_all "force-generic keeps the arch modules bound"
	expect_forced "$PRIMS" "force-generic.conf"
	echo chacha,poly1305 > $f || fail "write 'chacha,poly1305' to $f refused"
	[ "$(cat $f)" = chacha,poly1305 ] || fail "$f reads '$(cat $f)' after writing chacha,poly1305"
	expect_forced "chacha poly1305" "runtime chacha,poly1305"
	emit_file policy "$BINDF"
	echo bogus > $f 2>/dev/null && fail "$f accepted 'bogus'"
	[ "$(cat $f)" = chacha,poly1305 ] || fail "$f reads '$(cat $f)' after a refused write"
	echo none > $f || fail "write 'none' to $f refused"
	expect_forced "" "runtime none"
	policy_bound_all "after runtime writes"
	info "force-generic: $(bindings_compact)"

	if [ "$BIND" = weak ]; then policy_softdep
	else info "kcrypto-softdep-weak-$ARCH.conf: weak mode only, skipped"
	fi
	policy_unload
}

policy_unload() {
	local rc
	unload_all
	run $MODPROBE kcrypto || { fail "unload: modprobe kcrypto failed"; return; }
	run $MODPROBE -r kcrypto
	rc=$?
	grep -q '^kcrypto' /proc/modules &&
		fail "modprobe -r kcrypto left $(awk '$1 ~ /^kcrypto/ { printf "%s ", $1 }' /proc/modules)"
	# ffp, kmod 30: the post softdeps go first, the last one takes kcrypto
	# along as its unused dependency, and removing kcrypto itself then
	# reports ENOENT (exit 1).  admin-guide.md documents this.
	if [ "$BIND" = weak ]; then
		[ $rc = 0 ] || fail "modprobe -r kcrypto: exit $rc"
	else
		info "modprobe -r kcrypto: exit $rc, nothing left"
	fi
}

policy_softdep() {
	local m first want
	unload_all
	use_example "kcrypto-softdep-weak-$ARCH.conf" || return
	/sbin/modprobe -c | grep '^softdep kcrypto ' > /tmp/softdep.out
	emit_file policy /tmp/softdep.out CONF
	first=$(head -n 1 /tmp/softdep.out | tr - _)
	want=$(grep '^softdep' "$LOCALCONF" | tr - _)
	[ "$(echo $first)" = "$(echo $want)" ] || fail "modprobe -c: kcrypto's first softdep is '$first', not the example's"
	for m in $ARCH_MODS; do
		case " $want " in *" $(us "$m") "*) ;; *) fail "kcrypto-softdep-weak-$ARCH.conf does not name $m" ;; esac
	done
	run $MODPROBE kcrypto || { fail "softdep-weak: modprobe kcrypto failed"; return; }
	show_bindings
	policy_bound_all "softdep-weak"
	for m in $ARCH_MODS; do
		case ",$(used_by "$m")," in *,kcrypto,*) ;; *) fail "lsmod: $m used by '$(used_by "$m")', expected kcrypto" ;; esac
	done
}
