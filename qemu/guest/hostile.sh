# SPDX-License-Identifier: GPL-2.0
# hostile (opt-in, Documentation/reliability.md): malformed input on every interface a user can
# reach, each case checked for the exact error and for no side effect:
#   module parameters of kcrypto.ko and the arch modules (at insmod and
#   through /sys/module/*/parameters), the bindings file, the test
#   interface (kcrypto-test.ko, Documentation/test-interface.md) and the
#   kcrypto-stress files; an unprivileged user (busybox su to uid 1000)
#   must get EACCES/EPERM on all of them.  Test records must leave an
#   admin's implementation settings (impl=, force_generic) alone.
# A case that gets the wrong error fails; any oops/WARN/KASAN line fails
# the scenario (run_scenario); on a kmemleak kernel a final scan must be
# clean.  Summary: "INFO hostile SUMMARY cases=N bad=M".

H_CASES=0
H_BAD=0
H_USER=kcmuser
H_UID=1000

# The errno name in a busybox error message on stdin.
errname() {
	local e
	e=$(cat)
	case "$e" in
	*"Invalid argument"*|*"Invalid parameters"*) echo EINVAL ;;	# kmod's words for EINVAL
	*"Bad message"*) echo EBADMSG ;;
	*"No such device"*) echo ENODEV ;;
	*"Permission denied"*) echo EACCES ;;
	*"Operation not permitted"*) echo EPERM ;;
	*"Cannot allocate memory"*|*"Out of memory"*) echo ENOMEM ;;
	*"out of range"*) echo ERANGE ;;
	*"Argument list too long"*) echo E2BIG ;;
	*"No such file"*) echo ENOENT ;;
	*"exists"*) echo EEXIST ;;
	*"Resource temporarily"*|*"in use"*|*"resource busy"*) echo EBUSY ;;
	*) echo "other($(echo "$e" | head -n 1 | cut -c1-80))" ;;
	esac
}

# One case: what happened ($2) must equal what was expected ($1).
hcase() {
	H_CASES=$((H_CASES + 1))
	[ "$1" = "$2" ] && return 0
	H_BAD=$((H_BAD + 1))
	fail "case $H_CASES ($3): got $2, expected $1"
}

# Write file $2 (at most 8 MiB) to $1 in a single write(); "ok" or the
# errno name.  Temp files are per writer ($WS_TMP): hostile_concurrent runs
# four at once.
w1() {
	if dd if="$2" of="$1" bs=8M count=1 conv=notrunc >/dev/null 2>"${WS_TMP:-/tmp/ws}.err"; then
		echo ok
	else
		errname < "${WS_TMP:-/tmp/ws}.err"
	fi
}
# Write string $2 (plus newline) to $1 in one write().
ws() { printf '%s\n' "$2" > "${WS_TMP:-/tmp/ws}.in"; w1 "$1" "${WS_TMP:-/tmp/ws}.in"; }
# Expect $1 from writing record $2 to the test interface.
trec() { hcase "$1" "$(ws "$TESTF" "$2")" "test: $(echo "$2" | cut -c1-60)"; }
# Run a command; "ok" or the errno name of its message.
res() { if "$@" >/dev/null 2>/tmp/res.err; then echo ok; else errname < /tmp/res.err; fi; }
# insmod must fail with errno $1 and leave nothing loaded.
insmod_bad() {
	local want=$1 m=$2
	shift 2
	hcase "$want" "$(res /sbin/insmod "$(modfile "$m")" "$@")" "insmod $m $*"
	is_loaded "$m" && { fail "insmod $m $*: loaded anyway"; /sbin/rmmod "$m"; }
}
# Write $3 to module parameter $2 of $1: errno $4, value unchanged.
param_bad() {
	local f=/sys/module/$(us "$1")/parameters/$2 before
	before=$(cat "$f")
	hcase "$4" "$(ws "$f" "$3")" "$1 $2=$(echo "$3" | cut -c1-40)"
	[ "$(cat "$f")" = "$before" ] || fail "$1 $2: changed to '$(cat "$f")' by a refused write"
}
# Run $2... as the unprivileged user: errno $1 expected.
as_user() {
	local want=$1
	shift
	hcase "$want" "$(su -s /bin/sh "$H_USER" -c "$*" 2>&1 </dev/null | errname)" "uid $H_UID: $*"
}
# insmod $1 cpu_mask=$2: "<result> <cpu_mask read back, or ->", unloaded after.
mask_load() {
	local r v=-
	r=$(res /sbin/insmod "$(modfile "$1")" "cpu_mask=$2")
	if is_loaded "$1"; then
		v=$(cat "/sys/module/$(us "$1")/parameters/cpu_mask")
		/sbin/rmmod "$1"
	fi
	echo "$r $v"
}
# Everything a refused input must not have changed.
state() {
	local m
	cat "$BINDF" /sys/module/kcrypto/parameters/force_generic 2>/dev/null
	for m in $ARCH_MODS; do cat "/sys/module/$(us "$m")/parameters/impl" 2>/dev/null; done
}

