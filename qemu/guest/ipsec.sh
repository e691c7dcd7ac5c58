# SPDX-License-Identifier: GPL-2.0
# ipsec (opt-in; the net kernel variant with the net userland): IPsec ESP
# with rfc7539esp(chacha20,poly1305) served by kcrypto-crypto.ko.  Two
# namespaces joined by a veth pair, transport-mode xfrm states and
# policies set with ip xfrm (Debian's iproute2).
#   - The states' AEAD is kcrypto's driver: its /proc/crypto refcnt rises
#     when the states are added (kcrypto-crypto's priority beats the
#     kernel's generic driver), and rmmod kcrypto-crypto is refused while
#     they hold it.
#   - A ping flood (IPS_PINGS, 2000) and an iperf3 run (10 s) cross the
#     tunnel: no ping lost, iperf3 completes, every /proc/net/xfrm_stat
#     counter stays 0 in both namespaces, and the states' integrity and
#     replay failure counters stay 0 while their packet counters grow.
#   - ffp: the same traffic again while every arch module is unplugged and
#     replugged (IPS_CYCLES, 10 cycles) and force_generic flips.
# INFO lines give the xfrm counters and the packets through the states.

IPS_PINGS=${KCM_ips_pings:-2000}
IPS_CYCLES=${KCM_ips_cycles:-10}
IPS_DRIVER=rfc7539esp-chacha20-poly1305-kcrypto
IPS_ALG='rfc7539esp(chacha20,poly1305)'

ips_ns() { $WG_IP netns exec "$@"; }

# Key material: 32 bytes of key, 4 of salt, per direction.
ips_setup() {
	local i
	$WG_IP netns add ips1 && $WG_IP netns add ips2 || return 1
	$WG_IP link add veth1 netns ips1 type veth peer name veth2 netns ips2 || return 1
	for i in 1 2; do
		$WG_IP -n ips$i link set lo up
		$WG_IP -n ips$i addr add 10.88.0.$i/24 dev veth$i || return 1
		$WG_IP -n ips$i link set veth$i up || return 1
		# The same states in both namespaces, one per direction.
		$WG_IP -n ips$i xfrm state add src 10.88.0.1 dst 10.88.0.2 proto esp spi 0x1001 \
			reqid 1 mode transport aead "$IPS_ALG" \
			0x000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1fa0a1a2a3 128 || return 1
		$WG_IP -n ips$i xfrm state add src 10.88.0.2 dst 10.88.0.1 proto esp spi 0x1002 \
			reqid 2 mode transport aead "$IPS_ALG" \
			0x202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3fb0b1b2b3 128 || return 1
	done
	$WG_IP -n ips1 xfrm policy add src 10.88.0.1 dst 10.88.0.2 dir out \
		tmpl src 10.88.0.1 dst 10.88.0.2 proto esp reqid 1 mode transport || return 1
	$WG_IP -n ips1 xfrm policy add src 10.88.0.2 dst 10.88.0.1 dir in \
		tmpl src 10.88.0.2 dst 10.88.0.1 proto esp reqid 2 mode transport || return 1
	$WG_IP -n ips2 xfrm policy add src 10.88.0.2 dst 10.88.0.1 dir out \
		tmpl src 10.88.0.2 dst 10.88.0.1 proto esp reqid 2 mode transport || return 1
	$WG_IP -n ips2 xfrm policy add src 10.88.0.1 dst 10.88.0.2 dir in \
		tmpl src 10.88.0.1 dst 10.88.0.2 proto esp reqid 1 mode transport || return 1
	ips_ns ips1 $WG_PING -c 3 -W 2 10.88.0.2
}

ips_teardown() {
	kill $($WG_IP netns pids ips1 2>/dev/null) $($WG_IP netns pids ips2 2>/dev/null) 2>/dev/null
	$WG_IP netns del ips1 2>/dev/null
	$WG_IP netns del ips2 2>/dev/null
}

# /proc/net/xfrm_stat of namespace $1 as "N counters, nonzero: name=value ..."
# (or "none"); returns 1 if a counter is nonzero or the file is missing or
# empty (a kernel without CONFIG_XFRM_STATISTICS).
ips_xfrm_stat() {
	ips_ns "$1" cat /proc/net/xfrm_stat 2>&1 | awk '
		NF == 2 && $2 ~ /^[0-9]+$/ { n++; if ($2 != 0) bad = bad " " $1 "=" $2; next }
		{ bad = bad " unreadable (" $0 ")" }
		END { if (!n) bad = bad " no counters (CONFIG_XFRM_STATISTICS?)"
		      printf "%d counters, nonzero:%s\n", n, bad ? bad : " none"; exit bad != "" }'
}

# Traffic through the states: a ping flood and 10 s of iperf3; $1: label.
# Returns nonzero if any of it failed (also in a background subshell,
# whose fail() the scenario does not see).
ips_traffic() {
	local loss rc=0
	ips_ns ips1 $WG_PING -f -c "$IPS_PINGS" -W 2 10.88.0.2 >/tmp/ips.ping 2>&1 ||
		{ fail "$1: ping flood failed"; emit_file "$SCEN" /tmp/ips.ping; rc=1; }
	loss=$(sed -n 's/.* \([0-9.]*\)% packet loss.*/\1/p' /tmp/ips.ping)
	info "$1: ping -f -c $IPS_PINGS: $(grep -m1 'packets transmitted' /tmp/ips.ping)"
	[ "$loss" = 0 ] || { fail "$1: ping flood lost ${loss:-?}%"; rc=1; }
	if ips_ns ips1 $WG_IPERF3 -c 10.88.0.2 -t 10 -f m >/tmp/ips.iperf 2>&1; then
		info "$1: iperf3 $(awk '/receiver/ { for (i = 1; i < NF; i++) if ($(i + 1) == "Mbits/sec") print $i " Mbit/s" }' /tmp/ips.iperf)"
	else
		fail "$1: iperf3 failed: $(tail -n 1 /tmp/ips.iperf)"
		rc=1
	fi
	return $rc
}

