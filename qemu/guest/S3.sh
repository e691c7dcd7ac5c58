# SPDX-License-Identifier: GPL-2.0
# S3 one disabled: blacklist a single arch module with the documented idiom,
# the shipped example etc/modprobe.d/examples/kcrypto-blacklist-<prim>.conf:
# its primitive is generic, every other one stays accelerated.  Once per
# module.

scen_S3() {
	local m o p
	[ -n "$ARCH_MODS" ] || { fail "no arch modules (and no kunit/kcrypto-test-provider.ko)"; return; }
	for m in $ARCH_MODS; do
		unload_all
		blacklist_one "$m" || continue
		run $MODPROBE kcrypto || { fail "blacklist $m: modprobe kcrypto failed"; continue; }
		is_loaded "$m" && fail "blacklist $m: still resident"
		for p in $(mod_prim "$m"); do expect_generic "$p" "blacklist $m"; done
		for o in $ARCH_MODS; do
			[ "$o" = "$m" ] && continue
			expect_bound_to "$(mod_prim "$o")" "$o" "only $m blacklisted"
		done
		info "blacklist $m: $(bindings_compact)"
	done
	show_bindings
}