KEY0=0000000000000000000000000000000000000000000000000000000000000000
KEYX=000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
N12=000000000000004a00000000
N24=000102030405060708090a0b0c0d0e0f1011121314151617
TAG0=00000000000000000000000000000000
# Poly1305 with an all-zero key: every tag is zero.  BLAKE2s-256("abc").
GOOD_POLY="impl=generic op=poly1305 key=$KEY0 msg=616263 tag=$TAG0 expect=valid"
GOOD_B2S="impl=arch op=blake2s key= msg=616263 out=508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982 expect=valid"
# The all-zero point: the shared secret is zero, the API must say so.
GOOD_X="impl=arch op=x25519 priv=$KEYX pub=$KEY0 shared=$KEY0 expect=zero"
# RFC 8439 2.4.2 (key $KEYX, nonce $N12, counter 1).
RFC_MSG=4c616469657320616e642047656e746c656d656e206f662074686520636c617373206f66202739393a204966204920636f756c64206f6666657220796f75206f6e6c79206f6e652074697020666f7220746865206675747572652c2073756e73637265656e20776f756c642062652069742e
RFC_CT=6e2e359a2568f98041ba0728dd0d6981e97e7aec1d4360c20a27afccfd9fae0bf91b65c5524733ab8f593dabcd62b3571639d624e65152ab8f530c359f0861d807ca0dbf500d6a6156a38e088a22b65e52bc514d16ccf806818ce91ab77937365af90bbf74a35be6b40b8eedf2785e42874d
# A valid record of primitive $1 on implementation $2.
prim_record() {
	case $1 in
	chacha) echo "impl=$2 op=chacha20 key=$KEYX nonce=$N12 counter=1 msg=$RFC_MSG ct=$RFC_CT expect=valid" ;;
	poly1305) echo "$GOOD_POLY" ;;
	blake2s) echo "$GOOD_B2S" ;;
	x25519) echo "$GOOD_X" ;;
	esac | sed "s/^impl=[^ ]*/impl=$2/"
}

