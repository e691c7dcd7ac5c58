# SPDX-License-Identifier: GPL-2.0
# crypto-api (opt-in; the net kernel variant, which has the crypto API with
# the crypto manager's self-tests and their extra/full tests): kcrypto's
# primitives as crypto API drivers, kcrypto-crypto.ko (crypto_api/).
#   - With force_generic=none and then =all: insmod kcrypto-crypto; every
#     expected "<alg>-kcrypto" driver is in /proc/crypto with the default
#     priority, from module kcrypto_crypto, and "selftest : passed" (the
#     kernel's testmgr tests each driver at registration; 7.x finishes the
#     tests asynchronously, so /proc/crypto is polled); the KUnit suite
#     kcrypto-kunit-crypto-api runs vectors and bad sizes through them by
#     driver name.  shash poly1305 and kpp curve25519 are expected exactly
#     where the kernel registered its own (6.x).  Needs KUnit (the suite
#     module holds the transforms below): scripts/matrix/scenarios.py.
#   - priority=150 shows in /proc/crypto; priority=0 is refused and leaves
#     no driver behind (all-or-nothing registration).
#   - With the KUnit module holding transforms of chacha20-kcrypto and both
#     AEAD drivers (hold=1),
#     rmmod kcrypto-crypto is refused; in ffp mode every arch module is
#     unplugged and replugged while the transforms are held and used.
#   - AF_ALG: the client /usr/bin/kcrypto-afalg (qemu/afalg/, built by
#     scripts/matrix/guestbin.py) runs the KTV vectors, RFC 8439 and bad
#     input by driver name: first on the kernel's own drivers (-g), then on
#     the *-kcrypto ones with force_generic=none and =all; each bad-input
#     case must give the kernel's own driver's error.  In ffp mode it runs
#     in a loop while every arch module is unplugged and replugged: every
#     run must pass.
#   - libkcapi: after each kcrypto-afalg run, /usr/bin/kcrypto-kcapi (built
#     against Debian's libkcapi, qemu/afalg/kcrypto-kcapi.c) runs the same
#     KTV files through libkcapi by driver name; any FAIL fails the
#     scenario.  Once per boot its self-check: a file of corrupted tags
#     (/etc/kcrypto/afalg/selfcheck/) must give the counts $KCAPI_SELFCHECK
#     on the kernel's drivers, or the client could not fail.  libkcapi
#     needs NETLINK_CRYPTO (CONFIG_CRYPTO_USER, in qemu/config/net.config):
#     without it the scenario fails, saying so.  A client the host could
#     not build fails the scenario (/etc/kcrypto/afalg/build-errors.txt).
# INFO lines: the testmgr settings (cryptomgr parameters), per driver
# "driver=... priority=... selftest=...", per client run its AFALG-SUMMARY
# and AFALG-FILE lines, and KCAPI-SUMMARY, KCAPI-DRIVER and KCAPI-FILE
# lines (FAIL lines of the clients as OUT lines).

CA_MOD="$MODDIR/extra/kcrypto-crypto.ko"
CA_KUNIT="$MODDIR/kunit/kcrypto-kunit-crypto-api.ko"
CA_USE=/sys/module/kcrypto_kunit_crypto_api/parameters/use
CA_BASE="chacha20 xchacha20 xchacha12 rfc7539-chacha20-poly1305 rfc7539esp-chacha20-poly1305"
CA_PRIO=400
CA_AFALG=/usr/bin/kcrypto-afalg
CA_AFALG_OPS=' op=(chacha20poly1305|xchacha20poly1305|chacha20) '
CA_KCAPI=/usr/bin/kcrypto-kcapi
CA_SELFCHECK=/etc/kcrypto/afalg/selfcheck/corrupt-tags.ktv
CA_BUILD_ERRORS=/etc/kcrypto/afalg/build-errors.txt

