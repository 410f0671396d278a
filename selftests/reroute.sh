#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# An established session takes a changed route with its next packet. Each
# direction of an IPv4 transit session keeps the route its packets take,
# so that they skip the stack's route lookup (issue 6); a route replaced
# mid-stream must still win at once, and a kept route must not outlive its
# interface.
#
#   A (trust)                    R                        B (untrust)
#   10.0.1.2 ------------ ge-0/0/0 [eth0]    [eth1] ge-0/0/1 ------------ 10.0.2.2
#                                            [eth2] ge-0/0/2 ------------ 10.0.3.2 C (untrust)
#                               far: 10.9.9.9 fd00:99::9 on both B's and C's lo
#
# One UDP flow from A to the far address, 3 datagrams at a time: via B;
# via C once a more specific route via C is added (the route kept for the
# flow is still alive, but no longer the one a lookup finds); via B once
# that route is removed; via C, then B, as the route is replaced. Each time
# every datagram reaches the host the route points to, only that interface
# counts it as transit output, and the flow stays one session. Then a flow
# whose TOS changes takes a TOS route when it should. Last, the interface to C
# is deleted while the flow's route points there: that does not wait for
# the kept route, and the next datagrams find no route.

source "$(dirname "$0")/lib.sh"

fs_init
require_cmd socat ss
ktap_set_plan 38

setup_router_topology || ktap_bail "cannot build the topology"
for h in "$B" "$C"; do
	ip -n "$h" addr add 10.9.9.9/32 dev lo || ktap_bail "cannot address $h"
	ip -n "$h" addr add fd00:99::9/128 dev lo || ktap_bail "cannot address $h"
done
{
	cfg_zone trust "$IF_TRUST"
	cfg_zone untrust "$IF_UNTRUST" "$IF_NOZONE"
	cfg_policy trust untrust allow-out permit
	echo "set security policies default-policy deny-all"
} | load_config "$R" || ktap_bail "cannot load the configuration"

udp_sink "$B" 5000 "$FS_TMP/b.rx" || ktap_bail "cannot start the UDP sink on B"
udp_sink "$C" 5000 "$FS_TMP/c.rx" || ktap_bail "cannot start the UDP sink on C"

# route FAMILY add|del|replace HOST [host]: the far network's route on R
# (or, with "host", a route to the far address alone), via HOST (B or C).
route()
{
	local fam=$1 op=$2 gw net

	if [ "$fam" = ipv4 ]; then
		[ "$3" = B ] && gw=$B_IP4 || gw=$C_IP4
		[ "${4:-}" = host ] && net=10.9.9.9/32 || net=10.9.9.0/24
		ip -n "$R" route "$op" "$net" via "$gw"
	else
		[ "$3" = B ] && gw=$B_IP6 || gw=$C_IP6
		[ "${4:-}" = host ] && net=fd00:99::9/128 || net=fd00:99::/64
		ip -n "$R" -6 route "$op" "$net" via "$gw"
	fi
}

# step FAMILY DST SPORT LEN HOST IF DESC: 3 datagrams of the flow arrive at
# HOST, leaving R by IF only; no session opened.
step()
{
	local fam=$1 dst=$2 sport=$3 len=$4 host=$5 ifo=$6 desc=$7
	local f=$FS_TMP/st.$RANDOM rx=$FS_TMP/b.rx other=$FS_TMP/c.rx

	[ "$host" = C ] && { rx=$FS_TMP/c.rx; other=$FS_TMP/b.rx; }
	: >"$FS_TMP/b.rx"
	: >"$FS_TMP/c.rx"
	settle
	counters_snapshot "$f.before"
	stats_snapshot "$f.sbefore"
	udp_send "$A" "$dst" 5000 3 "$sport"
	wait_until 5 lines_ge "$rx" 3
	counters_snapshot "$f.after"
	stats_snapshot "$f.safter"
	check_eq "$fam: $desc: $host got the 3 datagrams, the other host none" \
		"3 0" "$(wc -l <"$rx") $(wc -l <"$other")"
	assert_deltas "$f.before" "$f.after" "
		$IF_TRUST:transit.input_packets=3 $IF_TRUST:transit.input_bytes=$((3 * len))
		$IF_TRUST:flow_input.bytes_permitted_by_policy=$((3 * len))
		$ifo:transit.output_packets=3 $ifo:transit.output_bytes=$((3 * len))
		$ifo:flow_output.bytes_permitted_by_policy=$((3 * len))" \
		"$fam: $desc: counted out of $ifo only, in the flow's session"
	check_eq "$fam: $desc: no session opened" 0 \
		"$(jdeltas "$f.sbefore" "$f.safter" .sessions.created)"
}

