# SPDX-License-Identifier: GPL-2.0
# S2 accelerated: plain `modprobe kcrypto` loads (weak: first, through the
# softdep) and binds every arch module; lsmod shows who pins whom.

scen_S2() {
	local m p u
	unload_all
	[ -n "$ARCH_MODS" ] || { fail "no arch modules (and no kunit/kcrypto-test-provider.ko)"; run $MODPROBE kcrypto; run_kunit; return; }
	run $MODPROBE kcrypto || { fail "modprobe kcrypto failed"; return; }
	run $LSMOD
	check_bind_mode
	show_bindings
	for m in $ARCH_MODS; do
		is_loaded "$m" || { fail "$m not loaded"; continue; }
		if [ -n "$PROVIDER" ]; then
			[ -n "$(mod_prims "$m")" ] || fail "test provider loaded but nothing bound to it"
		else
			expect_bound_to "$(mod_prim "$m")" "$m" "modprobe kcrypto"
		fi
		if [ "$BIND" = weak ]; then
			# The library's resolved weak reference pins the arch module.
			u=$(used_by "$m")
			case ",$u," in *,kcrypto,*) ;; *) fail "lsmod: $m used by '$u', expected kcrypto (weak)" ;; esac
		else
			# The arch module calls the library's ffp setter.
			u=$(used_by kcrypto)
			case ",$u," in *,$(us "$m"),*) ;; *) fail "lsmod: kcrypto used by '$u', expected $(us "$m") (ffp)" ;; esac
		fi
	done
	others_generic
	run_kunit
	[ -n "$PROVIDER" ] || s2_impl_at_load
}

# `impl=<variant>` given at load time (modprobe.d options) selects that
# variant: the last usable one of each module, usually not the default.
s2_impl_at_load() {
	local m p v plan=
	for m in $ARCH_MODS; do
		p=$(mod_prim "$m")
		v=$(bfield "$p" usable | tr , '\n' | tail -n 1)
		[ -n "$v" ] && [ "$v" != - ] && plan="$plan $m:$v"
	done
	unload_all
	for m in $plan; do
		v=${m#*:}
		m=${m%%:*}
		run $MODPROBE "$m" "impl=$v" || { fail "modprobe $m impl=$v failed"; continue; }
		[ "$BIND" = ffp ] || run $MODPROBE kcrypto
		[ "$(cat "/sys/module/$(us "$m")/parameters/impl")" = "$v" ] ||
			fail "$m loaded with impl=$v runs '$(cat "/sys/module/$(us "$m")/parameters/impl")'"
		[ "$(bfield "$(mod_prim "$m")" variant)" = "$v" ] ||
			fail "$m loaded with impl=$v: bindings say variant '$(bfield "$(mod_prim "$m")" variant)'"
		unload_all
	done
}
