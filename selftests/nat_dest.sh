#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Destination and static NAT (issue 12): port forwarding from untrust to a
# dmz server, permitted by a policy on the server's real address; static
# NAT both ways (inbound to the mapped host, and flows the host starts
# leave with its outside address), IPv4 and IPv6; a port unreachable from
# the server reaches the client with its quote translated back.
#
#   B (untrust) 10.0.2.2 --- ge-0/0/1    R    ge-0/0/2 --- C (dmz) 10.0.3.2
#                                        |
#   A (trust)   10.0.1.2 --- ge-0/0/0 ---+
#
# B routes 203.0.113.0/24 and fd00:99::/64 to R. B and C each run a UDP
# echo server on port 7000 that logs the source it sees.

source "$(dirname "$0")/lib.sh"

fs_init
ktap_set_plan 16

setup_router_topology || ktap_bail "cannot build the topology"
ip -n "$B" -batch - <<-EOF || ktap_bail "cannot set up B's routes"
	route add 203.0.113.0/24 via $R_B_IP4
	route add fd00:99::/64 via $R_B_IP6
EOF

T=$IF_TRUST
U=$IF_UNTRUST
D=$IF_NOZONE
UDP="$FS_SELFTESTS_DIR/nat_udp.py"
for ns in B C; do
	udp_echo "${!ns}" 7000 "$FS_TMP/$ns.log" || ktap_bail "no echo server on $ns"
done

DN="set security nat destination"
ST="set security nat static rule-set st1 from zone untrust rule"
{
	cfg_zone trust "$T"
	cfg_zone untrust "$U"
	cfg_zone dmz "$D"
	echo "set security address-book global address srv4 $C_IP4/32"
	echo "set security address-book global address srv6 $C_IP6/128"
	# untrust -> dmz only to the server's real address
	p="set security policies from-zone untrust to-zone dmz policy to-srv"
	echo "$p match source-address any"
	echo "$p match destination-address srv4"
	echo "$p match destination-address srv6"
	echo "$p match application any"
	echo "$p then permit"
	cfg_policy dmz untrust srv-out permit
	echo "set security policies default-policy deny-all"
	echo "$DN pool web address $C_IP4/32 port 7000"
	echo "$DN pool closed address $C_IP4 port 9"
	echo "$DN rule-set in1 from zone untrust rule fwd match destination-address 203.0.113.80/32"
	echo "$DN rule-set in1 from zone untrust rule fwd match destination-port 8080"
	echo "$DN rule-set in1 from zone untrust rule fwd then destination-nat pool web"
	echo "$DN rule-set in1 from zone untrust rule shut match destination-address 203.0.113.80/32"
	echo "$DN rule-set in1 from zone untrust rule shut match destination-port 8081"
	echo "$DN rule-set in1 from zone untrust rule shut then destination-nat pool closed"
	echo "$ST s4 match destination-address 203.0.113.100/32"
	echo "$ST s4 then static-nat prefix $C_IP4/32"
	echo "$ST s6 match destination-address fd00:99::100/128"
	echo "$ST s6 then static-nat prefix $C_IP6/128"
} | load_config "$R" || ktap_bail "cannot load the configuration"

# ask NS DST DPORT SPORT: one datagram and its echo ("ok").
ask()
{
	ip netns exec "$1" "$PYTHON" "$UDP" ask "$2" "$3" "$4"
}

# udp_spec IN OUT BYTES: one datagram IN -> OUT and its echo, one session.
udp_spec()
{
	local x

	for x in "$1" "$2"; do
		echo "$x:transit.input_packets=1 $x:transit.input_bytes=$3"
		echo "$x:transit.output_packets=1 $x:transit.output_bytes=$3"
		echo "$x:flow_input.bytes_permitted_by_policy=$3"
		echo "$x:flow_output.bytes_permitted_by_policy=$3"
	done
	echo "$1:flow_input.connections_established=1"
}

# 1. Port forwarding: 203.0.113.80:8080 -> C:7000, allowed by the policy
#    on C's real address.
settle
counters_snapshot "$FS_TMP/f.before"
check_eq "port forwarding: B reaches 203.0.113.80:8080" ok \
	"$(ask "$B" 203.0.113.80 8080 5000)"
counters_snapshot "$FS_TMP/f.after"
check_eq "port forwarding: C saw B's own address and port" "$B_IP4 5000" \
	"$(tail -n 1 "$FS_TMP/C.log")"
assert_deltas "$FS_TMP/f.before" "$FS_TMP/f.after" "$(udp_spec "$U" "$D" 41)" \
	"port forwarding: counted exactly, no drop"
check_eq "port forwarding: the session is In to 203.0.113.80:8080, Out from C:7000" \
	"203.0.113.80 8080 $C_IP4 7000 $B_IP4 5000" \
	"$("$FLOWSTAT" -n "$R" -j show security flow session |
		jq -r '.sessions[] | select(.in.source_port == 5000) |
			"\(.in.destination) \(.in.destination_port) \(.out.source) \(.out.source_port) \(.out.destination) \(.out.destination_port)"')"

# 2. A port unreachable from C (the pool's port 9 is closed) reaches B's
#    socket: its quote was translated back to 203.0.113.80:8081.
check_eq "port forwarding: C's port unreachable reaches B's socket" refused \
	"$(ask "$B" 203.0.113.80 8081 5001)"

# 3. A port no rule forwards is not translated: R has no route to it.
counters_snapshot "$FS_TMP/n.before"
check_eq "port forwarding: 203.0.113.80:8082 gets nothing" timeout \
	"$(ask "$B" 203.0.113.80 8082 5002)"
counters_snapshot "$FS_TMP/n.after"
assert_only_drops_moved "$FS_TMP/n.before" "$FS_TMP/n.after" "$U:no_route_present=1" \
	"port forwarding: an unforwarded port is No route present, nothing else"

# 4. Static NAT inbound: 203.0.113.100 is C, every port.
for fam in 4 6; do
	if [ $fam = 4 ]; then pub=203.0.113.100 b=$B_IP4; else pub=fd00:99::100 b=$B_IP6; fi
	check_eq "ipv$fam static inbound: B reaches $pub:7000" ok "$(ask "$B" "$pub" 7000 5100)"
	check_eq "ipv$fam static inbound: C saw B's own address" "$b 5100" \
		"$(tail -n 1 "$FS_TMP/C.log")"
done

# 5. Static NAT outbound: what C starts towards untrust leaves as its
#    outside address.
for fam in 4 6; do
	if [ $fam = 4 ]; then pub=203.0.113.100 dst=$B_IP4; else pub=fd00:99::100 dst=$B_IP6; fi
	check_eq "ipv$fam static outbound: C reaches B" ok "$(ask "$C" "$dst" 7000 5200)"
	check_eq "ipv$fam static outbound: B saw $pub, C's own port" "$pub 5200" \
		"$(tail -n 1 "$FS_TMP/B.log")"
done

# 6. The views count what the rules did.
check_eq "views: destination rule fwd and pool web count one translation" "1 1" \
	"$("$FLOWSTAT" -n "$R" -j show security nat destination rule all |
		jq -r '.destination_nat_rule_entry[] | select(.rule_name == "fwd") |
			.destination_nat_rule_hits_entry.succ_hits') $("$FLOWSTAT" -n "$R" -j show security nat destination pool all |
		jq -r '.destination_nat_pool_info_entry[] | select(.pool_name == "web") | .address_pool_hits')"

ktap_finished
