# SPDX-License-Identifier: GPL-2.0
# Helpers for the matrix guest scenarios (busybox sh).  kmod is always called
# by full path: busybox's shell would run its own modprobe/rmmod applets.

MODPROBE=kcm_modprobe
INSMOD=kcm_insmod
RMMOD=kcm_rmmod
LSMOD=/sbin/lsmod
GUARD_S=90
MODDIR=/lib/modules/$(uname -r)
LOCALCONF=/etc/modprobe.d/00-local.conf
EXAMPLES=/etc/kcrypto/examples	# etc/modprobe.d/examples/ of the tree
BINDF=/sys/kernel/debug/kcrypto/bindings
TESTF=/sys/kernel/debug/kcrypto/test	# kunit/kcrypto-test.ko: load_testif
STRESSD=/sys/kernel/debug/kcrypto-stress
PRIMS="chacha poly1305 blake2s x25519"
# Anything here in the kernel log fails the scenario it happened in.
BADLOG='WARNING:|BUG:|Oops|Kernel panic|Call Trace:|general protection|KASAN|UBSAN|refcount_t:|list_add corruption|list_del corruption|possible recursive locking|circular locking|INFO: task .* blocked|kmemleak: .* new suspected|invoked oom-killer|Out of memory'

# One token line, through printk so it is ordered with kernel output.
say() { echo "KCM: $*" > /dev/kmsg; }
info() { say "INFO $SCEN $*"; }
fail() { FAILS="$FAILS; $*"; say "INFO $SCEN FAIL: $*"; }
# Copy a file to the console, one token line per line (at most 60).
emit_file() {
	[ -f "$2" ] || return 0
	head -n 60 "$2" | while IFS= read -r l; do say "${3:-OUT} $1 $l"; done
}
# Run a command, its output to the console as OUT lines; returns its status.
run() {
	"$@" >/tmp/run.out 2>&1
	local rc=$?
	say "CMD $SCEN rc=$rc: $*"
	emit_file "$SCEN" /tmp/run.out
	return $rc
}

# Run a command with a deadline, in its own process group: a modprobe.d
# install rule that recurses (each level a new modprobe) is a fork bomb,
# and the whole group must go, not only the first modprobe.
guard() {
	local t=$1 pid n=0
	shift
	setsid "$@" &
	pid=$!
	while kill -0 $pid 2>/dev/null; do
		if [ $n -ge $((t * 20)) ]; then
			kill -9 -- -$pid 2>/dev/null
			kill -9 $pid 2>/dev/null
			wait $pid
			say "INFO $SCEN TIMEOUT: '$*' still running after ${t}s, process group killed"
			GUARD_TIMEOUTS="$GUARD_TIMEOUTS $1"
			return 124
		fi
		usleep 50000
		n=$((n + 1))
	done
	wait $pid
}
kcm_modprobe() { guard $GUARD_S /sbin/modprobe "$@"; }
kcm_insmod() { guard $GUARD_S /sbin/insmod "$@"; }
kcm_rmmod() { guard $GUARD_S /sbin/rmmod "$@"; }

us() { echo "$1" | tr - _; }
mod_prim() { local m=${1#kcrypto-}; echo "${m%-$ARCH}"; }
is_loaded() { grep -q "^$(us "$1") " /proc/modules; }
used_by() { awk -v m="$(us "$1")" '$1 == m { print $4 }' /proc/modules; }

cpu_features() {
	case "$ARCH" in
	x86_64) grep -m1 '^flags' /proc/cpuinfo | tr ' ' '\n' |
		grep -xE 'ssse3|avx|avx2|bmi2|adx|avx512f|avx512vl' | tr '\n' ',' ;;
	*) grep -m1 '^Features' /proc/cpuinfo | tr ' ' '\n' |
		grep -xE 'neon|asimd|vfpv3|vfpv4|aes|pmull|sha2|sha3' | tr '\n' ',' ;;
	esac
}

# Arch leaf modules present in the image; the test-only provider stands in
# for them (binding mechanics only) while an arch has none.
ARCH_MODS=
for f in "$MODDIR"/extra/kcrypto-*-"$ARCH".ko; do
	[ -e "$f" ] && ARCH_MODS="$ARCH_MODS $(basename "$f" .ko)"
done
PROVIDER=
if [ -z "$ARCH_MODS" ] && [ -e "$MODDIR/kunit/kcrypto-test-provider.ko" ]; then
	ARCH_MODS=kcrypto-test-provider
	PROVIDER=1
