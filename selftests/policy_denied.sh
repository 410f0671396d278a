#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Policy denied: deny and reject policies, the default policy, policy
# order, and intra-zone traffic. IPv4 and IPv6, ICMP and UDP.
#
#   A (trust)                    R                        B (untrust)
#   10.0.1.2 ------------ ge-0/0/0 [eth0]    [eth1] ge-0/0/1 ------------ 10.0.2.2
#   fd00:1::2   udp/5000 sink        |                                 fd00:2::2
#                         ge-0/0/2 [eth2]  (trust in the intra-zone part)
#                                    |
#                          C 10.0.3.2 fd00:3::2
#
# Every denied first packet: policy denied +1 on the ingress interface,
# and the packet is not delivered (no ping reply, no echo request or
# datagram reaches A).

source "$(dirname "$0")/lib.sh"

fs_init
require_cmd socat ss
ktap_set_plan 29

setup_router_topology || ktap_bail "cannot build the topology"
udp_sink "$A" 5000 "$FS_TMP/udp.rx" || ktap_bail "cannot start the UDP sink on A"

zones()
{
	cfg_zone trust "$IF_TRUST"
	cfg_zone untrust "$IF_UNTRUST"
	cfg_policy trust untrust allow-out permit
}

# denied FAMILY DESC SRC_NS DST N INGRESS
denied()
{
	local fam=$1 desc=$2 src=$3 dst=$4 n=$5 ing=$6 f=$FS_TMP/pd.$RANDOM echos

	settle
	counters_snapshot "$f.before"
	if [ "$fam" = ipv6 ]; then
		echos=$(snmp6_get "$A" Icmp6InEchos)
	else
		echos=$(snmp_get "$A" Icmp InEchos)
	fi
	check_eq "$fam: $desc: no reply" 0 "$(ping_rx "$src" -c "$n" "$dst")"
	counters_snapshot "$f.after"
	assert_deltas "$f.before" "$f.after" "
		$ing:flow_errors.policy_denied=$n $ing:flow_input.icmp_packets=$n" \
		"$fam: $desc: policy denied +$n on $ing, nothing else"
	if [ "$fam" = ipv6 ]; then
		echos=$(($(snmp6_get "$A" Icmp6InEchos) - echos))
	else
		echos=$(($(snmp_get "$A" Icmp InEchos) - echos))
	fi
	check_eq "$fam: $desc: no echo request reached A" 0 "$echos"
}

# 1. Explicit deny policy untrust -> trust.
{
	zones
	cfg_policy untrust trust block deny
	echo "set security policies default-policy deny-all"
} | load_config "$R" || ktap_bail "cannot load the configuration"
denied ipv4 "deny policy" "$B" "$A_IP4" 4 "$IF_UNTRUST"
denied ipv6 "deny policy" "$B" "$A_IP6" 4 "$IF_UNTRUST"

# UDP: 6 datagrams of one flow, each one a denied first packet.
settle
counters_snapshot "$FS_TMP/udp.before"
udp_send "$B" "$A_IP4" 5000 3 41000 0.05
udp_send "$B" "$A_IP6" 5000 3 41001 0.05
settle
counters_snapshot "$FS_TMP/udp.after"
assert_deltas "$FS_TMP/udp.before" "$FS_TMP/udp.after" \
	"$IF_UNTRUST:flow_errors.policy_denied=6" \
	"udp: 3 IPv4 + 3 IPv6 datagrams denied on ge-0/0/1, nothing else"
check_eq "udp: the sink on A received nothing" 0 "$(wc -l <"$FS_TMP/udp.rx")"

# 2. No policy for untrust -> trust: default-policy deny-all.
{
	zones
	echo "set security policies default-policy deny-all"
} | load_config "$R" || ktap_bail "cannot load the configuration"
denied ipv4 "default policy deny-all" "$B" "$A_IP4" 3 "$IF_UNTRUST"
denied ipv6 "default policy deny-all" "$B" "$A_IP6" 3 "$IF_UNTRUST"