hostile_params() {
	local m long
	long=$(head -c 80 /dev/zero | tr '\0' c)
	insmod_bad EINVAL kcrypto force_generic=bogus
	insmod_bad EINVAL kcrypto force_generic=chacha,,poly1305
	insmod_bad EINVAL kcrypto force_generic=none,chacha
	insmod_bad EINVAL kcrypto "force_generic=$long"
	insmod_bad EINVAL kcrypto force_generic
	insmod_bad EPERM kcrypto bind_mode=weak
	hcase ok "$(res /sbin/insmod "$MODDIR/extra/kcrypto.ko" force_generic=x25519,chacha)" "insmod force_generic=x25519,chacha"
	hcase chacha,x25519 "$(cat /sys/module/kcrypto/parameters/force_generic)" "force_generic reads back"
	param_bad kcrypto force_generic bogus EINVAL
	param_bad kcrypto force_generic "$(head -c 5000 /dev/zero | tr '\0' a)" EINVAL
	param_bad kcrypto force_generic "chacha,poly1305,blake2s,x25519,chacha,poly1305,blake2s,x25519,chacha" EINVAL
	hcase EACCES "$(ws /sys/module/kcrypto/parameters/bind_mode ffp)" "write bind_mode"
	hcase "$BIND" "$(cat /sys/module/kcrypto/parameters/bind_mode)" "bind_mode unchanged"
	hcase ok "$(ws /sys/module/kcrypto/parameters/force_generic none)" "force_generic=none"
	hcase none "$(cat /sys/module/kcrypto/parameters/force_generic)" "force_generic reads none"
	for m in $ARCH_MODS; do
		[ "$m" = kcrypto-test-provider ] && continue
		insmod_bad EINVAL "$m" cpu_mask=xyz
		insmod_bad EINVAL "$m" cpu_mask=-1
		insmod_bad ERANGE "$m" cpu_mask=0x1ffffffff
		# Hex, "0x" optional (bit 31 is no CPU feature).
		hcase "ok 0x80000000" "$(mask_load "$m" 80000000)" "insmod $m cpu_mask=80000000"
		hcase "ok 0x80000000" "$(mask_load "$m" 0X80000000)" "insmod $m cpu_mask=0X80000000"
		hcase "$(mask_load "$m" 0x1f)" "$(mask_load "$m" 1f)" "insmod $m cpu_mask=1f as 0x1f"
		# Every x86_64 variant needs some CPU feature; elsewhere a
		# scalar variant (no feature bit) may still load.
		if [ "$ARCH" = x86_64 ]; then
			insmod_bad ENODEV "$m" cpu_mask=0xffffffff
		else
			res /sbin/insmod "$(modfile "$m")" cpu_mask=0xffffffff >/dev/null
			/sbin/rmmod "$m" 2>/dev/null
		fi
		insmod_bad EINVAL "$m" impl=bogus
		insmod_bad EINVAL "$m" impl
		hcase ok "$(res /sbin/insmod "$(modfile "$m")")" "insmod $m"
		param_bad "$m" impl bogus EINVAL
		param_bad "$m" impl "$long" EINVAL
		param_bad "$m" cpu_mask 0 EACCES
		hcase ok "$(ws "/sys/module/$(us "$m")/parameters/impl" auto)" "$m impl=auto"
	done
}

