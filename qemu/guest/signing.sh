# SPDX-License-Identifier: GPL-2.0
# signing (opt-in; tests/test_signing.py): module signature enforcement on
# a CONFIG_MODULE_SIG kernel.  The host signs copies of the modules with
# the kernel's scripts/sign-file and ships them in /opt/kcrypto-signed/
# (other/: signed by a second key the kernel never trusts), with
# /etc/kcrypto/signing.env:
#   SIGNER=<CN of the key>   SIGNED_EXPECT=load|reject
# (reject: the kernel does not trust the key, e.g. Debian's kernel, which
# trusts Debian's key and enrolled MOK keys only).  Sequence:
#   not enforcing (Debian without Secure Boot): unsigned and signed
#     modules load; then echo 1 > /sys/module/module/parameters/sig_enforce
#     (one way, like module.sig_enforce=1: run this scenario alone or
#     last).  Under MODULE_SIG_FORCE the kernel enforces from boot.
#   unsigned: insmod fails "Key was rejected by service", the kernel logs
#     "Loading of unsigned module is rejected", and `modprobe kcrypto`
#     fails leaving no kcrypto module resident
#   signed: load (trusted key: arch modules bind, no E taint) or refused
#     with "Loading of module with unavailable key is rejected"
#   other/: refused like an untrusted key

SIG_PARAM=/sys/module/module/parameters/sig_enforce
SIGDIR=/opt/kcrypto-signed	# outside /lib/modules: depmod must not see duplicates
UNTRUSTED='Loading of module with unavailable key is rejected'

sig_insmod() {	# $1 .ko; output in /tmp/sig.out, rc returned
	$INSMOD "$1" >/tmp/sig.out 2>&1
}

sig_no_kcrypto() {
	grep -q '^kcrypto' /proc/modules &&
		fail "$1: still resident: $(awk '$1 ~ /^kcrypto/ { printf "%s ", $1 }' /proc/modules)"
}

scen_signing() {
	local m f expect signer
	unload_all
	[ -e "$SIG_PARAM" ] || { fail "kernel without CONFIG_MODULE_SIG ($SIG_PARAM missing)"; return; }
	[ -f /etc/kcrypto/signing.env ] && . /etc/kcrypto/signing.env
	expect=${SIGNED_EXPECT:-}
	if [ ! -e "$SIGDIR/kcrypto.ko" ] || [ -z "$expect" ]; then
		fail "no host-signed modules in $SIGDIR (tests/test_signing.py provides them)"
		return
	fi
	signer=$(/sbin/modinfo -F signer "$SIGDIR/kcrypto.ko")
	info "signer: '$signer', expected to $expect"
	[ "$signer" = "$SIGNER" ] || fail "signed kcrypto.ko: signer '$signer', expected '$SIGNER'"
	[ -z "$(/sbin/modinfo -F signer "$MODDIR/extra/kcrypto.ko")" ] ||
		fail "extra/kcrypto.ko is signed, expected the unsigned build"

	if [ "$(cat $SIG_PARAM)" = Y ]; then
		info "sig_enforce=Y from boot (MODULE_SIG_FORCE or module.sig_enforce=1)"
	else
		# Not enforcing (Debian without Secure Boot): both load.
		for f in "$MODDIR/extra/kcrypto.ko" "$SIGDIR/kcrypto.ko"; do
			sig_insmod "$f" || fail "not enforcing: insmod $f failed: $(head -n 1 /tmp/sig.out)"
			info "not enforcing: $f loaded, taint $(cat /sys/module/kcrypto/taint 2>/dev/null)"
			$RMMOD kcrypto || fail "rmmod kcrypto failed"
		done
		echo 1 > $SIG_PARAM
		[ "$(cat $SIG_PARAM)" = Y ] || { fail "cannot enable $SIG_PARAM"; return; }
		info "sig_enforce=Y (switched on at runtime)"
	fi

	sig_refused "$MODDIR/extra/kcrypto.ko" 'Loading of unsigned module is rejected' "unsigned"
	# modprobe of the unsigned set fails cleanly (arch modules included).
	run $MODPROBE kcrypto && fail "enforcing: modprobe kcrypto (unsigned) succeeded"
	sig_no_kcrypto "modprobe kcrypto (unsigned)"

	if [ -e "$SIGDIR/other/kcrypto.ko" ]; then
		sig_refused "$SIGDIR/other/kcrypto.ko" "$UNTRUSTED" "signed by a key the kernel never trusted"
	fi
	if [ "$expect" = reject ]; then
		sig_refused "$SIGDIR/kcrypto.ko" "$UNTRUSTED" "signed by '$signer', not trusted by this kernel"
		return
	fi
	# Trusted key: arch modules first (weak mode binds at kcrypto's load).
	for m in $ARCH_MODS; do
		sig_insmod "$SIGDIR/$m.ko" || fail "enforcing: signed $m refused: $(head -n 1 /tmp/sig.out)"
	done
	sig_insmod "$SIGDIR/kcrypto.ko" || { fail "enforcing: signed kcrypto.ko refused: $(head -n 1 /tmp/sig.out)"; return; }
	show_bindings
	for m in $ARCH_MODS; do expect_bound_to "$(mod_prim "$m")" "$m" "signed, enforcing"; done
	for m in kcrypto $ARCH_MODS; do
		case "$(cat /sys/module/$(us "$m")/taint)" in
		*E*) fail "$m: taint E although signed by a trusted key" ;;
		esac
	done
	info "signed modules loaded under enforcement, taint $(cat /sys/module/kcrypto/taint)"
}

# Under enforcement insmod $1 fails with the documented messages ($2: the
# kernel's, $3: why it must fail) and leaves nothing resident.
sig_refused() {
	local rc n
	n=$(dmesg | wc -l)	# not dmesg -c: run_scenario scans the whole log
	sig_insmod "$1"
	rc=$?
	emit_file signing /tmp/sig.out
	[ $rc != 0 ] || fail "enforcing: $1 ($3) loaded"
	grep -q 'Key was rejected by service' /tmp/sig.out ||
		fail "enforcing: insmod $1 ($3): no 'Key was rejected by service' ($(head -n 1 /tmp/sig.out))"
	dmesg | tail -n +$((n + 1)) | grep -q "$2" || fail "enforcing: $1 ($3): no '$2' in the kernel log"
	sig_no_kcrypto "insmod $1"
	info "$1 ($3): refused as documented"
}