# Field $2 of the /proc/crypto block of driver $1.  Larval blocks (type
# larval, module kernel: lookups and tests in flight) carry the driver name
# too and are skipped.
ca_field() {
	awk -F' *: ' -v d="$1" -v f="$2" '
		function flush() { if (v["driver"] == d && v["type"] != "larval" && !done) { print v[f]; done = 1 } split("", v) }
		/^$/ { flush(); next }
		{ v[$1] = $2 }
		END { flush() }' /proc/crypto
}
ca_has_name() { awk -F' *: ' -v n="$1" '$1 == "name" && $2 == n { f = 1 } END { exit !f }' /proc/crypto; }
ca_drivers() {
	local a
	for a in $CA_BASE; do echo "$a-kcrypto"; done
	# The optional ones: where the kernel has the algorithm itself.
	[ -n "$CA_POLY" ] && echo poly1305-kcrypto
	[ -n "$CA_CURVE" ] && echo curve25519-kcrypto
}

# testmgr's verdict on driver $1 in the kernel log: a failed self-test
# leaves /proc/crypto at "unknown" for good.
ca_testmgr_failed() { dmesg | grep -m1 "alg: self-tests for .* using $1 failed"; }

# Wait (up to 120 s) until every kcrypto driver's self-test has passed or
# failed.
ca_wait_tests() {
	local i d s pending
	i=0
	while [ $i -lt 240 ]; do
		pending=
		for d in $(ca_drivers); do
			s=$(ca_field "$d" selftest)
			[ "$s" = passed ] || [ -n "$(ca_testmgr_failed "$d")" ] || pending="$pending $d($s)"
		done
		[ -z "$pending" ] && return 0
		sleep 0.5
		i=$((i + 1))
	done
	fail "self-tests not finished after 120s:$pending"
}

ca_check_drivers() {
	local d s p m
	ca_wait_tests
	for d in $(ca_drivers); do
		s=$(ca_field "$d" selftest)
		p=$(ca_field "$d" priority)
		m=$(ca_field "$d" module)
		info "$1 driver=$d name=$(ca_field "$d" name) priority=$p selftest=$s module=$m"
		[ -n "$p" ] || { fail "$1: $d not in /proc/crypto"; continue; }
		[ "$s" = passed ] || fail "$1: $d selftest '$s': $(ca_testmgr_failed "$d" | cut -c1-160)"
		[ "$p" = "$2" ] || fail "$1: $d priority $p, expected $2"
		[ "$m" = kcrypto_crypto ] || fail "$1: $d module '$m', expected kcrypto_crypto"
	done
	# Nothing registered that this scenario does not expect.
	for d in $(awk -F' *: ' '$1 == "driver" && $2 ~ /-kcrypto$/ { print $2 }' /proc/crypto); do
		ca_drivers | grep -qx "$d" || fail "$1: unexpected driver $d in /proc/crypto"
	done
}

# The kernel's modules kcrypto-crypto.ko needs (Debian's 6.x kernels:
# crypto/aead.ko, in the image under kernel/crypto; cell.guest_extras).
ca_deps() {
	local m
	for m in $(/sbin/modinfo -F depends "$CA_MOD" | tr , ' '); do
		is_loaded "$m" && continue
		run $MODPROBE "$m" || { fail "modprobe $m (needed by kcrypto-crypto) failed"; return 1; }
	done
}

# Without KUnit (Debian's kernels) the drivers serve requests only to
# testmgr at registration: said, not skipped in silence.
ca_no_kunit() {
	[ "$KUNIT" = n ] || return 1
	info "$1: kernel without CONFIG_KUNIT: no kcrypto-kunit-crypto-api; testmgr's self-tests are the requests served"
}

ca_kunit() {
	local rc
	ca_no_kunit "$1" && return
	[ -e "$CA_KUNIT" ] || { fail "$CA_KUNIT not in the image"; return; }
	say "KTAP-BEGIN $SCEN kcrypto-kunit-crypto-api"
	$INSMOD "$CA_KUNIT" >/tmp/kunit.out 2>&1
	rc=$?
	say "KTAP-END $SCEN kcrypto-kunit-crypto-api rc=$rc"
	[ $rc = 0 ] || { fail "$1: insmod kcrypto-kunit-crypto-api failed (rc=$rc)"; emit_file "$SCEN" /tmp/kunit.out; }
	$RMMOD kcrypto_kunit_crypto_api >/dev/null 2>&1
}

