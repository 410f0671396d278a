#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Traffic to and from the router itself (local statistics, self packets),
# IPv4 and IPv6.
#
#   A (trust: host-inbound ping)   R                   B (untrust: no host-inbound)
#   10.0.1.2 -------------- ge-0/0/0 [eth0]   [eth1] ge-0/0/1 -------------- 10.0.2.2
#   fd00:1::2               10.0.1.1 fd00:1::1  10.0.2.1 fd00:2::1           fd00:2::2
#                                    [eth2] ge-0/0/2 ---- C (no zone, idle)
#
# 1. A pings R (its trust address, then its untrust address): to-self,
#    allowed by trust's host-inbound ping, counted on the ingress ge-0/0/0.
# 2. R pings B: router-originated; untrust allows no host-inbound traffic,
#    yet the replies come in because R's echo requests opened a session.
# 3. R pings its own addresses: loopback traffic, nothing moves.

source "$(dirname "$0")/lib.sh"

fs_init
ktap_set_plan 17

setup_router_topology || ktap_bail "cannot build the topology"
{
	cfg_zone trust "$IF_TRUST"
	cfg_services trust ping
	cfg_zone untrust "$IF_UNTRUST"
	cfg_policy trust untrust allow-out permit
	echo "set security policies default-policy deny-all"
} | load_config "$R" || ktap_bail "cannot load the configuration"

# to_router FAMILY DST N BYTES_PER_PACKET
to_router()
{
	local fam=$1 dst=$2 n=$3 b=$(($3 * $4)) f=$FS_TMP/to.$1.$2

	settle
	counters_snapshot "$f.before"
	check_eq "$fam: A pings R at $dst, every reply arrives" "$n" \
		"$(ping_rx "$A" -c "$n" "$dst")"
	counters_snapshot "$f.after"
	assert_deltas "$f.before" "$f.after" "
		$IF_TRUST:local.input_packets=$n $IF_TRUST:local.input_bytes=$b
		$IF_TRUST:local.output_packets=$n $IF_TRUST:local.output_bytes=$b
		$IF_TRUST:flow_input.self_packets=$n $IF_TRUST:flow_input.icmp_packets=$n
		$IF_TRUST:flow_input.connections_established=1" \
		"$fam: ping to $dst counted as local and self on ge-0/0/0 only, one connection"
}

to_router ipv4 "$R_A_IP4" 5 84
to_router ipv6 "$R_A_IP6" 5 104
# R's address on another interface: still arrives on ge-0/0/0, so trust's
# host-inbound applies and ge-0/0/1 does not move.
to_router ipv4 "$R_B_IP4" 3 84
to_router ipv6 "$R_B_IP6" 3 104

# from_router FAMILY DST N BYTES_PER_PACKET
from_router()
{
	local fam=$1 dst=$2 n=$3 b=$(($3 * $4)) f=$FS_TMP/from.$1

	settle
	counters_snapshot "$f.before"
	stats_snapshot "$f.sbefore"
	check_eq "$fam: R pings B, replies let in by the session (untrust allows no ping)" \
		"$n" "$(ping_rx "$R" -c "$n" "$dst")"
	counters_snapshot "$f.after"
	stats_snapshot "$f.safter"
	assert_deltas "$f.before" "$f.after" "
		$IF_UNTRUST:local.output_packets=$n $IF_UNTRUST:local.output_bytes=$b
		$IF_UNTRUST:local.input_packets=$n $IF_UNTRUST:local.input_bytes=$b
		$IF_UNTRUST:flow_input.self_packets=$n $IF_UNTRUST:flow_input.icmp_packets=$n" \
		"$fam: router-originated ping counted as local out/in on ge-0/0/1, no connection, no drop"
	check_eq "$fam: the router-originated ping run created one session" 1 \
		"$(stats_delta "$f.sbefore" "$f.safter" .sessions.created)"
}

from_router ipv4 "$B_IP4" 5 84
from_router ipv6 "$B_IP6" 5 104

# Loopback: R pings its own addresses; the module ignores lo.
settle
counters_snapshot "$FS_TMP/lo.before"
check_eq "R pings its own IPv4 address" 3 "$(ping_rx "$R" -c 3 "$R_A_IP4")"
check_eq "R pings its own IPv6 address" 3 "$(ping_rx "$R" -c 3 "$R_A_IP6")"
counters_snapshot "$FS_TMP/lo.after"
assert_deltas "$FS_TMP/lo.before" "$FS_TMP/lo.after" "" \
	"traffic on the loopback device moves no counter"

ktap_finished