# 3. Reject drops like deny and answers each echo request with an ICMP
# administratively prohibited (policy_match.sh tests what reject sends):
# 3 errors of 20 + 8 + 84 bytes leave ge-0/0/1 as local output.
{
	zones
	cfg_policy untrust trust refuse reject
} | load_config "$R" || ktap_bail "cannot load the configuration"
ip netns exec "$R" sysctl -qw net.ipv4.icmp_ratelimit=0
settle
counters_snapshot "$FS_TMP/rej.before"
check_eq "ipv4: reject policy: no reply" 0 "$(ping_rx "$B" -c 3 "$A_IP4")"
counters_snapshot "$FS_TMP/rej.after"
assert_deltas "$FS_TMP/rej.before" "$FS_TMP/rej.after" "
	$IF_UNTRUST:flow_errors.policy_denied=3 $IF_UNTRUST:flow_input.icmp_packets=3
	$IF_UNTRUST:local.output_packets=3 $IF_UNTRUST:local.output_bytes=336" \
	"ipv4: reject policy: policy denied +3 on $IF_UNTRUST, 3 ICMP errors sent back"


# 4. Order: an earlier deny shadows a later permit ...
{
	zones
	cfg_policy untrust trust block deny
	cfg_policy untrust trust allow-in permit
} | load_config "$R" || ktap_bail "cannot load the configuration"
denied ipv4 "deny before permit" "$B" "$A_IP4" 3 "$IF_UNTRUST"

# ... and the same two policies the other way round permit.
{
	zones
	cfg_policy untrust trust allow-in permit
	cfg_policy untrust trust block deny
} | load_config "$R" || ktap_bail "cannot load the configuration"
settle
counters_snapshot "$FS_TMP/order.before"
check_eq "ipv4: permit before deny: every reply arrives" 3 "$(ping_rx "$B" -c 3 "$A_IP4")"
counters_snapshot "$FS_TMP/order.after"
assert_deltas "$FS_TMP/order.before" "$FS_TMP/order.after" \
	"$(ping_transit_deltas "$IF_UNTRUST" "$IF_TRUST" 3 84)" \
	"ipv4: permit before deny: permitted, one connection on ge-0/0/1, no drop"

# 5. Intra-zone: ge-0/0/2 joins trust; trust -> trust needs a policy too.
{
	cfg_zone trust "$IF_TRUST" "$IF_NOZONE"
	cfg_zone untrust "$IF_UNTRUST"
	cfg_policy trust untrust allow-out permit
} | load_config "$R" || ktap_bail "cannot load the configuration"
denied ipv4 "intra-zone trust -> trust without a policy" "$C" "$A_IP4" 3 "$IF_NOZONE"
denied ipv6 "intra-zone trust -> trust without a policy" "$C" "$A_IP6" 3 "$IF_NOZONE"

{
	cfg_zone trust "$IF_TRUST" "$IF_NOZONE"
	cfg_zone untrust "$IF_UNTRUST"
	cfg_policy trust untrust allow-out permit
	cfg_policy trust trust intra permit
} | load_config "$R" || ktap_bail "cannot load the configuration"
settle
counters_snapshot "$FS_TMP/intra.before"
check_eq "ipv4: intra-zone with a trust -> trust permit: every reply arrives" 3 \
	"$(ping_rx "$C" -c 3 "$A_IP4")"
counters_snapshot "$FS_TMP/intra.after"
check_eq "ipv4: intra-zone permit: one connection on ge-0/0/2, no drop anywhere" "1 ok" \
	"$(counter_delta "$FS_TMP/intra.before" "$FS_TMP/intra.after" "$IF_NOZONE" flow_input connections_established) $(
	   [ -z "$(compare_deltas "$FS_TMP/intra.before" "$FS_TMP/intra.after" flow_errors "")" ] && echo ok)"

ktap_finished
