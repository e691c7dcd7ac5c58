# SPDX-License-Identifier: GPL-2.0
# taint (opt-in; a default scenario of the distro lane, run last): on a
# kernel we did not build (Debian's), every module's vermagic names the
# running kernel and carries modversions CRCs, plain modprobe (never
# --force) loads them without a symbol-version complaint, and after
# everything this boot did the kernel is tainted by O (out-of-tree, 4096)
# and at most E (unsigned module on a MODULE_SIG kernel, 8192): nothing else.

TAINT_O=4096
TAINT_E=8192

scen_taint() {
	local f m vm ncrc t extra
	unload_all
	for f in "$MODDIR"/extra/*.ko "$MODDIR"/kunit/*.ko; do
		[ -e "$f" ] || continue
		m=$(basename "$f" .ko)
		vm=$(/sbin/modinfo -F vermagic "$f" 2>/dev/null)
		[ "${vm%% *}" = "$(uname -r)" ] || fail "$m: vermagic '$vm', running $(uname -r)"
		case " $vm " in
		*" modversions "*)
			ncrc=$(/sbin/modprobe --dump-modversions "$f" 2>/dev/null | wc -l)
			[ "$ncrc" -gt 0 ] || fail "$m: vermagic says modversions, no __versions CRCs"
			;;
		*) info "$m: kernel without modversions ($vm)" ;;
		esac
	done
	info "vermagic of every module: $(/sbin/modinfo -F vermagic "$MODDIR/extra/kcrypto.ko")"
	run $MODPROBE kcrypto || fail "modprobe kcrypto (no --force) failed"
	for m in $ARCH_MODS; do
		is_loaded "$m" || [ -n "$PROVIDER" ] || info "$m not resident (refused this CPU?)"
	done
	if dmesg | grep -E 'disagrees about version of symbol|no symbol version for|version magic' >/tmp/mv.log; then
		fail "modversions: $(head -n 1 /tmp/mv.log | cut -c1-160)"
	fi
	for m in $(awk '$1 ~ /^kcrypto/ { print $1 }' /proc/modules); do
		info "$m taint: $(cat /sys/module/$m/taint 2>/dev/null)"
	done
	t=$(cat /proc/sys/kernel/tainted)
	extra=$((t & ~(TAINT_O | TAINT_E)))
	info "tainted=$t (O=$(((t & TAINT_O) != 0)) E=$(((t & TAINT_E) != 0)) other=$extra)"
	[ $((t & TAINT_O)) != 0 ] || fail "tainted=$t: no O bit although out-of-tree modules loaded"
	[ $extra = 0 ] || fail "tainted=$t: bits beyond O|E: $extra"
}