# The states' counters in namespace $1: "replay-window ... replay ... failed ...".
ips_state_stats() {
	$WG_IP -n "$1" -s xfrm state | awk '
		/^src/ { spi = "" }
		/proto esp spi/ { for (i = 1; i <= NF; i++) if ($i == "spi") spi = $(i + 1) }
		/^\tstats:/ { getline; print "spi=" spi " " $0 }
		/lifetime current:/ { getline; print "spi=" spi " current " $0 }'
}

ips_check_counters() {
	local i e
	for i in 1 2; do
		if e=$(ips_xfrm_stat ips$i); then
			info "$1: ips$i /proc/net/xfrm_stat: $e"
		else
			fail "$1: ips$i /proc/net/xfrm_stat: $e"
		fi
		ips_state_stats ips$i >/tmp/ips.stats
		while IFS= read -r l; do info "$1: ips$i $l"; done </tmp/ips.stats
		# "replay-window W replay R failed F" (ip -s xfrm state's stats
		# line): R replayed packets, F that failed integrity; both 0.
		awk '/replay-window/ { n++; for (i = 1; i <= NF; i++) if (($i == "replay" || $i == "failed") && $(i + 1) != 0) bad = bad " " $1 " " $i "=" $(i + 1) }
			END { if (n != 2) bad = bad " " n + 0 " stats lines, expected 2"; if (bad) { print bad; exit 1 } }' /tmp/ips.stats >/tmp/ips.bad ||
			fail "$1: ips$i xfrm state counters:$(cat /tmp/ips.bad)"
	done
}

ips_plug_loop() {
	local m n=0 fg=none t
	rm -f /tmp/ips.fail
	(ips_traffic "during the plug loop" || touch /tmp/ips.fail) &
	t=$!
	while [ $n -lt "$IPS_CYCLES" ] || kill -0 $t 2>/dev/null; do
		for m in $ARCH_MODS; do
			$RMMOD "$(us "$m")" >/tmp/ips.rm 2>&1 || { fail "rmmod $m under IPsec traffic: $(cat /tmp/ips.rm)"; break 2; }
			$INSMOD "$(modfile "$m")" >/tmp/ips.rm 2>&1 || { fail "insmod $m under IPsec traffic: $(cat /tmp/ips.rm)"; break 2; }
		done
		n=$((n + 1))
		[ $fg = none ] && fg=all || fg=none
		echo $fg >/sys/module/kcrypto/parameters/force_generic
		[ $n -ge 200 ] && break
	done
	wait $t
	[ -e /tmp/ips.fail ] && fail "traffic failed during the plug loop"
	echo none >/sys/module/kcrypto/parameters/force_generic
	info "plug loop: $n cycles of $(echo $ARCH_MODS | wc -w) arch modules with force_generic flips under IPsec traffic"
}

ips_run() {
	local ref0 ref1 rc
	unload_all
	[ -x /usr/sbin/ip ] && [ -x /usr/bin/iperf3 ] ||
		{ fail "net userland missing (ip, iperf3): run on the net variant"; return; }
	[ -e "$CA_MOD" ] || { fail "$CA_MOD not in the image"; return; }
	wg_prepare_fs
	run $MODPROBE kcrypto || { fail "modprobe kcrypto failed"; return; }
	check_bind_mode
	run $INSMOD "$CA_MOD" || { fail "insmod kcrypto-crypto failed"; return; }
	ca_wait_tests
	ref0=$(ca_field $IPS_DRIVER refcnt)
	if ! ips_setup >/tmp/ips.setup 2>&1; then
		fail "IPsec setup failed"
		emit_file "$SCEN" /tmp/ips.setup
		ips_teardown
		return
	fi
	ref1=$(ca_field $IPS_DRIVER refcnt)
	info "$IPS_DRIVER refcnt: $ref0 before the states, $ref1 with them"
	[ -n "$ref1" ] && [ "$ref1" -gt "${ref0:-0}" ] ||
		fail "the xfrm states do not use $IPS_DRIVER (refcnt $ref0 -> $ref1)"
	if $RMMOD kcrypto_crypto >/tmp/rm.out 2>&1; then
		fail "rmmod kcrypto-crypto succeeded while xfrm states use it"
	else
		info "rmmod kcrypto-crypto with xfrm states refused: $(head -n 1 /tmp/rm.out)"
	fi
	ips_ns ips2 $WG_IPERF3 -s >/tmp/ips.server 2>&1 &
	sleep 1
	ips_traffic "traffic"
	ips_check_counters "after traffic"
	if [ "$BIND" = ffp ]; then
		ips_plug_loop
		ips_traffic "after the plug loop"
		ips_check_counters "after the plug loop"
		show_bindings
	fi
	ips_teardown
	sleep 1
	rc=0
	run $RMMOD kcrypto_crypto || rc=1
	[ $rc = 0 ] || fail "rmmod kcrypto-crypto after the states were deleted failed"
}

scen_ipsec() { ips_run; }
