#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Per-namespace state: two routers in two namespaces, with different
# configurations, the same addresses and interface names. Traffic through
# one moves only its own counters and sessions.
#
#   A1 ---- ge-0/0/0 [ R1 ] ge-0/0/1 ---- B1     R1: trust -> untrust permit
#                    ge-0/0/2 ---- C1
#
#   A2 ---- ge-0/0/0 [ R2 ] ge-0/0/1 ---- B2     R2: zones inside/outside,
#                    ge-0/0/2 ---- C2               no policy (deny-all)
#
# Both use 10.0.1.0/24, 10.0.2.0/24 ... : only the namespaces differ.

source "$(dirname "$0")/lib.sh"

fs_init
require_cmd cmp
ktap_set_plan 12

setup_router_topology 1 || ktap_bail "cannot build the first topology"
R1=$R A1=$A
setup_router_topology 2 || ktap_bail "cannot build the second topology"
R2=$R A2=$A B2=$B C2=$C

{
	cfg_zone trust "$IF_TRUST"
	cfg_zone untrust "$IF_UNTRUST"
	cfg_policy trust untrust allow-out permit
} | load_config "$R1" || ktap_bail "cannot load R1's configuration"
{
	cfg_zone inside "$IF_TRUST"
	cfg_zone outside "$IF_UNTRUST"
	echo "set security policies default-policy deny-all"
} | load_config "$R2" || ktap_bail "cannot load R2's configuration"

"$FLOWSTAT" -n "$R1" show configuration >"$FS_TMP/conf1" 2>&1
"$FLOWSTAT" -n "$R2" show configuration >"$FS_TMP/conf2" 2>&1
check_eq "each namespace shows its own configuration (zone names)" "trust inside" \
	"$(grep -q 'security-zone trust' "$FS_TMP/conf1" && ! grep -q inside "$FS_TMP/conf1" && echo trust) $(
	   grep -q 'security-zone inside' "$FS_TMP/conf2" && ! grep -q trust "$FS_TMP/conf2" && echo inside)"

snap_both()
{
	settle "$R1"
	settle "$R2"
	counters_snapshot "$FS_TMP/$1.r1" "$R1"
	counters_snapshot "$FS_TMP/$1.r2" "$R2"
	stats_snapshot "$FS_TMP/$1.s1" "$R1"
	stats_snapshot "$FS_TMP/$1.s2" "$R2"
}

# Through R1: permitted.
snap_both p0
check_eq "R1: A1 pings B1, every reply arrives" 4 "$(ping_rx "$A1" -c 4 "$B_IP4")"
snap_both p1
assert_deltas "$FS_TMP/p0.r1" "$FS_TMP/p1.r1" \
	"$(ping_transit_deltas "$IF_TRUST" "$IF_UNTRUST" 4 84)" \
	"R1: the ping is counted in R1"
assert_deltas "$FS_TMP/p0.r2" "$FS_TMP/p1.r2" "" "R2: no counter moved for R1's traffic"
check_eq "sessions created: +1 in R1, +0 in R2" "1 0" \
	"$(stats_delta "$FS_TMP/p0.s1" "$FS_TMP/p1.s1" .sessions.created) $(
	   stats_delta "$FS_TMP/p0.s2" "$FS_TMP/p1.s2" .sessions.created)"

# Through R2: denied by its default policy.
check_eq "R2: A2 pings B2, denied by R2's default policy" 0 "$(ping_rx "$A2" -c 3 "$B_IP4")"
snap_both p2
assert_deltas "$FS_TMP/p1.r2" "$FS_TMP/p2.r2" "
	$IF_TRUST:flow_errors.policy_denied=3 $IF_TRUST:flow_input.icmp_packets=3" \
	"R2: policy denied +3 in R2"
assert_deltas "$FS_TMP/p1.r1" "$FS_TMP/p2.r1" "" "R1: no counter moved for R2's traffic"
check_eq "sessions created: +0 in R1, +0 in R2" "0 0" \
	"$(stats_delta "$FS_TMP/p1.s1" "$FS_TMP/p2.s1" .sessions.created) $(
	   stats_delta "$FS_TMP/p1.s2" "$FS_TMP/p2.s2" .sessions.created)"

# Clearing R1 leaves R2 alone.
"$FLOWSTAT" -n "$R1" clear interfaces statistics all >/dev/null 2>&1 ||
	ktap_diag "clear interfaces statistics all in R1 failed"
counters_snapshot "$FS_TMP/c.r2" "$R2"
check_eq "clear all in R1: R2's last_cleared stays null" "null null null null" \
	"$(jq -r '[.interfaces[].last_cleared] | map(tostring) | join(" ")' "$FS_TMP/c.r2")"
assert_deltas "$FS_TMP/p2.r2" "$FS_TMP/c.r2" "" "clear all in R1: R2's counters unchanged"

# R2 goes away (its state with it); R1 carries on.
for ns in "$R2" "$A2" "$B2" "$C2"; do
	ip netns del "$ns"
done
settle "$R1"
counters_snapshot "$FS_TMP/d0.r1" "$R1"
ping_rx "$A1" -c 2 "$B_IP4" >/dev/null
counters_snapshot "$FS_TMP/d1.r1" "$R1"
check_eq "after R2's namespaces are deleted, R1 still forwards and counts" "2 2" \
	"$(jdeltas "$FS_TMP/d0.r1" "$FS_TMP/d1.r1" \
		"$(ifc "$IF_TRUST" transit input_packets)" "$(ifc "$IF_UNTRUST" transit input_packets)")"

ktap_finished
