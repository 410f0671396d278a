#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Privileges: reading needs none; load and clear need CAP_NET_ADMIN and
# change nothing without it (exit 3).
#
#   A (trust: ping) ---- ge-0/0/0 [ R ] ge-0/0/1 ---- B (untrust)
#                                 ge-0/0/2 ---- C
#
# The unprivileged user is nobody (65534) without capabilities, inside R:
#   ip netns exec R setpriv --reuid=65534 --regid=65534 --clear-groups \
#       --inh-caps=-all flowstat ...

source "$(dirname "$0")/lib.sh"

fs_init
require_cmd setpriv cmp
ktap_set_plan 14

setup_router_topology || ktap_bail "cannot build the topology"

# nobody must be able to run the tool and read the files it is given.
chmod 755 "$FS_TMP"
install -m 755 "$FLOWSTAT" "$FS_TMP/flowstat" || ktap_bail "cannot copy the tool"
UFS=$FS_TMP/flowstat

unpriv()
{
	ip netns exec "$R" setpriv --reuid=65534 --regid=65534 --clear-groups \
		--inh-caps=-all "$UFS" "$@"
}

CONF=$FS_TMP/perm.conf
{
	cfg_zone trust "$IF_TRUST"
	cfg_services trust ping
	cfg_zone untrust "$IF_UNTRUST"
	cfg_policy trust untrust allow-out permit
} >"$CONF"
chmod 644 "$CONF"
load_config "$R" "$CONF" || ktap_bail "cannot load the configuration as root"

OTHER=$FS_TMP/other.conf
{
	cfg_zone dmz "$IF_TRUST"
	cfg_services dmz all
} >"$OTHER"
chmod 644 "$OTHER"

# Some non-zero counters, so that a clear would show.
[ "$(ping_rx "$A" -c 2 "$R_A_IP4")" = 2 ] || ktap_diag "warning: ping A -> R failed"
settle
counters_snapshot "$FS_TMP/before.json"
"$FLOWSTAT" -n "$R" show configuration >"$FS_TMP/conf.before" 2>&1

unpriv -j show interfaces >"$FS_TMP/u.json" 2>"$FS_TMP/u.err"
rc=$?
check_eq "unprivileged -j show interfaces exits 0 with every interface" "0 4" \
	"$rc $(jq '.interfaces | length' "$FS_TMP/u.json" 2>/dev/null)"
check_eq "unprivileged sees the same counters as root" same \
	"$(cmp -s <(flatten_counters "$FS_TMP/u.json") <(flatten_counters "$FS_TMP/before.json") && echo same)"
check_rc "unprivileged show interfaces (text) exits 0" 0 unpriv show interfaces "$IF_TRUST"
check_rc "unprivileged -j show security flow statistics exits 0" 0 \
	unpriv -j show security flow statistics

unpriv load "$OTHER" >"$FS_TMP/load.out" 2>"$FS_TMP/load.err"
check_eq "unprivileged load exits 3" 3 "$?"
if grep -q CAP_NET_ADMIN "$FS_TMP/load.err"; then
	ktap_pass "unprivileged load says CAP_NET_ADMIN is needed"
else
	ktap_diag_file "$FS_TMP/load.err"
	ktap_fail "unprivileged load says CAP_NET_ADMIN is needed"
fi
check_rc "unprivileged load - (stdin) exits 3" 3 \
	sh -c "ip netns exec '$R' setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all '$UFS' load - <'$OTHER'"
"$FLOWSTAT" -n "$R" show configuration >"$FS_TMP/conf.after" 2>&1
check_eq "the running configuration is unchanged after refused loads" same \
	"$(cmp -s "$FS_TMP/conf.before" "$FS_TMP/conf.after" && echo same)"

check_rc "unprivileged clear interfaces statistics all exits 3" 3 \
	unpriv clear interfaces statistics all
check_rc "unprivileged clear interfaces statistics ge-0/0/0 exits 3" 3 \
	unpriv clear interfaces statistics "$IF_TRUST"
counters_snapshot "$FS_TMP/after.json"
check_eq "counters were non-zero before the refused clears" yes \
	"$(jq -e --arg n "$IF_TRUST" "$FS_JQ_IF"' [ifsel($n)][0].local.input_packets > 0' \
		"$FS_TMP/before.json" >/dev/null && echo yes)"
assert_deltas "$FS_TMP/before.json" "$FS_TMP/after.json" "" \
	"no counter was cleared by the refused clears"
check_eq "last_cleared is still null everywhere" "null null null null" \
	"$(jq -r '[.interfaces[].last_cleared] | map(tostring) | join(" ")' "$FS_TMP/after.json")"

# The same user with CAP_NET_ADMIN (ambient) may load: the check is the
# capability, not the uid.
ip netns exec "$R" setpriv --reuid=65534 --regid=65534 --clear-groups \
	--inh-caps=+net_admin --ambient-caps=+net_admin "$UFS" load "$OTHER" \
	>/dev/null 2>"$FS_TMP/cap.err"
rc=$?
[ $rc -ne 0 ] && ktap_diag_file "$FS_TMP/cap.err"
check_eq "nobody with CAP_NET_ADMIN can load" 0 "$rc"

ktap_finished
