#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Multicast: flow input multicast packets for multicast to the router,
# flow output multicast packets for multicast the router sends.
#
#   A (trust: ping)                  R                     B (untrust: nothing)
#   eth0 ---------------- ge-0/0/0 [eth0]     [eth1] ge-0/0/1 ---------------- eth0
#   10.0.1.2 fe80::2      10.0.1.1 fe80::1     10.0.2.1 fe80::1        10.0.2.2 fe80::2
#                                  [eth2] ge-0/0/2 ---- C (no zone, idle)
#
# R answers multicast pings (icmp_echo_ignore_broadcasts=0,
# echo_ignore_multicast=0); the hosts never do. Every multicast ping uses
# -L so the sender does not see its own packets looped back.
# 1. A pings 224.0.0.1 and ff02::1 on its link: multicast, ICMP and self
#    packets on ge-0/0/0, unicast replies are local output.
# 2. B pings 224.0.0.1: counted as multicast/ICMP, then dropped (untrust
#    allows no ping): no one interested in self packets.
# 3. R pings 224.0.0.1 and ff02::1 out of ge-0/0/0: flow output multicast.

source "$(dirname "$0")/lib.sh"

fs_init
ktap_set_plan 11

setup_router_topology || ktap_bail "cannot build the topology"
{
	cfg_zone trust "$IF_TRUST"
	cfg_services trust ping
	cfg_zone untrust "$IF_UNTRUST"
	echo "set security policies default-policy deny-all"
} | load_config "$R" || ktap_bail "cannot load the configuration"

# mc_to_router FAMILY GROUP N BYTES_PER_PACKET
mc_to_router()
{
	local fam=$1 grp=$2 n=$3 b=$(($3 * $4)) f=$FS_TMP/mc.$1

	settle
	counters_snapshot "$f.before"
	check_eq "$fam: A pings $grp, R answers every request" "$n" \
		"$(ping_rx "$A" -c "$n" -L -I eth0 "$grp")"
	counters_snapshot "$f.after"
	assert_deltas "$f.before" "$f.after" "
		$IF_TRUST:flow_input.multicast_packets=$n $IF_TRUST:flow_input.icmp_packets=$n
		$IF_TRUST:flow_input.self_packets=$n
		$IF_TRUST:local.input_packets=$n $IF_TRUST:local.input_bytes=$b
		$IF_TRUST:local.output_packets=$n $IF_TRUST:local.output_bytes=$b" \
		"$fam: ping $grp counted as multicast, icmp and self on ge-0/0/0, no connection"
}

mc_to_router ipv4 224.0.0.1 4 84
mc_to_router ipv6 ff02::1 4 104

# Multicast into a zone that allows no ping: counted, then dropped.
settle
counters_snapshot "$FS_TMP/mcdrop.before"
echos=$(snmp_get "$R" Icmp InEchos)
check_eq "ipv4: B pings 224.0.0.1, untrust allows no ping: no reply" 0 \
	"$(ping_rx "$B" -c 3 -L -I eth0 224.0.0.1)"
counters_snapshot "$FS_TMP/mcdrop.after"
assert_deltas "$FS_TMP/mcdrop.before" "$FS_TMP/mcdrop.after" "
	$IF_UNTRUST:flow_input.multicast_packets=3 $IF_UNTRUST:flow_input.icmp_packets=3
	$IF_UNTRUST:flow_errors.no_one_interested_in_self_packets=3" \
	"ipv4: dropped multicast still counts multicast and icmp on ge-0/0/1"
check_eq "ipv4: the dropped echo requests never reached R's ICMP layer" 0 \
	"$(($(snmp_get "$R" Icmp InEchos) - echos))"

# mc_from_router FAMILY GROUP N BYTES_PER_PACKET
mc_from_router()
{
	local fam=$1 grp=$2 n=$3 b=$(($3 * $4)) f=$FS_TMP/mcout.$1

	settle
	counters_snapshot "$f.before"
	check_eq "$fam: R pings $grp out of ge-0/0/0 (hosts do not answer)" 0 \
		"$(ping_rx "$R" -c "$n" -L -I eth0 "$grp")"
	counters_snapshot "$f.after"
	assert_deltas "$f.before" "$f.after" "
		$IF_TRUST:local.output_packets=$n $IF_TRUST:local.output_bytes=$b
		$IF_TRUST:flow_output.multicast_packets=$n" \
		"$fam: router-originated $grp counted as flow output multicast on ge-0/0/0"
}

mc_from_router ipv4 224.0.0.1 3 84
mc_from_router ipv6 ff02::1 3 104

ktap_finished
