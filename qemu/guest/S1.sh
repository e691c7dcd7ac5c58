# SPDX-License-Identifier: GPL-2.0
# S1 generic-only: every arch module disabled with the documented idiom,
# the shipped example etc/modprobe.d/examples/kcrypto-blacklist-all.conf
# (on top of the shipped kcrypto.conf), then modprobe.

scen_S1() {
	local m
	unload_all
	use_example kcrypto-blacklist-all.conf || return
	for m in $ARCH_MODS; do
		blacklisted "$m" && continue
		# The test-only provider is no admin's business: not in the example.
		if [ "$m" = kcrypto-test-provider ]; then echo "blacklist $m" >> "$LOCALCONF"
		else fail "kcrypto-blacklist-all.conf has no 'blacklist $(us "$m")'"
		fi
	done
	grep -v '^#' "$LOCALCONF" > /tmp/policy.conf
	emit_file S1 /tmp/policy.conf CONF
	run $MODPROBE kcrypto || { fail "modprobe kcrypto failed"; return; }
	for m in $ARCH_MODS; do
		is_loaded "$m" && fail "$m resident although blacklisted"
	done
	show_bindings
	check_bind_mode
	all_generic "all arch modules blacklisted"
	run_kunit
}
