#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Permitted transit traffic: exact transit, flow input/output counters and
# one session per ping run, IPv4 and IPv6.
#
#   A (trust)              R                      B (untrust)
#   10.0.1.2 ---- ge-0/0/0 [eth0]   [eth1] ge-0/0/1 ---- 10.0.2.2
#   fd00:1::2                 policy trust->untrust          fd00:2::2
#                             allow-out: permit
#                                   [eth2] ge-0/0/2 ---- C (no zone, idle)
#
# ping -c 5 A -> B: 5 requests in ge-0/0/0 / out ge-0/0/1, 5 replies in
# ge-0/0/1 / out ge-0/0/0; IPv4 echo = 84 bytes, IPv6 = 104 bytes.

source "$(dirname "$0")/lib.sh"

fs_init
ktap_set_plan 12

setup_router_topology || ktap_bail "cannot build the topology"
{
	cfg_zone trust "$IF_TRUST"
	cfg_zone untrust "$IF_UNTRUST"
	cfg_policy trust untrust allow-out permit
	echo "set security policies default-policy deny-all"
} | load_config "$R" || ktap_bail "cannot load the configuration"

N=5

# transit_run FAMILY DST BYTES_PER_PACKET
transit_run()
{
	local fam=$1 dst=$2 b=$((N * $3))
	local f=$FS_TMP/$fam

	settle
	counters_snapshot "$f.before"
	stats_snapshot "$f.sbefore"
	check_eq "$fam: ping -c $N trust -> untrust gets every reply" "$N" \
		"$(ping_rx "$A" -c "$N" "$dst")"
	counters_snapshot "$f.after"
	stats_snapshot "$f.safter"

	assert_deltas "$f.before" "$f.after" \
		"$(ping_transit_deltas "$IF_TRUST" "$IF_UNTRUST" "$N" "$3")" \
		"$fam: transit and flow counters exact on both interfaces, one connection on trust"
	assert_only_drops_moved "$f.before" "$f.after" "" \
		"$fam: no drop counter moved"
	check_eq "$fam: one session created for the ping run" 1 \
		"$(stats_delta "$f.sbefore" "$f.safter" .sessions.created)"
	check_eq "$fam: flow statistics sums (permitted in/out bytes, icmp, connections)" \
		"$((2 * b)) $((2 * b)) $((2 * N)) 1" \
		"$(jdeltas "$f.sbefore" "$f.safter" .flow_input.bytes_permitted_by_policy \
			.flow_output.bytes_permitted_by_policy .flow_input.icmp_packets \
			.flow_input.connections_established)"
	# The device's own counters (relative to the clear baseline).
	check_eq "$fam: device traffic packets on ge-0/0/0 and ge-0/0/1 (in out in out)" \
		"$N $N $N $N" \
		"$(jdeltas "$f.before" "$f.after" \
			"$(ifc "$IF_TRUST" traffic input_packets)" \
			"$(ifc "$IF_TRUST" traffic output_packets)" \
			"$(ifc "$IF_UNTRUST" traffic input_packets)" \
			"$(ifc "$IF_UNTRUST" traffic output_packets)")"
}

transit_run ipv4 "$B_IP4" 84
transit_run ipv6 "$B_IP6" 104

ktap_finished