flow()
{
	local fam=$1 dst=$2 sport=$3 len=$4 f=$FS_TMP/fl.$1

	route "$fam" replace B || ktap_bail "cannot route via B"
	settle
	stats_snapshot "$f.sbefore"
	udp_send "$A" "$dst" 5000 1 "$sport"
	wait_until 5 lines_ge "$FS_TMP/b.rx" 1
	stats_snapshot "$f.safter"
	check_eq "$fam: the flow opens one session" 1 \
		"$(jdeltas "$f.sbefore" "$f.safter" .sessions.created)"
	step "$fam" "$dst" "$sport" "$len" B "$IF_UNTRUST" "established, via B"
	route "$fam" add C host || ktap_bail "cannot add the host route"
	step "$fam" "$dst" "$sport" "$len" C "$IF_NOZONE" "more specific route via C added"
	route "$fam" del C host || ktap_bail "cannot delete the host route"
	step "$fam" "$dst" "$sport" "$len" B "$IF_UNTRUST" "more specific route removed"
	route "$fam" replace C || ktap_bail "cannot route via C"
	step "$fam" "$dst" "$sport" "$len" C "$IF_NOZONE" "route replaced, via C"
	route "$fam" replace B || ktap_bail "cannot route via B"
	step "$fam" "$dst" "$sport" "$len" B "$IF_UNTRUST" "route replaced back, via B"
}
flow ipv4 10.9.9.9 42000 60
flow ipv6 fd00:99::9 42001 80

# A route with a TOS selector: the flow's datagrams with that TOS take it
# (via C), those without keep the main route (via B). The kept route is the
# one a TOS-0 lookup gave: it must not be handed to the others.
tos_step()
{
	local tos=$1 host=$2 rx=$FS_TMP/b.rx other=$FS_TMP/c.rx

	[ "$host" = C ] && { rx=$FS_TMP/c.rx; other=$FS_TMP/b.rx; }
	: >"$FS_TMP/b.rx"
	: >"$FS_TMP/c.rx"
	udp_send "$A" 10.9.9.9 5000 3 42002 0.05 "$tos"
	wait_until 5 lines_ge "$rx" 3
	check_eq "ipv4: TOS $tos: $host got the flow's 3 datagrams, the other host none" \
		"3 0" "$(wc -l <"$rx") $(wc -l <"$other")"
}
route ipv4 replace B || ktap_bail "cannot route via B"
ip -n "$R" route add 10.9.9.0/24 tos 0x10 via "$C_IP4" ||
	ktap_bail "cannot add the TOS route"
tos_step 0 B
tos_step 0x10 C
tos_step 0 B
ip -n "$R" route del 10.9.9.0/24 tos 0x10 via "$C_IP4" ||
	ktap_bail "cannot delete the TOS route"

# The flow's route leads to C, and its later datagrams take the kept route;
# then C's interface goes away. Deleting it waits for every reference to
# the device: a kept route that pinned it would hang here.
route ipv4 replace C || ktap_bail "cannot route via C"
: >"$FS_TMP/c.rx"
udp_send "$A" 10.9.9.9 5000 3 42000
wait_until 5 lines_ge "$FS_TMP/c.rx" 3
check_eq "ipv4: via C again before its interface goes" 3 "$(wc -l <"$FS_TMP/c.rx")"
check_rc "ipv4: the interface of a kept route is deleted at once" 0 \
	timeout 20 ip -n "$R" link del eth2
settle
counters_snapshot "$FS_TMP/gone.before"
udp_send "$A" 10.9.9.9 5000 3 42000
counters_snapshot "$FS_TMP/gone.after"
assert_deltas "$FS_TMP/gone.before" "$FS_TMP/gone.after" "
	$IF_TRUST:flow_errors.no_route_present=3" \
	"ipv4: with the interface gone, the next 3 datagrams count no route present"

ktap_finished