ca_use() {
	echo 1 > "$CA_USE" 2>/tmp/use.err || fail "$1: a request through the held transforms failed: $(cat /tmp/use.err)"
}

ca_hold() {
	local m rc
	ca_no_kunit "lifetime (transforms held)" && return
	run $INSMOD "$CA_MOD" || { fail "insmod kcrypto-crypto failed"; return; }
	# The suite runs again at this load: its KTAP counts too.
	say "KTAP-BEGIN $SCEN kcrypto-kunit-crypto-api"
	$INSMOD "$CA_KUNIT" hold=1 >/tmp/kunit.out 2>&1
	rc=$?
	say "KTAP-END $SCEN kcrypto-kunit-crypto-api rc=$rc"
	[ $rc = 0 ] || { fail "insmod kcrypto-kunit-crypto-api hold=1 failed (rc=$rc)"; emit_file "$SCEN" /tmp/kunit.out; $RMMOD kcrypto_crypto; return; }
	ca_use "held"
	if $RMMOD kcrypto_crypto >/tmp/rm.out 2>&1; then
		fail "rmmod kcrypto-crypto succeeded with transforms allocated"
	else
		info "rmmod kcrypto-crypto with transforms held refused: $(head -n 1 /tmp/rm.out)"
	fi
	is_loaded kcrypto-crypto || fail "kcrypto-crypto gone with transforms held"
	if [ "$BIND" = ffp ]; then
		for m in $ARCH_MODS; do
			is_loaded "$m" || continue
			run $RMMOD "$(us "$m")" || { fail "rmmod $m with transforms held failed"; continue; }
			ca_use "$m unplugged"
			run $INSMOD "$(modfile "$m")" || fail "re-insmod $m failed"
			ca_use "$m replugged"
		done
		show_bindings
	fi
	run $RMMOD kcrypto_kunit_crypto_api || fail "rmmod kcrypto-kunit-crypto-api failed"
	run $RMMOD kcrypto_crypto || fail "rmmod kcrypto-crypto after the transforms were freed failed"
}

