# SPDX-License-Identifier: GPL-2.0
# S4 incapable CPU (own boot: QEMU CPU without the features, or on arm64 a
# simulated incapability through the documented cpu_mask parameter).
# modprobe succeeds, refusing modules logged -ENODEV and are not resident,
# their primitives are generic, KUnit passes.

scen_S4() {
	local m p refused=0
	unload_all
	[ -n "$ARCH_MODS" ] || { fail "no arch modules (and no kunit/kcrypto-test-provider.ko)"; run $MODPROBE kcrypto; run_kunit; return; }
	if [ "$INCAPABLE" = simulated ]; then
		info "SIMULATED incapability: options <mod> cpu_mask=0xffffffff (QEMU cannot hide the feature here)"
		for m in $ARCH_MODS; do echo "options $m cpu_mask=0xffffffff"; done > "$LOCALCONF"
		emit_file S4 "$LOCALCONF" CONF
	else
		info "CPU features: $(cpu_features)"
	fi
	run $MODPROBE kcrypto || { fail "modprobe kcrypto failed on the incapable CPU"; return; }
	show_bindings
	for m in $ARCH_MODS; do
		if is_loaded "$m"; then
			# Possible for a module with a variant that needs none of the
			# hidden features (e.g. scalar code); it must then be bound.
			info "$m loaded on the incapable CPU: $(bindings_compact)"
			[ -n "$PROVIDER" ] || expect_bound_to "$(mod_prim "$m")" "$m" "resident on incapable CPU"
			continue
		fi
		if dmesg | grep -q "$m: no usable variant, not loading"; then
			refused=$((refused + 1))
		else
			fail "$m not resident but no '$m: no usable variant, not loading' in the log"
		fi
		for p in $(mod_prim "$m"); do [ -n "$PROVIDER" ] || expect_generic "$p" "$m refused the CPU"; done
	done
	[ $refused -gt 0 ] || fail "no arch module refused: the incapable CPU hid nothing they need"
	info "$refused module(s) refused with -ENODEV"
	[ -n "$PROVIDER" ] && all_generic "test provider refused"
	run_kunit
}
