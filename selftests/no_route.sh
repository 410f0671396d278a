#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# No route present: the route step of the first-packet path (PRE_ROUTING).
#
#   A (trust)                    R                        B (untrust)
#   10.0.1.2 ------------ ge-0/0/0 [eth0]    [eth1] ge-0/0/1 ------------ 10.0.2.2
#   fd00:1::2                                                        fd00:2::2
#                                               far: 10.9.9.9 fd00:99::9 (B's lo)
#
# R has no route to the far network at first. A pings it: each echo request
# is dropped on ge-0/0/0 as "No route present" (and counted as ICMP), and
# nothing else moves. The same with a blackhole, an unreachable and a
# prohibit route; then a real route via B lets the pings through. Last, a
# UDP flow whose route is removed mid-stream: its next packet finds no
# route, counts "No route present" and closes the session; the following
# ones are first packets without a route again.

source "$(dirname "$0")/lib.sh"

fs_init
require_cmd socat ss
ktap_set_plan 26

setup_router_topology || ktap_bail "cannot build the topology"
ip -n "$B" addr add 10.9.9.9/32 dev lo || ktap_bail "cannot address B"
ip -n "$B" addr add fd00:99::9/128 dev lo || ktap_bail "cannot address B"
{
	cfg_zone trust "$IF_TRUST"
	cfg_zone untrust "$IF_UNTRUST"
	cfg_policy trust untrust allow-out permit
	echo "set security policies default-policy deny-all"
} | load_config "$R" || ktap_bail "cannot load the configuration"

FAR4=10.9.9.9
FAR6=fd00:99::9

# noroute FAMILY DST DESC: 3 pings from A, all dropped as No route present.
noroute()
{
	local fam=$1 dst=$2 desc=$3 f=$FS_TMP/nr.$RANDOM

	settle
	counters_snapshot "$f.before"
	check_eq "$fam: $desc: no reply" 0 "$(ping_rx "$A" -c 3 "$dst")"
	counters_snapshot "$f.after"
	assert_deltas "$f.before" "$f.after" "
		$IF_TRUST:flow_errors.no_route_present=3
		$IF_TRUST:flow_input.icmp_packets=3" \
		"$fam: $desc: no route present +3 on $IF_TRUST, nothing else"
}

# route6 ARGS: `ip -6 route replace ARGS` on R; route4 likewise.
route4() { ip -n "$R" route replace "$@" 10.9.9.0/24; }
route6() { ip -n "$R" -6 route replace "$@" fd00:99::/64; }

noroute ipv4 $FAR4 "no route at all"
noroute ipv6 $FAR6 "no route at all"
for t in blackhole unreachable prohibit; do
	route4 "$t" || ktap_bail "cannot add a $t route"
	route6 "$t" || ktap_bail "cannot add a $t route"
	noroute ipv4 $FAR4 "$t route"
	noroute ipv6 $FAR6 "$t route"
done

# A real route: the pings go through.
route4 via "$B_IP4" || ktap_bail "cannot add the route"
for fam in ipv4 ipv6; do
	if [ $fam = ipv4 ]; then dst=$FAR4 len=84; else dst=$FAR6 len=104; fi
	[ $fam = ipv6 ] && { route6 via "$B_IP6" || ktap_bail "cannot add the route"; }
	settle
	counters_snapshot "$FS_TMP/ok.$fam.before"
	check_eq "$fam: route via B: every ping answered" 3 \
		"$(ping_rx "$A" -c 3 "$dst")"
	counters_snapshot "$FS_TMP/ok.$fam.after"
	assert_deltas "$FS_TMP/ok.$fam.before" "$FS_TMP/ok.$fam.after" \
		"$(ping_transit_deltas "$IF_TRUST" "$IF_UNTRUST" 3 $len)" \
		"$fam: route via B: forwarded and counted as transit"
done

# A UDP flow whose route goes away mid-stream.
udp_sink "$B" 5000 "$FS_TMP/udp.rx" || ktap_bail "cannot start the UDP sink on B"
midstream()
{
	local fam=$1 dst=$2 sport=$3 len=$4 f=$FS_TMP/ms.$1 n

	: >"$FS_TMP/udp.rx"
	settle
	counters_snapshot "$f.before"
	stats_snapshot "$f.sbefore"
	udp_send "$A" "$dst" 5000 3 "$sport"
	wait_until 5 lines_ge "$FS_TMP/udp.rx" 3
	if [ "$fam" = ipv4 ]; then
		ip -n "$R" route del 10.9.9.0/24
	else
		ip -n "$R" -6 route del fd00:99::/64
	fi
	udp_send "$A" "$dst" 5000 3 "$sport"
	counters_snapshot "$f.after"
	stats_snapshot "$f.safter"
	n=$(wc -l <"$FS_TMP/udp.rx")
	check_eq "$fam: B got the 3 datagrams sent while the route existed" 3 "$n"
	assert_deltas "$f.before" "$f.after" "
		$IF_TRUST:transit.input_packets=3 $IF_TRUST:transit.input_bytes=$((3 * len))
		$IF_TRUST:flow_input.bytes_permitted_by_policy=$((3 * len))
		$IF_TRUST:flow_input.connections_established=1
		$IF_UNTRUST:transit.output_packets=3 $IF_UNTRUST:transit.output_bytes=$((3 * len))
		$IF_UNTRUST:flow_output.bytes_permitted_by_policy=$((3 * len))
		$IF_TRUST:flow_errors.no_route_present=3" \
		"$fam: route removed mid-stream: the next 3 datagrams count no route present"
	# Closed: else the 2nd and 3rd datagrams after the removal would have
	# passed PRE_ROUTING (the route generation is stamped by the 1st) and
	# been dropped by the stack, with an ICMP error (local output) above.
	# Other sessions of earlier steps may expire meanwhile: the number of
	# deleted sessions is not exact, the number created is.
	check_eq "$fam: one session, none opened after the removal" 1 \
		"$(jdeltas "$f.sbefore" "$f.safter" .sessions.created)"
}
midstream ipv4 $FAR4 41000 60
midstream ipv6 $FAR6 41001 80

ktap_finished
