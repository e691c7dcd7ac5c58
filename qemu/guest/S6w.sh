# SPDX-License-Identifier: GPL-2.0
# S6w weak order (weak): kcrypto loaded before the arch module stays generic
# (the weak reference resolves only at the library's load: documented
# limitation), and the late arch module is not pinned, so it unloads.

scen_S6w() {
	local m u
	unload_all
	[ -n "$ARCH_MODS" ] || { fail "no arch modules (and no kunit/kcrypto-test-provider.ko)"; return; }
	run $INSMOD "$MODDIR/extra/kcrypto.ko" || { fail "insmod kcrypto failed"; return; }
	all_generic "kcrypto alone"
	for m in $ARCH_MODS; do
		run $INSMOD "$(modfile "$m")" || { fail "late insmod $m failed"; continue; }
		all_generic "$m loaded after kcrypto"
		u=$(used_by "$m")
		[ "$u" = - ] || [ -z "$u" ] || fail "late $m is used by '$u'"
		show_bindings
		run $RMMOD "$m" || fail "late $m cannot be unloaded"
	done
}