hostile_testif() {
	local big i
	hcase "passed 0 failed 0 errors 0" "$(cat "$TESTF")" "read before any write"
	trec ok "$GOOD_POLY"
	trec ok "$GOOD_B2S"
	trec ok "$GOOD_X"
	trec ok reset
	trec EINVAL ""
	trec EINVAL "garbage"
	trec EINVAL "impl=generic op=poly1305 key=$KEY0 msg=61 tag=$TAG0"
	trec EINVAL "op=poly1305 key=$KEY0 msg=61 tag=$TAG0 expect=valid"
	trec EINVAL "impl=generic key=$KEY0 msg=61 tag=$TAG0 expect=valid"
	trec EINVAL "impl=generic op=rot13 key=$KEY0 msg=61 tag=$TAG0 expect=valid"
	trec EINVAL "impl=generic op=poly1305 key=$KEY0 msg=61 tag=$TAG0 expect=maybe"
	trec EINVAL "impl=generic op=poly1305 key=$KEY0 msg=61 tag=$TAG0 expect=valid bogus=00"
	trec EINVAL "impl=generic op=poly1305 key=$KEY0 key=$KEY0 msg=61 tag=$TAG0 expect=valid"
	trec EINVAL "impl=generic op=poly1305 key=$KEY0 msg=61 expect=valid"
	trec EINVAL "impl=generic op=poly1305 key=$KEY0 msg=61 tag=$TAG0 nonce=$N12 expect=valid"
	trec EINVAL "impl=generic op=poly1305 key=00 msg=61 tag=$TAG0 expect=valid"
	trec EINVAL "impl=generic op=poly1305 key=${KEY0}00 msg=61 tag=$TAG0 expect=valid"
	trec EINVAL "impl=generic op=poly1305 key=$KEY0 msg=616 tag=$TAG0 expect=valid"
	trec EINVAL "impl=generic op=poly1305 key=$KEY0 msg=6g tag=$TAG0 expect=valid"
	trec EINVAL "impl=generic op=poly1305 key=$KEY0 msg=61 tag=${TAG0}0 expect=valid"
	trec EINVAL "impl=generic op=poly1305 key=$KEY0 msg=61 tag=$TAG0 expect=zero"
	trec EINVAL "impl=generic op=poly1305 key=$KEY0 msg= tag= expect=valid"
	trec EINVAL "impl= op=poly1305 key=$KEY0 msg=61 tag=$TAG0 expect=valid"
	trec EINVAL "impl=$(head -c 40 /dev/zero | tr '\0' x) op=poly1305 key=$KEY0 msg=61 tag=$TAG0 expect=valid"
	trec EINVAL "impl=generic op=poly1305 =61 key=$KEY0 msg=61 tag=$TAG0 expect=valid"
	trec EINVAL "impl=generic op=chacha20 key=$KEYX nonce=$N12 counter=x msg=00 ct=00 expect=valid"
	trec EINVAL "impl=generic op=chacha20 key=$KEYX nonce=$N12 counter=4294967296 msg=00 ct=00 expect=valid"
	trec EINVAL "impl=generic op=chacha20 key=$KEYX nonce=$N12 counter=-1 msg=00 ct=00 expect=valid"
	trec EINVAL "impl=generic op=chacha20 key=$KEYX nonce=$N24 counter=1 msg=00 ct=00 expect=valid"
	trec EINVAL "impl=generic op=chacha20 key=$KEYX nonce=$N12 counter=1 msg=0000 ct=00 expect=valid"
	trec EINVAL "impl=generic op=blake2s key= msg=61 out= expect=valid"
	trec EINVAL "impl=generic op=blake2s key=${KEY0}00 msg=61 out=00 expect=valid"
	trec EINVAL "impl=generic op=blake2s key= msg=61 out=${KEY0}00 expect=valid"
	trec EINVAL "impl=generic op=chacha20poly1305 key=00 nonce=$N12 aad= msg= ct= tag=$TAG0 expect=valid"
	trec EINVAL "impl=generic op=chacha20poly1305 key=$KEYX nonce=$N12 aad= msg=00 ct= tag=$TAG0 expect=valid"
	trec EINVAL "impl=generic op=xchacha20poly1305 key=$KEYX nonce=$N24 aad= msg= ct= tag=00 expect=valid"
	trec EINVAL "impl=generic op=x25519 priv=00 pub=$KEY0 shared=$KEY0 expect=zero"
	# Wycheproof-style odd nonce: refused before any crypto, scored by expect=.
	trec ok "impl=generic op=chacha20poly1305 key=$KEYX nonce=00 aad= msg= ct= tag=$TAG0 expect=invalid"
	trec EBADMSG "impl=generic op=chacha20poly1305 key=$KEYX nonce=00 aad= msg= ct= tag=$TAG0 expect=valid"
	# Well formed but wrong: a failed test, not an error.
	trec EBADMSG "impl=generic op=poly1305 key=$KEY0 msg=61 tag=01000000000000000000000000000000 expect=valid"
	trec ok "impl=generic op=poly1305 key=$KEY0 msg=61 tag=01000000000000000000000000000000 expect=invalid"
	trec EBADMSG "impl=arch op=chacha20poly1305 key=$KEYX nonce=$N12 aad= msg=00 ct=00 tag=$TAG0 expect=valid"
	# Implementations that are not there.
	trec ENODEV "impl=no-such-variant op=poly1305 key=$KEY0 msg=61 tag=$TAG0 expect=valid"
	trec ENODEV "impl=../../etc op=blake2s key= msg=61 out=00 expect=valid"
	# A NUL byte inside the record.
	printf 'impl=generic op=poly1305 key=%s msg=61\000 tag=%s expect=valid\n' "$KEY0" "$TAG0" > /tmp/nul.in
	hcase EINVAL "$(w1 "$TESTF" /tmp/nul.in)" "test: NUL byte"
	# Longer than a page: a real record; 120 KB (over the 64 KiB limit of
	# old) and 3 MiB too.  The limit is 4 MiB (KTV_MAX_RECORD_MIB,
	# kunit/kcrypto-test.c): a 5 MiB record is refused.
	big=$(head -c 60000 /dev/zero | tr '\0' a)
	trec ok "impl=generic op=poly1305 key=$KEY0 msg=$big tag=$TAG0 expect=valid"
	trec EINVAL "impl=generic op=poly1305 key=$KEY0 msg=${big}a tag=$TAG0 expect=valid"
	trec ok "impl=generic op=poly1305 key=$KEY0 msg=${big}${big} tag=$TAG0 expect=valid"
	for i in 3145728:ok 5242880:EINVAL; do
		{ printf 'impl=generic op=poly1305 key=%s msg=' "$KEY0"
		  head -c "${i%:*}" /dev/zero | tr '\0' a
		  printf ' tag=%s expect=valid\n' "$TAG0"; } > /tmp/huge.in
		hcase "${i#*:}" "$(w1 "$TESTF" /tmp/huge.in)" "test: record with ${i%:*} hex digits of msg"
	done
	# 1 MiB of '0': not a record.
	head -c 1048576 /dev/zero | tr '\0' 0 > /tmp/huge.in
	hcase EINVAL "$(w1 "$TESTF" /tmp/huge.in)" "test: 1 MiB write"
	rm -f /tmp/huge.in
	# Truncated hex in every field position of an AEAD record.
	for i in key nonce aad msg ct tag; do
		trec EINVAL "$(echo "impl=generic op=chacha20poly1305 key=$KEYX nonce=$N12 aad=00 msg=00 ct=00 tag=$TAG0 expect=valid" | sed "s/ $i=\([0-9a-f]*\)/ $i=\10/")"
	done
	hcase ok "$(res cat "$TESTF")" "read counters"
}

