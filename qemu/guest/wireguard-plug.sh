# SPDX-License-Identifier: GPL-2.0
# wireguard-plug (opt-in, ffp; the net kernel variant with the net
# userland): hot-plug under tunnel traffic.  Two namespaces joined by a
# veth pair carry a WireGuard tunnel (wireguard.ko on kcrypto, as in the
# wireguard scenario).
#   - Throughput: iperf3 through the tunnel with force_generic=all and
#     =none, in the same boot: "ratio generic/accelerated" (INFO).
#   - Plug loop: while iperf3 runs through the tunnel (WGP_RATE, 20 Mbit/s)
#     for at least WGP_SECONDS (60) s, every arch module is rmmod'ed and insmod'ed again,
#     cycle after cycle, at least WGP_CYCLES (50) times, and force_generic
#     flips between all and none every fifth cycle.
#   - Required: every iperf3 run completes; no packet failed authentication
#     (kcrypto's debugfs aead_rejected did not move: WireGuard drops such
#     packets without a counter of its own); the wg interfaces' rx error
#     counters are 0; each side received exactly what the other sent (wg
#     show transfer); the tunnel still pings at the end; no splat.
# INFO lines give the cycles, the flips, the iperf3 runs and the packets and
# bytes through the tunnel.

WGP_SECONDS=${KCM_wgp_seconds:-60}
WGP_CYCLES=${KCM_wgp_cycles:-50}
# iperf3's rate during the plug loop: under TCG a saturated link leaves
# the CPU to the traffic and a plug cycle (8 module loads and unloads on
# x86_64) takes seconds.
WGP_RATE=${KCM_wgp_rate:-20M}
WGP_REJ=/sys/kernel/debug/kcrypto/aead_rejected

wgp_ns() { $WG_IP netns exec "$@"; }

# Two namespaces, a veth pair, a tunnel 10.78.0.1 <-> 10.78.0.2 over
# 10.77.0.1 <-> 10.77.0.2.
wgp_setup() {
	local i k1 k2
	$WG_IP netns add wgp1 && $WG_IP netns add wgp2 || return 1
	$WG_IP link add veth1 netns wgp1 type veth peer name veth2 netns wgp2 || return 1
	for i in 1 2; do
		$WG_IP -n wgp$i link set lo up
		$WG_IP -n wgp$i addr add 10.77.0.$i/24 dev veth$i
		$WG_IP -n wgp$i link set veth$i up
		$WG_IP -n wgp$i link add wg0 type wireguard || return 1
		$WG_IP -n wgp$i addr add 10.78.0.$i/24 dev wg0
	done
	$WG_WG genkey >/tmp/wgp.k1 && $WG_WG genkey >/tmp/wgp.k2 || return 1
	k1=$($WG_WG pubkey </tmp/wgp.k1)
	k2=$($WG_WG pubkey </tmp/wgp.k2)
	wgp_ns wgp1 $WG_WG set wg0 private-key /tmp/wgp.k1 listen-port 51820 \
		peer "$k2" endpoint 10.77.0.2:51820 allowed-ips 10.78.0.2/32 || return 1
	wgp_ns wgp2 $WG_WG set wg0 private-key /tmp/wgp.k2 listen-port 51820 \
		peer "$k1" endpoint 10.77.0.1:51820 allowed-ips 10.78.0.1/32 || return 1
	$WG_IP -n wgp1 link set wg0 up && $WG_IP -n wgp2 link set wg0 up || return 1
	wgp_ns wgp1 $WG_PING -c 3 -W 2 10.78.0.2 >/tmp/wgp.ping 2>&1
}

wgp_teardown() {
	kill $($WG_IP netns pids wgp1 2>/dev/null) $($WG_IP netns pids wgp2 2>/dev/null) 2>/dev/null
	$WG_IP netns del wgp1 2>/dev/null
	$WG_IP netns del wgp2 2>/dev/null
}

# iperf3 for $1 s through the tunnel (at most $2 bit/s if given); prints
# the receiver's Mbit/s, or nothing if the run failed (its output then in
# /tmp/wgp.run).
wgp_iperf() {
	wgp_ns wgp1 $WG_IPERF3 -c 10.78.0.2 -t "$1" ${2:+-b "$2"} -f m >/tmp/wgp.run 2>&1 || return 1
	awk '/receiver/ { for (i = 1; i < NF; i++) if ($(i + 1) == "Mbits/sec") r = $i } END { if (r != "") print r; else exit 1 }' /tmp/wgp.run
}

# Field $2 of "$WG_WG show wg0 transfer" in namespace $1: 2 = received, 3 = sent.
wgp_transfer() { wgp_ns "$1" $WG_WG show wg0 transfer | awk -v f="$2" '{ print $f }'; }
wgp_stat() { wgp_ns "$1" cat "/sys/class/net/wg0/statistics/$2"; }

wgp_ratio() {
	local fg r gen acc
	for fg in all none; do
		echo $fg >/sys/module/kcrypto/parameters/force_generic
		r=$(wgp_iperf 15) || { fail "iperf3 with force_generic=$fg failed: $(tail -n 2 /tmp/wgp.run | tr '\n' ' ')"; return; }
		info "throughput force_generic=$fg: $r Mbit/s"
		[ $fg = all ] && gen=$r || acc=$r
	done
	info "throughput ratio generic/accelerated: $(awk -v g="$gen" -v a="$acc" 'BEGIN { printf "%.2f", g / a }') ($gen / $acc Mbit/s, iperf3 TCP, 15 s each)"
}

