# SPDX-License-Identifier: GPL-2.0
# resident (opt-in): what `modprobe kcrypto` leaves resident on the CPU this
# guest booted with (Documentation/performance.md, "Memory residency"):
# lsmod size and /sys/module coresize/initsize/sections of every kcrypto
# module (RES lines, see bench_residency in bench.sh).  Meant for both boots: the capable CPU, and
# the incapable one (x86_64 qemu64, arm neon=off), where an arch module that
# refused the CPU must not be resident.  Fails when an arch module is
# resident but not bound, or absent without having refused.

scen_resident() {
	local m p
	unload_all
	run $MODPROBE kcrypto || { fail "modprobe kcrypto failed"; return; }
	check_bind_mode
	show_bindings
	info "CPU features: $(cpu_features)"
	bench_residency "$BOOT:$(cpu_features | tr -d ' ')"
	for m in $ARCH_MODS; do
		if is_loaded "$m"; then
			for p in $(mod_prims "$m"); do expect_bound_to "$p" "$m" "resident"; done
		elif ! dmesg | grep -q "$m: no usable variant, not loading"; then
			fail "$m neither resident nor refused ('$m: no usable variant, not loading')"
		fi
	done
}