# The vector files with records the AF_ALG client uses (the runner puts
# them into /etc/kcrypto/afalg/: scripts/matrix/cell.py guest_extras()).
ca_afalg_files() {
	local f
	for f in /etc/kcrypto/afalg/*.ktv; do
		grep -q -m1 -E "$CA_AFALG_OPS" "$f" && echo "$f"
	done
}

# Run the client once ($1: label, then its options) on $CA_KTV; its
# summary and per-file counts as INFO, its failing cases as OUT lines.
ca_afalg() {
	local label=$1 rc pid i
	shift
	if [ "$AFALG" = n ]; then
		# Debian's kernels (the distro lane): AF_ALG and the kernel's own
		# drivers are modules there, under names the client does not know.
		info "$label: AF_ALG client not run on a distribution kernel (the net variant runs it)"
		return 0
	fi
	[ -x "$CA_AFALG" ] || { fail "$label: $CA_AFALG not in the image (its host build failed: see the runner's log)"; return 1; }
	[ -n "$CA_KTV" ] || fail "$label: no vector file with$CA_AFALG_OPS records in /etc/kcrypto/afalg"
	# In the background, with a heartbeat (its last line) every 20 s: a
	# bind waits up to 60 s for a template instance's self-test.
	# shellcheck disable=SC2086 # CA_KTV: a list of file names
	"$CA_AFALG" "$@" $CA_KTV >/tmp/afalg.out 2>&1 &
	pid=$!
	i=0
	while kill -0 $pid 2>/dev/null && [ $i -lt 900 ]; do
		sleep 1
		i=$((i + 1))
		[ $((i % 20)) = 0 ] && info "$label: AF_ALG client running ${i}s, $(wc -l < /tmp/afalg.out) lines, last: $(tail -n 1 /tmp/afalg.out | cut -c1-200)"
	done
	if kill -0 $pid 2>/dev/null; then
		kill -9 $pid
		fail "$label: AF_ALG client still running after 900s, killed; last: $(tail -n 1 /tmp/afalg.out | cut -c1-200)"
	fi
	wait $pid
	rc=$?
	grep '^AFALG-REF' /tmp/afalg.out | while IFS= read -r l; do info "$label $l"; done
	info "$label AF_ALG $(grep '^AFALG-SUMMARY' /tmp/afalg.out) rc=$rc"
	grep '^AFALG-FILE' /tmp/afalg.out | while IFS= read -r l; do info "$label $l"; done
	[ $rc = 0 ] && return 0
	fail "$label: kcrypto-afalg rc=$rc, $(grep -c '^AFALG .* FAIL ' /tmp/afalg.out) failing cases"
	grep -v -e '^AFALG .* PASS ' -e '^AFALG-' /tmp/afalg.out >/tmp/afalg.fail
	emit_file "$SCEN" /tmp/afalg.fail
	return 1
}

# kcrypto-kcapi once ($1: label, then its options) on $CA_KTV (or, with
# CA_KCAPI_FILES set, on those), output in /tmp/kcapi.out; its summary,
# per-driver and per-file counts as INFO, its failing cases as OUT lines.
# Returns its exit status (255 if not run).
ca_kcapi_run() {
	local label=$1 rc
	shift
	[ -x "$CA_KCAPI" ] || { fail "$label: $CA_KCAPI not in the image (its host build failed: see $CA_BUILD_ERRORS)"; return 255; }
	# shellcheck disable=SC2086 # CA_KTV: a list of file names
	"$CA_KCAPI" "$@" ${CA_KCAPI_FILES:-$CA_KTV} >/tmp/kcapi.out 2>&1
	rc=$?
	grep '^KCAPI-REF' /tmp/kcapi.out | while IFS= read -r l; do info "$label $l"; done
	info "$label KCAPI $(grep '^KCAPI-SUMMARY' /tmp/kcapi.out) rc=$rc"
	grep -e '^KCAPI-DRIVER' -e '^KCAPI-FILE' /tmp/kcapi.out | while IFS= read -r l; do info "$label $l"; done
	if grep -q '^KCAPI-NETLINK' /tmp/kcapi.out; then
		fail "$label: libkcapi cannot open a handle: $(grep -m1 '^KCAPI-NETLINK' /tmp/kcapi.out) (the kernel needs CONFIG_CRYPTO_USER, as qemu/config/net.config has it)"
	fi
	grep -q '^KCAPI-TIMEOUT' /tmp/kcapi.out && fail "$label: $(grep -m1 '^KCAPI-TIMEOUT' /tmp/kcapi.out)"
	return $rc
}

ca_kcapi() {
	local label=$1 rc
	[ "$AFALG" = n ] && { info "$label: libkcapi client not run on a distribution kernel"; return 0; }
	ca_kcapi_run "$@"
	rc=$?
	[ $rc = 0 ] && return 0
	[ $rc = 255 ] && return 1
	fail "$label: kcrypto-kcapi rc=$rc, $(grep -c '^KCAPI .* FAIL ' /tmp/kcapi.out) failing cases"
	grep -v -e '^KCAPI .* PASS ' -e '^KCAPI .* N/A ' -e '^KCAPI-' /tmp/kcapi.out >/tmp/kcapi.fail
	emit_file "$SCEN" /tmp/kcapi.fail
	return 1
}

# Both AF_ALG clients, one after the other, on the same files.
ca_clients() {
	ca_afalg "$@"
	ca_kcapi "$@"
}

# Once per boot: kcrypto-kcapi must fail what it should.  On the kernel's
# own drivers, the self-check file (guestbin.corrupt_tags_ktv()) gives
# exactly $KCAPI_SELFCHECK, and exit status 1.
ca_kcapi_selfcheck() {
	local rc sum
	[ "$AFALG" = n ] && return 0
	[ -e "$CA_SELFCHECK" ] || { fail "kcrypto-kcapi self-check: $CA_SELFCHECK not in the image"; return; }
	CA_KCAPI_FILES=$CA_SELFCHECK ca_kcapi_run "kcapi self-check" -g
	rc=$?
	[ $rc = 255 ] && return
	sum=$(grep '^KCAPI-SUMMARY' /tmp/kcapi.out)
	case "$sum" in
	*" $KCAPI_SELFCHECK "*)
		[ $rc = 1 ] && { info "kcrypto-kcapi self-check: corrupted tags give $KCAPI_SELFCHECK, rc=1, as expected"; return; } ;;
	esac
	fail "kcrypto-kcapi self-check: '$sum' rc=$rc, expected $KCAPI_SELFCHECK and rc=1 (a client that cannot fail)"
	emit_file "$SCEN" /tmp/kcapi.out
}

ca_afalg_runs() { if [ -e /tmp/afalg.loop ]; then wc -l < /tmp/afalg.loop; else echo 0; fi; }

# Wait (up to 120 s) until the client loop has logged more than $1 runs.
ca_afalg_wait() {
	local i=0
	while [ "$(ca_afalg_runs)" -le "$1" ] && [ $i -lt 240 ]; do
		sleep 0.5
		i=$((i + 1))
	done
	[ "$(ca_afalg_runs)" -gt "$1" ] || fail "AF_ALG loop: no run finished in 120s ($2)"
}

# ffp: the client in a loop while each arch module is unplugged and
# replugged, a full run in each state (one may be in flight at the
# switch); every run must pass.
ca_afalg_plug() {
	local m n k pid
	[ "$AFALG" = n ] && { info "plug: AF_ALG client not run on a distribution kernel"; return; }
	[ -x "$CA_AFALG" ] || { fail "plug: $CA_AFALG not in the image"; return; }
	run $INSMOD "$CA_MOD" || { fail "plug: insmod kcrypto-crypto failed"; return; }
	rm -f /tmp/afalg.stop /tmp/afalg.loop /tmp/afalg.lastfail
	(
		while [ ! -e /tmp/afalg.stop ]; do
			# shellcheck disable=SC2086 # CA_KTV: a list of file names
			"$CA_AFALG" -q $CA_KTV >/tmp/afalg.run 2>&1
			n=$?
			[ $n = 0 ] || cp /tmp/afalg.run /tmp/afalg.lastfail
			# shellcheck disable=SC2086 # CA_KTV: a list of file names
			"$CA_KCAPI" -q $CA_KTV >/tmp/kcapi.run 2>&1
			k=$?
			[ $k = 0 ] || cat /tmp/kcapi.run >> /tmp/afalg.lastfail
			echo "rc=$((n | k)) $(grep '^AFALG-SUMMARY' /tmp/afalg.run) kcapi-rc=$k $(grep '^KCAPI-SUMMARY' /tmp/kcapi.run)" >> /tmp/afalg.loop
		done
	) &
	pid=$!
	ca_afalg_wait 0 "all plugged"
	for m in $ARCH_MODS; do
		is_loaded "$m" || continue
		n=$(ca_afalg_runs)
		run $RMMOD "$(us "$m")" || { fail "plug: rmmod $m under AF_ALG load failed"; continue; }
		ca_afalg_wait $((n + 1)) "$m unplugged"
		n=$(ca_afalg_runs)
		run $INSMOD "$(modfile "$m")" || fail "plug: re-insmod $m failed"
		ca_afalg_wait $((n + 1)) "$m replugged"
	done
	touch /tmp/afalg.stop
	wait $pid
	show_bindings
	n=$(grep -vc '^rc=0 ' /tmp/afalg.loop)
	info "ffp plug: $(ca_afalg_runs) AF_ALG runs (kcrypto-afalg, then kcrypto-kcapi) while unplugging and replugging [$ARCH_MODS], $n failed; last: $(tail -n 1 /tmp/afalg.loop)"
	if [ "$n" != 0 ]; then
		fail "ffp plug: $n of $(ca_afalg_runs) AF_ALG runs failed while arch modules were unplugged and replugged"
		grep -v -e '^AFALG .* PASS ' -e '^AFALG-' -e '^KCAPI-' /tmp/afalg.lastfail >/tmp/afalg.fail
		emit_file "$SCEN" /tmp/afalg.fail
	fi
	run $RMMOD kcrypto_crypto || fail "plug: rmmod kcrypto-crypto failed"
}

scen_crypto_api() {
	local fg p d
	unload_all
	[ -s "$CA_BUILD_ERRORS" ] && fail "AF_ALG client(s) not built on the host: $(tr '\n' ' ' < "$CA_BUILD_ERRORS" | cut -c1-600)"
	[ -e "$CA_MOD" ] || { fail "$CA_MOD not in the image (kernel without the crypto API? use the net variant)"; return; }
	for p in /sys/module/cryptomgr/parameters/*; do
		[ -e "$p" ] && info "testmgr $(basename "$p")=$(cat "$p")"
	done
	CA_POLY=; CA_CURVE=
	# Where the kernel has the algorithm (built in, or a module of
	# Debian's not loaded yet: the runner read its .config).
	ca_has_name poly1305 || [ "${KCONFIG_CRYPTO_POLY1305:-n}" != n ] && CA_POLY=1
	ca_has_name curve25519 || [ "${KCONFIG_CRYPTO_CURVE25519:-n}" != n ] && CA_CURVE=1
	info "expected drivers: $(ca_drivers | tr '\n' ' ')"
	CA_KTV=$(ca_afalg_files | tr '\n' ' ')
	run $MODPROBE kcrypto || { fail "modprobe kcrypto failed"; return; }
	check_bind_mode
	show_bindings
	ca_deps || return
	# 7.x allows AF_ALG only a list of algorithms by default
	# (crypto.af_alg_restrict=1; others: ENOENT); drivers by name need 0.
	CA_RESTRICT=
	if [ -e /proc/sys/crypto/af_alg_restrict ]; then
		CA_RESTRICT=$(cat /proc/sys/crypto/af_alg_restrict)
		echo 0 > /proc/sys/crypto/af_alg_restrict || fail "sysctl crypto.af_alg_restrict=0 refused"
		info "crypto.af_alg_restrict was $CA_RESTRICT, set to 0 for the AF_ALG client"
	fi
	ca_kcapi_selfcheck
	ca_clients "kernel drivers" -g
	for d in $(awk -F' *: ' '$1 == "driver" && $2 ~ /^(rfc7539|x?chacha20-)/ { print $2 }' /proc/crypto | sort -u); do
		info "kernel driver $d: priority=$(ca_field "$d" priority) selftest=$(ca_field "$d" selftest)"
	done
	for fg in none all; do
		echo $fg > /sys/module/kcrypto/parameters/force_generic || fail "force_generic=$fg refused"
		run $INSMOD "$CA_MOD" || { fail "force_generic=$fg: insmod kcrypto-crypto failed"; continue; }
		ca_check_drivers "force_generic=$fg" $CA_PRIO
		ca_kunit "force_generic=$fg"
		ca_clients "force_generic=$fg"
		run $RMMOD kcrypto_crypto || fail "force_generic=$fg: rmmod kcrypto-crypto failed"
	done
	echo none > /sys/module/kcrypto/parameters/force_generic
	[ "$BIND" = ffp ] && ca_afalg_plug
	[ -n "$CA_RESTRICT" ] && echo "$CA_RESTRICT" > /proc/sys/crypto/af_alg_restrict
	run $INSMOD "$CA_MOD" priority=150 || fail "insmod kcrypto-crypto priority=150 failed"
	ca_check_drivers "priority=150" 150
	run $RMMOD kcrypto_crypto
	if $INSMOD "$CA_MOD" priority=0 >/dev/null 2>&1; then
		fail "insmod kcrypto-crypto priority=0 succeeded"
		$RMMOD kcrypto_crypto
	fi
	grep -q -- '-kcrypto$' /proc/crypto && fail "a refused load left drivers: $(grep -- '-kcrypto$' /proc/crypto | tr '\n' ' ')"
	ca_hold
}
