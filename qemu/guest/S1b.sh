# SPDX-License-Identifier: GPL-2.0
# S1b modprobe.d idioms, per arch module, asserted against the documented
# outcome (00-local.conf sorts before kcrypto.conf; kmod takes the first
# matching install rule):
#   blacklist <mod>           both modes: modprobe ok, that primitive generic
#                             (the shipped example kcrypto-blacklist-<prim>.conf)
#   install <mod> /bin/true   both modes: modprobe ok, generic
#   install <mod> /bin/false  weak: modprobe FAILS, kcrypto not loaded (depmod
#                             made the weak reference a hard dependency)
#                             ffp:  modprobe ok, generic (softdep failures
#                             are ignored by kmod)

s1b_case() {
	local idiom=$1 m=$2 rule rc p o
	unload_all
	case $idiom in
	blacklist) rule="blacklist $m" ;;
	install-true) rule="install $m /bin/true" ;;
	install-false) rule="install $m /bin/false" ;;
	esac
	if [ "$idiom" = blacklist ]; then
		blacklist_one "$m" || return
	else
		echo "$rule" > "$LOCALCONF"
	fi
	run $MODPROBE kcrypto
	rc=$?
	if [ "$idiom" = install-false ] && [ "$BIND" = weak ]; then
		[ $rc != 0 ] || fail "'$rule': modprobe kcrypto succeeded, documented to fail in weak mode"
		is_loaded kcrypto && fail "'$rule': kcrypto resident, documented not to load in weak mode"
		info "'$rule': modprobe rc=$rc kcrypto $(is_loaded kcrypto && echo loaded || echo 'not loaded') (expected: fails)"
		return
	fi
	[ $rc = 0 ] || { fail "'$rule': modprobe kcrypto failed (rc=$rc), documented to succeed"; return; }
	is_loaded "$m" && fail "'$rule': $m resident, documented to stay out"
	for p in $(mod_prims "$m"); do expect_generic "$p" "'$rule'"; done
	# A disabled module must not take the others down with it.
	for o in $ARCH_MODS; do
		[ "$o" = "$m" ] && continue
		expect_bound_to "$(mod_prim "$o")" "$o" "'$rule' disables only $m"
	done
	info "'$rule': modprobe rc=$rc $(bindings_compact)"
}

scen_S1b() {
	local idiom m
	[ -n "$ARCH_MODS" ] || { fail "no arch modules (and no kunit/kcrypto-test-provider.ko)"; return; }
	for idiom in blacklist install-true install-false; do
		for m in $ARCH_MODS; do s1b_case $idiom "$m"; done
	done
}
