# SPDX-License-Identifier: GPL-2.0
# wireguard (opt-in; the net kernel variant with the net userland): the
# kernel's own WireGuard, built unmodified against kcrypto as
# wireguard.ko (scripts/wireguard-build; it keeps WireGuard's name, its link
# type), runs the kernel's own
# selftest tools/testing/selftests/wireguard/netns.sh, unmodified, with
# Debian's bash, iproute2, wireguard-tools, iperf3, ping, ncat and
# iptables (legacy).
#   - modprobe kcrypto binds the arch modules; modprobe wireguard
#     takes a reference on kcrypto (refcnt and holders checked).
#   - rmmod kcrypto is refused while WireGuard holds it; in weak mode so is
#     rmmod of a bound arch module while kcrypto is loaded.
#   - netns.sh exits 0 (its own checks: ping and iperf3 over tunnels in
#     three namespaces, roaming, NAT, allowed IPs, key rotation, ...); its
#     output goes to the console as OUT lines.
#   - The tunnels' error counters stay at zero; then WireGuard and kcrypto
#     unload.

WG_MOD=wireguard
WG_NETNS=/kcm/wireguard/netns.sh
# Debian's tools first: busybox has applets of the same names (ip, ping),
# which its shell runs whatever PATH says: from sh, call them by full path.
WG_PATH=/usr/sbin:/usr/bin:/sbin:/bin
WG_IP=/usr/sbin/ip
WG_WG=/usr/bin/wg
WG_IPERF3=/usr/bin/iperf3
WG_PING=/usr/bin/ping

# What the net tools expect of the file system: ip netns keeps its files
# in /run/netns (or /var/run/netns); bash's process substitution, which
# netns.sh uses for keys (wg set ... private-key <(...)), needs /dev/fd.
wg_prepare_fs() {
	grep -q ' /run ' /proc/mounts || mount -t tmpfs tmpfs /run
	mkdir -p /run/netns /var
	[ -e /var/run ] || ln -s /run /var/run
	[ -e /dev/fd ] || ln -s /proc/self/fd /dev/fd
}

# $1: what is being checked; WireGuard loaded, kcrypto held by it.
wg_check_holds() {
	local holders
	is_loaded $WG_MOD || { fail "$1: $WG_MOD not loaded"; return 1; }
	holders=$(ls /sys/module/kcrypto/holders 2>/dev/null | tr '\n' ' ')
	info "$1: kcrypto refcnt=$(cat /sys/module/kcrypto/refcnt) holders: $holders"
	echo " $holders" | grep -q " $(us $WG_MOD) " || fail "$1: $WG_MOD not among kcrypto's holders"
	if $RMMOD kcrypto >/tmp/rm.out 2>&1; then
		fail "$1: rmmod kcrypto succeeded while $WG_MOD holds it"
	else
		info "$1: rmmod kcrypto refused: $(head -n 1 /tmp/rm.out)"
	fi
	is_loaded kcrypto || fail "$1: kcrypto gone while $WG_MOD holds it"
}

# In weak mode kcrypto holds the arch modules it bound.
wg_check_weak_arch() {
	local m
	[ "$BIND" = weak ] || return 0
	for m in $ARCH_MODS; do
		is_loaded "$m" || continue
		if $RMMOD "$(us "$m")" >/tmp/rm.out 2>&1; then
			fail "weak: rmmod $m succeeded while kcrypto is loaded"
			$INSMOD "$(modfile "$m")" >/dev/null 2>&1
		else
			info "weak: rmmod $m refused: $(head -n 1 /tmp/rm.out)"
		fi
	done
}

wg_load() {
	run $MODPROBE kcrypto || { fail "modprobe kcrypto failed"; return 1; }
	check_bind_mode
	show_bindings
	run $MODPROBE $WG_MOD || { fail "modprobe $WG_MOD failed"; return 1; }
	wg_check_holds "loaded"
	wg_check_weak_arch
}

wg_unload() {
	run $RMMOD $WG_MOD || fail "rmmod $WG_MOD failed"
	is_loaded $WG_MOD && fail "$WG_MOD still loaded"
	[ -e /sys/module/kcrypto/holders/$WG_MOD ] &&
		fail "kcrypto still held by $WG_MOD after it left"
	info "after rmmod $WG_MOD: kcrypto refcnt=$(cat /sys/module/kcrypto/refcnt)"
}

scen_wireguard() {
	local rc t0
	unload_all
	[ -e "$WG_NETNS" ] || { fail "$WG_NETNS not in the image"; return; }
	[ -x /bin/bash ] && [ -x /usr/sbin/ip ] && [ -x /usr/bin/wg ] ||
		{ fail "net userland missing (bash, ip, wg): run on the net variant"; return; }
	wg_prepare_fs
	wg_load || return
	info "wg: $($WG_WG --version 2>&1)"
	t0=$(uptime_cs)
	rm -f /tmp/netns.rc
	# stdin stays the console: netns.sh sleeps with "read -t".  Its
	# colour codes are dropped on the way to the console.
	{ PATH=$WG_PATH bash "$WG_NETNS"; echo $? >/tmp/netns.rc; } 2>&1 |
		tr -d '\033' | while IFS= read -r l; do say "OUT $SCEN $l"; done
	rc=$(cat /tmp/netns.rc 2>/dev/null)
	info "netns.sh rc=${rc:-none} in $(( ($(uptime_cs) - t0) / 100 ))s"
	[ "$rc" = 0 ] || fail "netns.sh failed (rc=${rc:-none})"
	show_bindings
	wg_check_holds "after netns.sh"
	wg_unload
}
