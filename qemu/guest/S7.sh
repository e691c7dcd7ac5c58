# SPDX-License-Identifier: GPL-2.0
# S7 vectors: every KTV file (converted on the host by scripts/vectors-to-ktv)
# through /sys/kernel/debug/kcrypto/test (kunit/kcrypto-test.ko), once per
# implementation present: generic, the bound arch module, and each of its
# usable variants.

# The primitives an op runs on (a variant name applies to each of them
# that has it: test-interface.md).
op_prims() {
	case $1 in
	chacha20) echo chacha ;;
	chacha20poly1305|xchacha20poly1305) echo chacha poly1305 ;;
	*) echo "$1" ;;
	esac
}

s7_run() {
	local f=$1 impl=$2 l
	# One write() per record.  `read` would fetch the file a byte per
	# syscall (minutes under TCG); command substitution reads it in bulk.
	local IFS='
'
	set -f
	exec 3>"$TESTF"
	echo reset >&3
	for l in $(sed "s/^impl=[^ ]*/impl=$impl/" "$f"); do
		echo "$l" >&3 2>/dev/null
	done
	exec 3>&-
	set +f
	cat "$TESTF"
}

scen_S7() {
	local f n=0 op p impls vars impl res passed failed errors ran=' '
	unload_all
	if ! ls /etc/kcrypto/vectors/*.ktv >/dev/null 2>&1; then
		fail "${KTV_MISSING:-no KTV vector files in the image}"
		return
	fi
	# Every file the host was given must run: name each one that did not.
	[ -z "$KTV_ERRORS" ] || fail "vector files not converted on the host: $KTV_ERRORS"
	run $MODPROBE kcrypto || { fail "modprobe kcrypto failed"; return; }
	load_testif || return
	show_bindings
	for f in /etc/kcrypto/vectors/*.ktv; do
		op=$(head -n 1 "$f" | tr ' ' '\n' | sed -n 's/^op=//p')
		impls=generic
		vars=
		for p in $(op_prims "$op"); do
			[ "$(bound "$p")" = generic ] && continue
			vars="$vars $(bfield "$p" usable | tr , ' ')"
		done
		[ -n "$vars" ] && impls="$impls arch $(echo $vars | tr ' ' '\n' | grep -vx -- - | sort -u | tr '\n' ' ')"
		for impl in $impls; do
			[ "$impl" = - ] && continue
			res=$(s7_run "$f" "$impl")
			say "VEC S7 $(basename "$f") impl=$impl $res"
			set -- $res
			passed=$2 failed=$4 errors=$6
			[ "$failed" = 0 ] && [ "$errors" = 0 ] && [ "${passed:-0}" -gt 0 ] 2>/dev/null ||
				fail "$(basename "$f") impl=$impl: $res"
			n=$((n + 1))
		done
		ran="$ran$(basename "$f") "
	done
	for f in $KTV_EXPECTED; do
		case $ran in
		*" $f "*) ;;
		*) fail "vector file $f was given and did not run" ;;
		esac
	done
	info "$n file x implementation runs"
}
