# SPDX-License-Identifier: GPL-2.0
# S1 generic-only: every arch module disabled with the documented idiom
# (`blacklist <mod>`, on top of the shipped kcrypto.conf), then modprobe.

scen_S1() {
	local m
	unload_all
	for m in $ARCH_MODS; do echo "blacklist $m"; done > "$LOCALCONF"
	emit_file S1 "$LOCALCONF" CONF
	run $MODPROBE kcrypto || { fail "modprobe kcrypto failed"; return; }
	for m in $ARCH_MODS; do
		is_loaded "$m" && fail "$m resident although blacklisted"
	done
	show_bindings
	check_bind_mode
	all_generic "all arch modules blacklisted"
	run_kunit
}
