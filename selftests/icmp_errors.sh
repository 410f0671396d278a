#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# ICMP errors that belong to a session pass with it (issue 12): port
# unreachable, time exceeded and fragmentation needed / packet too big,
# IPv4 and IPv6, from the far host, from a router beyond, and from R
# itself. Path MTU discovery and traceroute work through R. An error that
# quotes no session, or that is addressed to someone other than the
# sender of the quoted packet, is dropped as Policy denied.
#
#   A (trust)            R                      B (untrust, a router)
#   10.0.1.2 --- ge-0/0/0   ge-0/0/1 --- 10.0.2.2 [dummy0 mtu 1280] 10.0.9.0/24
#   fd00:1::2        trust->untrust permit       fd00:2::2             fd00:9::/64
#                    untrust->trust: nothing (deny-all)
#
# R routes 10.0.9.0/24 and fd00:9::/64 via B; 10.0.9.99 and fd00:9::99
# are beyond B's dummy0, which sends nothing anywhere. No host rate-limits
# its ICMP errors here, so each cause gives exactly one error.

source "$(dirname "$0")/lib.sh"

fs_init
require_cmd socat
ktap_set_plan 34

setup_router_topology || ktap_bail "cannot build the topology"
for ns in "$R" "$B"; do
	ip netns exec "$ns" sysctl -qw net.ipv4.icmp_ratelimit=0 \
		net.ipv6.icmp.ratelimit=0 || ktap_bail "cannot set sysctls in $ns"
done
ip netns exec "$B" sysctl -qw net.ipv4.ip_forward=1 \
	net.ipv6.conf.all.forwarding=1 || ktap_bail "cannot make B a router"
ip -n "$B" -batch - <<-EOF || ktap_bail "cannot add B's far network"
	link add dummy0 mtu 1280 type dummy
	link set dummy0 addrgenmode none
	addr add 10.0.9.1/24 dev dummy0
	addr add fd00:9::1/64 dev dummy0 nodad
	link set dummy0 up
EOF
ip -n "$R" -batch - <<-EOF || ktap_bail "cannot route to B's far network"
	route add 10.0.9.0/24 via $B_IP4
	route add fd00:9::/64 via $B_IP6
EOF
{
	cfg_zone trust "$IF_TRUST"
	cfg_zone untrust "$IF_UNTRUST"
	cfg_policy trust untrust allow-out permit
	echo "set security policies default-policy deny-all"
} | load_config "$R" || ktap_bail "cannot load the configuration"

N=5
T=$IF_TRUST
U=$IF_UNTRUST

# icmp_in NS FAMILY FIELD: an ICMP input counter of NS (FIELD without the
# Icmp/Icmp6 prefix, e.g. InDestUnreachs).
icmp_in()
{
	if [ "$2" = ipv6 ]; then
		snmp6_get "$1" "Icmp6$3"
	else
		snmp_get "$1" Icmp "$3"
	fi
}

# transit_spec IN OUT PKTS BYTES [ICMP]: PKTS packets of BYTES each forwarded
# IN -> OUT; ICMP non-empty if they are ICMP.
transit_spec()
{
	local b=$(($3 * $4))

	echo "$1:transit.input_packets=$3 $1:transit.input_bytes=$b"
	echo "$1:flow_input.bytes_permitted_by_policy=$b"
	echo "$2:transit.output_packets=$3 $2:transit.output_bytes=$b"
	echo "$2:flow_output.bytes_permitted_by_policy=$b"
	[ -n "${5:-}" ] && echo "$1:flow_input.icmp_packets=$3"
}

# sum_spec SPEC...: adds up the entries of several specs per counter.
sum_spec()
{
	printf '%s\n' $* | awk -F= 'NF == 2 { s[$1] += $2 } END { for (k in s) print k "=" s[k] }'
}