fi
ARCH_MODS=${ARCH_MODS# }
modfile() {
	if [ -e "$MODDIR/extra/$1.ko" ]; then echo "$MODDIR/extra/$1.ko"; else echo "$MODDIR/kunit/$1.ko"; fi
}

# bindings: "<prim> bound=<generic|module> variant=<v|-> usable=<...> forced_generic=<0|1>"
bfield() { [ -r "$BINDF" ] && awk -v p="$1" -v k="$2" '$1 == p { for (i = 2; i <= NF; i++) if (index($i, k "=") == 1) print substr($i, length(k) + 2) }' "$BINDF"; }
bound() { bfield "$1" bound | tr - _; }
bindings_compact() {
	[ -r "$BINDF" ] || { echo "no-bindings-file"; return; }
	awk '{ b = "?"; v = "?"; for (i = 2; i <= NF; i++) { if ($i ~ /^bound=/) b = substr($i, 7); if ($i ~ /^variant=/) v = substr($i, 9) } printf "%s=%s/%s ", $1, b, v }' "$BINDF"
}
show_bindings() { say "BIND $SCEN $(bindings_compact)"; }
# The library must have been built for the mode this cell tests.
check_bind_mode() {
	local f=/sys/module/kcrypto/parameters/bind_mode m
	m=$(cat $f 2>/dev/null)
	[ "$m" = "$BIND" ] || fail "$f says '$m', this cell builds BIND=$BIND"
}
# Which prim a module provides bindings for: arch modules by name; the test
# provider by whatever the bindings file says it bound.
mod_prims() {
	if [ "$1" = kcrypto-test-provider ]; then
		for p in $PRIMS; do [ "$(bound $p)" = kcrypto_test_provider ] && echo $p; done
	else
		mod_prim "$1"
	fi
}
expect_generic() {
	[ -r "$BINDF" ] || { fail "$BINDF missing"; return; }
	local b; b=$(bound "$1")
	[ "$b" = generic ] || fail "$1 bound to '$b', expected generic ($2)"
}
expect_bound_to() {
	[ -r "$BINDF" ] || { fail "$BINDF missing"; return; }
	local b v; b=$(bound "$1"); v=$(bfield "$1" variant)
	if [ "$b" != "$(us "$2")" ]; then fail "$1 bound to '$b', expected $2 ($3)"
	elif [ "$v" = - ] || [ -z "$v" ]; then fail "$1 bound to $2 with no variant ($3)"
	fi
}
all_generic() { for p in $PRIMS; do expect_generic "$p" "$1"; done; }
# Prims that no arch module in the image provides must stay generic.
others_generic() {
	local p m covered
	for p in $PRIMS; do
		covered=
		for m in $ARCH_MODS; do [ "$(mod_prim "$m")" = "$p" ] && covered=1; done
		[ -n "$covered" ] || [ -n "$PROVIDER" ] || expect_generic "$p" "no $ARCH module for it"
	done
}

# Install the shipped example policy $1 as the local policy.
use_example() {
	[ -f "$EXAMPLES/$1" ] || { fail "$EXAMPLES/$1 not in the image"; return 1; }
	cp "$EXAMPLES/$1" "$LOCALCONF"
}
# The local policy has a blacklist line for module $1.
blacklisted() { sed 's/[[:space:]]*#.*//' "$LOCALCONF" | tr - _ | grep -Eq "^blacklist[[:space:]]+$(us "$1")[[:space:]]*\$"; }

# Local policy that blacklists arch module $1 only (in this image), from
# the example file of its primitive; 1 when the example does not cover it.
blacklist_one() {
	if [ "$1" = kcrypto-test-provider ]; then
		# Test-only stand-in, not in any admin example.
		echo "blacklist $1" > "$LOCALCONF"
		return 0
	fi
	use_example "kcrypto-blacklist-$(mod_prim "$1").conf" || return 1
	blacklisted "$1" && return 0
	fail "kcrypto-blacklist-$(mod_prim "$1").conf has no 'blacklist $(us "$1")'"
	return 1
}

# The test interface, $TESTF: kunit/kcrypto-test.ko, a client of kcrypto.ko
# (Documentation/test-interface.md); kcrypto must be loaded first.
load_testif() {
	[ -e "$MODDIR/kunit/kcrypto-test.ko" ] || { fail "kunit/kcrypto-test.ko (the test interface) not in the image"; return 1; }
	is_loaded kcrypto-test || run $INSMOD "$MODDIR/kunit/kcrypto-test.ko" ||
		{ fail "insmod kcrypto-test failed"; return 1; }
	[ -e "$TESTF" ] || { fail "$TESTF missing with kcrypto-test loaded"; return 1; }
}

rm_test_mods() {
	local m
	for m in $(awk '$1 ~ /^kcrypto_(kunit|stress)/ || $1 == "kcrypto_test" || $1 == "wireguard" { print $1 }' /proc/modules); do
		$RMMOD "$m" >/dev/null 2>&1
	done
}
# Remove every kcrypto module, whatever the order, and the local policy.
unload_all() {
	local i m
	rm -f "$LOCALCONF"
	[ -d "$STRESSD" ] && echo 0 > "$STRESSD/run" 2>/dev/null
	for i in 1 2 3 4 5 6; do
		rm_test_mods
		for m in $(awk '$1 ~ /^kcrypto/ && $3 == 0 { print $1 }' /proc/modules); do
			$RMMOD "$m" >/dev/null 2>&1
		done
		grep -q '^kcrypto' /proc/modules || return 0
	done
	fail "could not unload: $(awk '$1 ~ /^kcrypto/ { printf "%s(%s) ", $1, $3 }' /proc/modules)"
}

# Load every KUnit suite module (suites run at load); the host parses KTAP
# between the KTAP-BEGIN/END tokens.  insmod, not modprobe: modprobe would
# also pull in kcrypto's dependencies (the arch modules, in weak mode).
run_kunit() {
	local f m rc n=0
	if [ "$KUNIT" = n ]; then
		# The host saw no CONFIG_KUNIT in the kernel (Debian's): Kbuild
		# builds no suites; S7 runs the vectors through the test interface.
		say "KUNIT $SCEN suites=0 skipped: kernel without CONFIG_KUNIT"
		return 0
	fi
	for f in "$MODDIR"/kunit/kcrypto-kunit-*.ko; do
		[ -e "$f" ] || continue
		m=$(basename "$f" .ko)
		# It needs kcrypto-crypto.ko: the crypto-api scenario runs it.
		[ "$m" = kcrypto-kunit-crypto-api ] && continue
		n=$((n + 1))
		say "KTAP-BEGIN $SCEN $m"
		$INSMOD "$f" >/tmp/kunit.out 2>&1
		rc=$?
		say "KTAP-END $SCEN $m rc=$rc"
		[ $rc = 0 ] || { fail "insmod $m failed (rc=$rc)"; emit_file "$SCEN" /tmp/kunit.out; }
		$RMMOD "$m" >/dev/null 2>&1
	done
	say "KUNIT $SCEN suites=$n"
	[ $n -gt 0 ] || fail "no KUnit suites (kunit/kcrypto-kunit-*.ko) in the image"
}

# Uptime in centiseconds, as a plain decimal: "0.96" must not become "096",
# which $(( )) reads as a malformed octal number (a fatal error for init).
uptime_cs() { awk '{ printf "%d\n", $1 * 100 + 0.5 }' /proc/uptime; }

run_scenario() {
	SCEN=$1
	FAILS=
	local t0 fn
	# Function names cannot hold '-': scenario crypto-api is scen_crypto_api.
	fn=scen_$(echo "$SCEN" | tr - _)
	say "BEGIN $SCEN"
	t0=$(uptime_cs)
	dmesg -c >/dev/null
	if type "$fn" >/dev/null 2>&1; then
		$fn
	else
		fail "unknown scenario"
	fi
	[ -z "$GUARD_TIMEOUTS" ] || fail "commands timed out (${GUARD_S}s each):$GUARD_TIMEOUTS"
	GUARD_TIMEOUTS=
	if dmesg | grep -E "$BADLOG" >/tmp/bad.log; then
		fail "kernel log: $(head -n 1 /tmp/bad.log | cut -c1-160)"
	fi
	unload_all
	say "TIME $SCEN $(( ($(uptime_cs) - t0) * 10 ))ms"
	if [ -z "$FAILS" ]; then
		say "RESULT $SCEN PASS"
	else
		say "RESULT $SCEN FAIL $(echo "${FAILS#; }" | cut -c1-900)"
	fi
}