# Four writers at once on separate descriptors, plus a reader: the
# counters must add up to exactly what was written.
hostile_concurrent() {
	local w n=25 got
	trec ok reset
	for w in 1 2 3 4; do
		(
			WS_TMP=/tmp/ws$w
			i=0
			while [ $i -lt $n ]; do
				ws "$TESTF" "$GOOD_POLY" >/dev/null
				ws "$TESTF" "impl=generic op=poly1305 key=$KEY0 msg=61 tag=01000000000000000000000000000000 expect=valid" >/dev/null
				ws "$TESTF" "impl=generic op=poly1305 key=00 msg=61 tag=$TAG0 expect=valid" >/dev/null
				ws "$TESTF" "$GOOD_X" >/dev/null
				i=$((i + 1))
			done
		) &
	done
	( i=0; while [ $i -lt 200 ]; do cat "$TESTF" >/dev/null; i=$((i + 1)); done ) &
	wait
	got=$(cat "$TESTF")
	hcase "passed $((8 * n)) failed $((4 * n)) errors $((4 * n))" "$got" "4 concurrent writers"
}

# An admin's implementation settings are not a record's to change
# (Documentation/test-interface.md): a record puts back the impl= pin it
# found, impl=arch and variant records are refused (EBUSY) while
# force_generic covers their op, and an admin's impl= written while records
# run stands.
hostile_admin() {
	local m p f vs v last fg=/sys/module/kcrypto/parameters/force_generic
	for m in $ARCH_MODS; do
		[ "$m" = kcrypto-test-provider ] && continue
		p=$(mod_prim "$m")
		f=/sys/module/$(us "$m")/parameters/impl
		vs=$(bfield "$p" usable | tr , ' ')
		[ -n "$vs" ] && [ "$vs" != - ] || continue
		v=${vs%% *}
		last=${vs##* }
		hcase ok "$(ws "$f" "$last")" "$m impl=$last"
		trec ok "$(prim_record "$p" "$v")"
		hcase "$last" "$(cat "$f")" "$m impl= after an impl=$v record"
		hcase ok "$(ws "$fg" "$p")" "force_generic=$p"
		trec EBUSY "$(prim_record "$p" arch)"
		trec EBUSY "$(prim_record "$p" "$v")"
		trec ok "$(prim_record "$p" generic)"
		hcase "$p" "$(cat "$fg")" "force_generic after $p records"
		hcase "$last" "$(cat "$f")" "$m impl= after refused records"
		hcase ok "$(ws "$fg" none)" "force_generic=none"
		if [ "$v" != "$last" ]; then
			hcase ok "$(ws "$f" auto)" "$m impl=auto"
			( WS_TMP=/tmp/wsa; i=0
			  while [ $i -lt 40 ]; do ws "$TESTF" "$(prim_record "$p" "$v")" >/dev/null; i=$((i + 1)); done ) &
			usleep 100000
			ws "$f" "$last" >/dev/null
			wait
			hcase "$last" "$(cat "$f")" "$m impl=$last written while impl=$v records ran"
		fi
		hcase ok "$(ws "$f" auto)" "$m impl=auto"
	done
}

hostile_debugfs() {
	hcase ok "$(res cat "$BINDF")" "read bindings"
	hcase EINVAL "$(ws "$BINDF" "chacha bound=evil")" "write bindings"
	run $INSMOD "$MODDIR/kunit/kcrypto-stress.ko" || { fail "insmod kcrypto-stress failed"; return; }
	hcase EINVAL "$(ws "$STRESSD/run" abc)" "stress run=abc"
	hcase EINVAL "$(ws "$STRESSD/run" 9)" "stress run=9"
	hcase EINVAL "$(ws "$STRESSD/run" -1)" "stress run=-1"
	hcase ERANGE "$(ws "$STRESSD/run" 99999999999999999999)" "stress run=2^66"
	hcase ERANGE "$(ws "$STRESSD/run" "$(head -c 5000 /dev/zero | tr '\0' 1)")" "stress run=5000 digits"
	hcase 0 "$(cat "$STRESSD/run")" "stress: nothing started by refused writes"
	hcase EINVAL "$(ws "$STRESSD/stats" 1)" "write stress stats"
	hcase ok "$(ws "$STRESSD/run" 2)" "stress run=2"
	hcase ok "$(ws "$STRESSD/run" 0)" "stress run=0"
}

# uid 1000 with no capabilities: the root-only files refuse it, first by
# their modes (EACCES), then, made world-writable, by capable() (EPERM).
hostile_unpriv() {
	grep -q "^$H_USER:" /etc/passwd 2>/dev/null ||
		echo "$H_USER:x:$H_UID:$H_UID:kcrypto test user:/tmp:/bin/sh" >> /etc/passwd
	grep -q "^$H_USER:" /etc/group 2>/dev/null || echo "$H_USER:x:$H_UID:" >> /etc/group
	hcase "$H_UID" "$(su -s /bin/sh "$H_USER" -c 'id -u' 2>&1)" "su to uid $H_UID"
	as_user EACCES "cat $TESTF"
	as_user EACCES "cat $BINDF"
	as_user EACCES "echo none > /sys/module/kcrypto/parameters/force_generic"
	chmod 755 /sys/kernel/debug
	as_user EACCES "cat $TESTF"
	as_user EACCES "echo '$GOOD_POLY' > $TESTF"
	as_user EACCES "cat $BINDF"
	as_user EACCES "echo 1 > $STRESSD/run"
	chmod 666 "$TESTF" "$STRESSD/run"
	as_user EPERM "cat $TESTF"
	as_user EPERM "echo '$GOOD_POLY' > $TESTF"
	as_user EPERM "echo 1 > $STRESSD/run"
	chmod 600 "$TESTF" "$STRESSD/run"
	chmod 700 /sys/kernel/debug
	hcase 0 "$(cat "$STRESSD/run")" "stress: not started by uid $H_UID"
}

scen_hostile() {
	local before after
	H_CASES=0
	H_BAD=0
	unload_all
	[ -w "$KMEMLEAK" ] && echo clear > "$KMEMLEAK"
	hostile_params
	is_loaded kcrypto || { fail "kcrypto not loaded after the parameter cases"; return; }
	load_testif || return
	before=$(state)
	hostile_testif
	hostile_concurrent
	hostile_admin
	hostile_debugfs
	hostile_unpriv
	after=$(state)
	[ "$before" = "$after" ] || { fail "refused input changed state"; say "OUT $SCEN before: $before"; say "OUT $SCEN after: $after"; }
	trec ok "$GOOD_POLY"
	unload_all
	info "SUMMARY cases=$H_CASES bad=$H_BAD"
	[ "$H_CASES" -gt 100 ] || fail "only $H_CASES cases ran"
	kmemleak_check
}