# related FAMILY DESC FIELD ERRS CMD...: runs CMD (traffic from A), which
# must bring ERRS ICMP errors of kind FIELD back to A; checks A got them
# and that R opened one session. The counter spec for R is in $SPEC.
related()
{
	local fam=$1 desc=$2 field=$3 errs=$4 f=$FS_TMP/rel.$RANDOM before

	shift 4
	settle
	counters_snapshot "$f.before"
	stats_snapshot "$f.sbefore"
	before=$(icmp_in "$A" "$fam" "$field")
	"$@" >/dev/null 2>&1
	sleep 0.3 # the last error's way back
	counters_snapshot "$f.after"
	stats_snapshot "$f.safter"
	check_eq "$fam: $desc: A received every error ($field)" "$errs" \
		"$(($(icmp_in "$A" "$fam" "$field") - before))"
	assert_deltas "$f.before" "$f.after" "$(sum_spec "$SPEC")" \
		"$fam: $desc: counted exactly on R (errors with the session), no drop"
	check_eq "$fam: $desc: sessions created" "${SESSIONS:-1}" \
		"$(stats_delta "$f.sbefore" "$f.safter" .sessions.created)"
}

# 1. Port unreachable from B for a UDP flow A -> B:9 (nothing listens).
#    UDP 60/80 bytes; the error quotes it whole: 88/128 bytes.
SPEC="$(transit_spec "$T" "$U" $N 60) $(transit_spec "$U" "$T" $N 88 icmp)
	$T:flow_input.connections_established=1"
related ipv4 "port unreachable" InDestUnreachs $N \
	udp_send "$A" "$B_IP4" 9 $N 5000
SPEC="$(transit_spec "$T" "$U" $N 80) $(transit_spec "$U" "$T" $N 128 icmp)
	$T:flow_input.connections_established=1"
related ipv6 "port unreachable" InDestUnreachs $N \
	udp_send "$A" "$B_IP6" 9 $N 5001

# 2. Time exceeded from B, a router beyond R: pings with TTL 2 die at B.
#    Echo 84/104 bytes; the error quotes it whole: 112/152 bytes.
SPEC="$(transit_spec "$T" "$U" $N 84 icmp) $(transit_spec "$U" "$T" $N 112 icmp)
	$T:flow_input.connections_established=1"
related ipv4 "time exceeded (traceroute hop beyond R)" InTimeExcds $N \
	ip netns exec "$A" ping -q -c $N -i 0.05 -W 1 -t 2 10.0.9.99
SPEC="$(transit_spec "$T" "$U" $N 104 icmp) $(transit_spec "$U" "$T" $N 152 icmp)
	$T:flow_input.connections_established=1"
related ipv6 "time exceeded (traceroute hop beyond R)" InTimeExcds $N \
	ip netns exec "$A" ping -6 -q -c $N -i 0.05 -W 1 -t 2 fd00:9::99

# 3. Path MTU discovery: a 1400-byte DF ping does not fit B's 1280-byte
#    link. The error quotes 548 bytes (576 in all) in IPv4, fills the
#    IPv6 minimum MTU (1280) in IPv6, and A learns the path MTU.
SPEC="$(transit_spec "$T" "$U" 1 1400 icmp) $(transit_spec "$U" "$T" 1 576 icmp)
	$T:flow_input.connections_established=1"
related ipv4 "fragmentation needed" InDestUnreachs 1 \
	ip netns exec "$A" ping -q -c 1 -W 1 -M do -s 1372 10.0.9.99
check_eq "ipv4: A learnt the path MTU 1280 to 10.0.9.99" 1280 \
	"$(ip -n "$A" route get 10.0.9.99 | sed -n 's/.* mtu \([0-9]*\).*/\1/p')"
SPEC="$(transit_spec "$T" "$U" 1 1400 icmp) $(transit_spec "$U" "$T" 1 1280 icmp)
	$T:flow_input.connections_established=1"
related ipv6 "packet too big" InPktTooBigs 1 \
	ip netns exec "$A" ping -6 -q -c 1 -W 1 -M do -s 1352 fd00:9::99
check_eq "ipv6: A learnt the path MTU 1280 to fd00:9::99" 1280 \
	"$(ip -n "$A" -6 route get fd00:9::99 | sed -n 's/.* mtu \([0-9]*\).*/\1/p')"

