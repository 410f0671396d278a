#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# No zone or NULL zone binding: traffic entering on, or leaving through, an
# interface bound to no zone is dropped and counted on the ingress
# interface. IPv4 and IPv6.
#
#   A (trust: ping, all)          R                      B (untrust)
#   10.0.1.2 ------------ ge-0/0/0 [eth0]    [eth1] ge-0/0/1 ------------ 10.0.2.2
#   fd00:1::2                  |  policies trust<->untrust permit
#                    ge-0/0/2 [eth2]  <- bound to no zone
#                              |
#                   C 10.0.3.2 fd00:3::2
#
# 1. C pings R (10.0.3.1): to-self from an unzoned interface.
# 2. C pings A: transit with an unzoned ingress.
# 3. A pings C: transit with an unzoned egress (charged to ge-0/0/0).
# 4. C pings 224.0.0.1: multicast from an unzoned interface.
# Each time: no reply, the target's ICMP layer saw no echo request.

source "$(dirname "$0")/lib.sh"

fs_init
ktap_set_plan 21

setup_router_topology || ktap_bail "cannot build the topology"
{
	cfg_zone trust "$IF_TRUST"
	cfg_services trust all
	cfg_zone untrust "$IF_UNTRUST"
	cfg_services untrust all
	cfg_policy trust untrust allow-out permit
	cfg_policy untrust trust allow-in permit
	echo "set security policies default-policy deny-all"
} | load_config "$R" || ktap_bail "cannot load the configuration"

# echo_requests NS FAMILY: echo requests that reached NS's ICMP layer.
echo_requests()
{
	if [ "$2" = ipv6 ]; then
		snmp6_get "$1" Icmp6InEchos
	else
		snmp_get "$1" Icmp InEchos
	fi
}

# unzoned FAMILY DESC SRC_NS DST_NS DST N INGRESS [EXTRA_SPEC]
unzoned()
{
	local fam=$1 desc=$2 src=$3 dstns=$4 dst=$5 n=$6 ing=$7 extra=${8:-}
	local f=$FS_TMP/nz.$RANDOM echos

	settle
	counters_snapshot "$f.before"
	echos=$(echo_requests "$dstns" "$fam")
	check_eq "$fam: $desc: no reply" 0 "$(ping_rx "$src" -c "$n" "$dst")"
	counters_snapshot "$f.after"
	assert_deltas "$f.before" "$f.after" "
		$ing:flow_errors.no_zone_or_null_zone_binding=$n
		$ing:flow_input.icmp_packets=$n $extra" \
		"$fam: $desc: no zone or NULL zone binding +$n on $ing, nothing else"
	check_eq "$fam: $desc: no echo request delivered" 0 \
		"$(($(echo_requests "$dstns" "$fam") - echos))"
}

unzoned ipv4 "C pings R" "$C" "$R" "$R_C_IP4" 4 "$IF_NOZONE"
unzoned ipv6 "C pings R" "$C" "$R" "$R_C_IP6" 4 "$IF_NOZONE"
unzoned ipv4 "C pings A through R" "$C" "$A" "$A_IP4" 4 "$IF_NOZONE"
unzoned ipv6 "C pings A through R" "$C" "$A" "$A_IP6" 4 "$IF_NOZONE"
unzoned ipv4 "A pings C, egress unzoned" "$A" "$C" "$C_IP4" 5 "$IF_TRUST"
unzoned ipv6 "A pings C, egress unzoned" "$A" "$C" "$C_IP6" 5 "$IF_TRUST"
unzoned ipv4 "C pings 224.0.0.1" "$C" "$R" 224.0.0.1 3 "$IF_NOZONE" \
	"$IF_NOZONE:flow_input.multicast_packets=3"

ktap_finished
