# SPDX-License-Identifier: GPL-2.0
# S5 unload/reload: 20 cycles of load, then removal in dependency order
# (test modules; weak: kcrypto before the arch modules, ffp: arch modules
# before kcrypto).  Same bindings every cycle; kmemleak where the kernel has it.

S5_CYCLES=20

s5_rm() {
	$RMMOD "$1" >/tmp/rm.out 2>&1 || { fail "cycle $2: rmmod $1 failed: $(head -n 1 /tmp/rm.out)"; return 1; }
}

scen_S5() {
	local i m ref b kml=/sys/kernel/debug/kmemleak stress=
	unload_all
	[ -e "$MODDIR/kunit/kcrypto-stress.ko" ] && stress=1
	[ -e "$kml" ] && echo clear > "$kml"
	i=1
	while [ $i -le $S5_CYCLES ]; do
		$MODPROBE kcrypto >/tmp/mp.out 2>&1 || { fail "cycle $i: modprobe kcrypto failed: $(head -n 1 /tmp/mp.out)"; break; }
		[ -n "$stress" ] && { $INSMOD "$MODDIR/kunit/kcrypto-stress.ko" || fail "cycle $i: insmod kcrypto-stress failed"; }
		b=$(bindings_compact)
		if [ $i = 1 ]; then ref=$b; say "BIND S5 $b"
		elif [ "$b" != "$ref" ]; then fail "cycle $i: bindings '$b' differ from cycle 1 '$ref'"
		fi
		[ -n "$stress" ] && { s5_rm kcrypto_stress $i || break; }
		if [ "$BIND" = weak ]; then
			s5_rm kcrypto $i || break
			for m in $ARCH_MODS; do is_loaded "$m" && { s5_rm "$m" $i || break 2; }; done
		else
			for m in $ARCH_MODS; do is_loaded "$m" && { s5_rm "$m" $i || break 2; }; done
			s5_rm kcrypto $i || break
		fi
		if grep -q '^kcrypto' /proc/modules; then
			fail "cycle $i: still resident: $(awk '$1 ~ /^kcrypto/ { printf "%s ", $1 }' /proc/modules)"
			break
		fi
		i=$((i + 1))
	done
	info "$((i - 1)) cycles completed"
	if [ -e "$kml" ]; then
		# Objects must be older than kmemleak's minimum age to be reported.
		sleep 6
		echo scan > "$kml"; echo scan > "$kml"
		if grep -q 'unreferenced object' "$kml"; then
			fail "kmemleak: $(grep -c 'unreferenced object' "$kml") unreferenced object(s)"
			head -n 40 "$kml" > /tmp/kml.out; emit_file S5 /tmp/kml.out
		else
			info "kmemleak: no leaks"
		fi
	else
		info "kmemleak not in this kernel (use --variant debug): leak check skipped, cycles and bindings checked"
	fi
}