# 4. R's own time exceeded for pings with TTL 1: they never reach FORWARD
#    (no flow counter moves on ge-0/0/0 and no session opens); the errors
#    leave R as local traffic and open no session either.
SESSIONS=0
SPEC="$T:local.output_packets=$N $T:local.output_bytes=$((N * 112))"
related ipv4 "R's own time exceeded" InTimeExcds $N \
	ip netns exec "$A" ping -q -c $N -i 0.05 -W 1 -t 1 "$B_IP4"
SPEC="$T:local.output_packets=$N $T:local.output_bytes=$((N * 152))"
related ipv6 "R's own time exceeded" InTimeExcds $N \
	ip netns exec "$A" ping -6 -q -c $N -i 0.05 -W 1 -t 1 "$B_IP6"
SESSIONS=

# icmp_error NS DST TYPE CODE QSRC QDST QSPORT QDPORT COUNT: COUNT ICMP(v6)
# errors from NS to DST quoting the header of a UDP datagram QSRC:QSPORT ->
# QDST:QDPORT. 56 bytes each in IPv4, 96 in IPv6.
icmp_error()
{
	ip netns exec "$1" "$PYTHON" - "${@:2}" <<'EOF'
import ipaddress, socket, struct, sys
dst, typ, code, qs, qd, qsp, qdp, n = sys.argv[1:9]
qs, qd = ipaddress.ip_address(qs), ipaddress.ip_address(qd)
udp = struct.pack("!HHHH", int(qsp), int(qdp), 8 + 20, 0)
if qs.version == 4:
    quote = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 48, 0, 0x4000, 63, 17, 0,
                        qs.packed, qd.packed) + udp
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    msg = struct.pack("!BBHI", int(typ), int(code), 0, 0) + quote
    c = sum(struct.unpack("!%dH" % (len(msg) // 2), msg))
    while c >> 16:
        c = (c & 0xFFFF) + (c >> 16)
    msg = msg[:2] + struct.pack("!H", ~c & 0xFFFF) + msg[4:]
else:
    quote = struct.pack("!IHBB16s16s", 6 << 28, 28, 17, 63,
                        qs.packed, qd.packed) + udp
    # the kernel sums ICMPv6 raw sockets itself
    s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)
    msg = struct.pack("!BBHI", int(typ), int(code), 0, 0) + quote
for _ in range(int(n)):
    s.sendto(msg, (dst, 0))
EOF
}

# forged FAMILY DESC DST QSRC QDST: N errors from B quoting QSRC -> QDST
# (udp 5000 -> 9), dropped on ge-0/0/1 as Policy denied, none reaching A.
forged()
{
	local fam=$1 desc=$2 f=$FS_TMP/forged.$RANDOM before typ=3 code=3

	[ "$fam" = ipv6 ] && typ=1 code=4
	settle
	counters_snapshot "$f.before"
	before=$(icmp_in "$A" "$fam" InDestUnreachs)
	icmp_error "$B" "$3" $typ $code "$4" "$5" 5000 9 $N
	sleep 0.3
	counters_snapshot "$f.after"
	assert_deltas "$f.before" "$f.after" \
		"$U:flow_errors.policy_denied=$N $U:flow_input.icmp_packets=$N" \
		"$fam: $desc: policy denied +$N on ge-0/0/1, nothing else"
	check_eq "$fam: $desc: none reached A" 0 \
		"$(($(icmp_in "$A" "$fam" InDestUnreachs) - before))"
}

# 5. Errors that belong to no session. The flow A:5000 -> B:9 of part 1
#    is still live (UDP timeout 60 s), so the third case quotes a real
#    session but is addressed to another host on A's link.
forged ipv4 "error quoting no session" "$A_IP4" "$A_IP4" 10.0.2.77
forged ipv6 "error quoting no session" "$A_IP6" "$A_IP6" fd00:2::77
forged ipv4 "error about A's flow sent to another host" 10.0.1.3 \
	"$A_IP4" "$B_IP4"
forged ipv6 "error about A's flow sent to another host" fd00:1::3 \
	"$A_IP6" "$B_IP6"

ktap_finished