wgp_plug_loop() {
	local t0 cycles=0 flips=0 m fg=none runs fails traffic
	rm -f /tmp/wgp.stop /tmp/wgp.iperf
	(
		while [ ! -e /tmp/wgp.stop ]; do
			if r=$(wgp_iperf 10 "$WGP_RATE"); then
				echo "ok $r" >>/tmp/wgp.iperf
			else
				echo "FAIL $(tail -n 1 /tmp/wgp.run)" >>/tmp/wgp.iperf
			fi
		done
	) &
	traffic=$!
	t0=$(uptime_cs)
	while [ $(( ($(uptime_cs) - t0) / 100 )) -lt "$WGP_SECONDS" ] || [ $cycles -lt "$WGP_CYCLES" ]; do
		for m in $ARCH_MODS; do
			$RMMOD "$(us "$m")" >/tmp/wgp.rm 2>&1 || { fail "cycle $cycles: rmmod $m: $(cat /tmp/wgp.rm)"; break 2; }
			$INSMOD "$(modfile "$m")" >/tmp/wgp.rm 2>&1 || { fail "cycle $cycles: insmod $m: $(cat /tmp/wgp.rm)"; break 2; }
		done
		cycles=$((cycles + 1))
		if [ $((cycles % 5)) = 0 ]; then
			[ $fg = none ] && fg=all || fg=none
			echo $fg >/sys/module/kcrypto/parameters/force_generic || fail "force_generic=$fg refused"
			flips=$((flips + 1))
		fi
		[ $((cycles % 10)) = 0 ] && info "plug cycle $cycles, $(( ($(uptime_cs) - t0) / 100 ))s"
	done
	echo none >/sys/module/kcrypto/parameters/force_generic
	touch /tmp/wgp.stop
	wait $traffic
	runs=$(grep -c . /tmp/wgp.iperf)
	fails=$(grep -c '^FAIL' /tmp/wgp.iperf)
	info "plug loop: $cycles cycles of $(echo $ARCH_MODS | wc -w) arch modules in $(( ($(uptime_cs) - t0) / 100 ))s, $flips force_generic flips, $runs iperf3 runs ($fails failed): $(grep '^ok' /tmp/wgp.iperf | awk '{ printf "%s ", $2 }')Mbit/s"
	[ "$runs" -gt 0 ] || fail "no iperf3 run during the plug loop"
	[ "$fails" = 0 ] || fail "iperf3 failed during the plug loop: $(grep -m1 '^FAIL' /tmp/wgp.iperf)"
	[ $cycles -ge "$WGP_CYCLES" ] || fail "only $cycles plug cycles"
}

wgp_verdict() {
	local rej0=$1 rej i e sent recv
	sleep 2
	rej=$(cat $WGP_REJ)
	info "kcrypto aead_rejected: $rej0 before, $rej after"
	[ "$rej" = "$rej0" ] || fail "$((rej - rej0)) decryptions failed authentication"
	for i in 1 2; do
		for e in rx_errors rx_dropped rx_frame_errors rx_length_errors; do
			[ "$(wgp_stat wgp$i $e)" = 0 ] || fail "wgp$i wg0 $e=$(wgp_stat wgp$i $e)"
		done
		info "wgp$i wg0: rx_packets=$(wgp_stat wgp$i rx_packets) tx_packets=$(wgp_stat wgp$i tx_packets) rx_bytes=$(wgp_stat wgp$i rx_bytes)"
	done
	sent=$(wgp_transfer wgp1 3)
	recv=$(wgp_transfer wgp2 2)
	info "wg transfer wgp1->wgp2: sent $sent, received $recv"
	[ "$sent" = "$recv" ] || fail "wgp1 sent $sent bytes, wgp2 received $recv"
	sent=$(wgp_transfer wgp2 3)
	recv=$(wgp_transfer wgp1 2)
	info "wg transfer wgp2->wgp1: sent $sent, received $recv"
	[ "$sent" = "$recv" ] || fail "wgp2 sent $sent bytes, wgp1 received $recv"
	dmesg | grep -i "invalid authentication" >/tmp/wgp.auth && fail "kernel log: $(head -n 1 /tmp/wgp.auth)"
	wgp_ns wgp1 $WG_PING -c 3 -W 2 10.78.0.2 >/tmp/wgp.ping 2>&1 ||
		{ fail "tunnel down after the plug loop"; emit_file "$SCEN" /tmp/wgp.ping; }
}

wgp_run() {
	local rej0
	unload_all
	[ -x /usr/bin/iperf3 ] && [ -x /usr/bin/wg ] ||
		{ fail "net userland missing (iperf3, wg): run on the net variant"; return; }
	wg_prepare_fs
	wg_load || return
	[ -r $WGP_REJ ] || { fail "$WGP_REJ missing"; return; }
	rej0=$(cat $WGP_REJ)
	if ! wgp_setup >/tmp/wgp.setup 2>&1; then
		fail "tunnel setup failed"
		emit_file "$SCEN" /tmp/wgp.setup
		emit_file "$SCEN" /tmp/wgp.ping
		wgp_teardown
		wg_unload
		return
	fi
	wgp_ns wgp2 $WG_IPERF3 -s >/tmp/wgp.server 2>&1 &
	sleep 1
	wgp_ratio
	wgp_plug_loop
	show_bindings
	wgp_verdict "$rej0"
	wgp_teardown
	wg_unload
}

scen_wireguard_plug() { wgp_run; }
