#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Policy matching: address book (prefix edges, hosts, nested sets, IPv4
# and IPv6), applications (port range edges, source ports, ICMP types),
# order (an earlier deny shadows a later permit), hit counts (= sessions
# created by permit policies; kept over a reload). Reject:
# policy_reject.sh; show security policies and configuration errors:
# policy_show.sh.
#
#   B (untrust) 10.0.2.2 fd00:2::2 --- ge-0/0/1 [R] ge-0/0/0 --- A (trust)
#
# Probes are single packets sent by scapy from B at L2 (fixed MACs) to
# addresses behind ge-0/0/0 that nobody owns (static neighbours on R point
# at A's MAC, and A drops them silently): nothing answers, so every counter
# that moves was moved by the probe itself.

source "$(dirname "$0")/lib.sh"

fs_init
require_scapy
ktap_set_plan 7

setup_router_topology || ktap_bail "cannot build the topology"
# Every reject answered: no ICMP rate limit on the router.
ip netns exec "$R" sysctl -qw net.ipv4.icmp_ratelimit=0 net.ipv6.icmp.ratelimit=0 ||
	ktap_bail "cannot set the ICMP rate limits"
{
	for x in 10 15 16 31 32 40; do
		echo "neigh add 10.0.1.$x lladdr $(mac_h 1) dev eth0 nud permanent"
	done
	for x in 10 11 40; do
		echo "neigh add fd00:1::$x lladdr $(mac_h 1) dev eth0 nud permanent"
	done
} | ip -n "$R" -batch - || ktap_bail "cannot add the neighbours"

source "$(dirname "$0")/policy_rules.sh"

# probes: one packet per line "PROTO SRC DST SPORT DPORT|ICMPTYPE", sent
# from B at L2.
probes()
{
	ip netns exec "$B" "$PYTHON" - "$(mac_h 2)" "$(mac_r 2)" <<EOF
import sys
from scapy.all import Ether, IP, IPv6, TCP, UDP, ICMP, ICMPv6EchoRequest, ICMPv6EchoReply, Raw, sendp
smac, dmac = sys.argv[1:3]
pkts = []
for line in """$(cat)""".split("\n"):
    if not line.strip():
        continue
    proto, src, dst, sport, arg = line.split()
    l3 = IPv6(src=src, dst=dst) if ":" in dst else IP(src=src, dst=dst)
    if proto == "udp":
        l4 = UDP(sport=int(sport), dport=int(arg)) / Raw(b"x" * 8)
    elif proto == "tcp":
        l4 = TCP(sport=int(sport), dport=int(arg), flags="S")
    elif proto == "icmp":
        l4 = ICMP(type=int(arg), id=int(sport))
    else:
        l4 = ICMPv6EchoRequest(id=int(sport))
    pkts.append(Ether(src=smac, dst=dmac) / l3 / l4)
sendp(pkts, iface="eth0", verbose=0)
EOF
}

hits_snapshot()
{
	"$FLOWSTAT" -n "$R" -j show security policies hit-count >"$1" 2>"$1.err" ||
		ktap_diag_file "$1.err"
}

# hit_deltas BEFORE AFTER: "name=delta ..." for every policy, sorted.
hit_deltas()
{
	jq -rn --slurpfile b "$1" --slurpfile a "$2" '
		[$a[0].policies[] as $x
		 | ($b[0].policies[] | select(.name == $x.name) | .policy_count) as $y
		 | "\($x.name)=\($x.policy_count - $y)"] | sort | join(" ")' 2>/dev/null
}

snap()
{
	settle
	counters_snapshot "$FS_TMP/$1.c"
	stats_snapshot "$FS_TMP/$1.s"
	hits_snapshot "$FS_TMP/$1.h"
}

rules shadow | load_config "$R" || ktap_bail "cannot load the rule set"

# 1. Every dimension at its edges: the first eight packets match, the
# next ten miss by one (address, port, source, ICMP type, family) and fall
# to deny-all. One scapy run (each costs seconds under TCG).
snap m0
probes <<EOF
udp $B_IP4 10.0.1.16 40001 5000
udp $B_IP4 10.0.1.31 40002 5010
icmp $B_IP4 10.0.1.10 7 8
tcp $B_IP4 10.0.1.10 40003 22
udp $B_IP6 fd00:1::10 40004 5005
icmp6 $B_IP6 fd00:1::10 8 128
udp $B_IP4 10.0.1.10 1000 9
udp $B_IP4 10.0.1.10 1999 9
udp $B_IP4 10.0.1.15 41001 5000
udp $B_IP4 10.0.1.32 41002 5000
udp $B_IP4 10.0.1.16 41003 4999
udp $B_IP4 10.0.1.16 41004 5011
udp 10.0.2.3 10.0.1.16 41005 5000
icmp $B_IP4 10.0.1.10 9 13
icmp6 $B_IP6 fd00:1::11 9 128
udp $B_IP6 fd00:1::10 41006 5011
udp $B_IP4 10.0.1.10 2000 9
udp $B_IP4 10.0.1.10 999 9
EOF
snap m1
check_eq "hits per policy: prefix and port edges, icmp type, v6 sets, source ports; the deny first shadows the ssh permit; misses hit nothing" \
	"p-deny-ssh=1 p-ping=1 p-reject=0 p-sport=2 p-ssh=0 p-udp=2 p-v6=2" \
	"$(hit_deltas "$FS_TMP/m0.h" "$FS_TMP/m1.h")"
check_eq "one session per permitted first packet (= the 7 hits of permit policies)" 7 \
	"$(stats_delta "$FS_TMP/m0.s" "$FS_TMP/m1.s" .sessions.created)"
assert_only_drops_moved "$FS_TMP/m0.c" "$FS_TMP/m1.c" "$IF_UNTRUST:policy_denied=11" \
	"policy denied +11 on ge-0/0/1 (the shadowed SYN and the 10 misses), nothing else"

# 2. Order: the permit first. A reload keeps every count (same names and
# zones), so the snapshot after section 1 stays the baseline.
rules permit-first | load_config "$R" || ktap_bail "cannot load the rule set"
hits_snapshot "$FS_TMP/o.h"
check_eq "reload keeps the hit counts of policies whose name and zones persist" \
	"p-deny-ssh=0 p-ping=0 p-reject=0 p-sport=0 p-ssh=0 p-udp=0 p-v6=0" \
	"$(hit_deltas "$FS_TMP/m1.h" "$FS_TMP/o.h")"
# the kernel's own SYN (and its retransmits, which then find the session)
ip netns exec "$B" timeout 2 bash -c ': </dev/tcp/10.0.1.10/22' 2>/dev/null
snap o1
check_eq "order: permit before deny: the ssh SYN hits p-ssh" \
	"p-deny-ssh=0 p-ping=0 p-reject=0 p-sport=0 p-ssh=1 p-udp=0 p-v6=0" \
	"$(hit_deltas "$FS_TMP/m1.h" "$FS_TMP/o1.h")"
check_eq "order: and opens a session" 1 "$(stats_delta "$FS_TMP/m1.s" "$FS_TMP/o1.s" .sessions.created)"
assert_only_drops_moved "$FS_TMP/m1.c" "$FS_TMP/o1.c" "" "order: nothing dropped"

ktap_finished
