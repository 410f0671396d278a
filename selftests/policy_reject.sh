#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# then reject: the client sees a TCP RST (IPv4 and IPv6) or an ICMP port
# unreachable (ICMP type 3 code 3, ICMPv6 type 1 code 4) for UDP; a RST is
# not answered; every rejected packet moves policy denied by exactly one
# and the reject policy's hit count by one (the RST, not a SYN, is dropped
# before the policy lookup); no other drop counter moves.
#
#   B (untrust) 10.0.2.2 fd00:2::2 --- ge-0/0/1 [R] ge-0/0/0 --- A (trust)
#
# The rejected destinations (10.0.1.40, fd00:1::40) are behind ge-0/0/0.

source "$(dirname "$0")/lib.sh"

fs_init
require_scapy
ktap_set_plan 7

setup_router_topology || ktap_bail "cannot build the topology"
# Every reject answered: no ICMP rate limit on the router.
ip netns exec "$R" sysctl -qw net.ipv4.icmp_ratelimit=0 net.ipv6.icmp.ratelimit=0 ||
	ktap_bail "cannot set the ICMP rate limits"
ip -n "$R" -batch - <<EOF || ktap_bail "cannot add the neighbours"
neigh add 10.0.1.40 lladdr $(mac_h 1) dev eth0 nud permanent
neigh add fd00:1::40 lladdr $(mac_h 1) dev eth0 nud permanent
EOF

P="set security policies from-zone untrust to-zone trust policy"
{
	cfg_zone trust "$IF_TRUST"
	cfg_zone untrust "$IF_UNTRUST"
	cat <<EOF
set security address-book global address rej4 10.0.1.40/32
set security address-book global address rej6 fd00:1::40/128
set security address-book global address-set rej address rej4
set security address-book global address-set rej address rej6
$P p-reject match source-address any
$P p-reject match destination-address rej
$P p-reject match application any
$P p-reject then reject
set security policies default-policy deny-all
EOF
} | load_config "$R" || ktap_bail "cannot load the configuration"

settle
counters_snapshot "$FS_TMP/r0.c"
"$FLOWSTAT" -n "$R" -j show security policies hit-count >"$FS_TMP/r0.h"
ip netns exec "$B" "$PYTHON" - >"$FS_TMP/reject.out" 2>"$FS_TMP/reject.err" <<'EOF'
from scapy.all import IP, IPv6, TCP, UDP, ICMP, sr1, conf
conf.verb = 0
def show(name, p):
    if p is None:
        print(name, "none")
    elif p.haslayer(TCP):
        print(name, "tcp", "rst" if "R" in str(p[TCP].flags) else str(p[TCP].flags))
    elif p.haslayer(ICMP):
        print(name, "icmp", p[ICMP].type, p[ICMP].code)
    elif p.haslayer("ICMPv6DestUnreach"):
        print(name, "icmp6", p["ICMPv6DestUnreach"].type, p["ICMPv6DestUnreach"].code)
    else:
        print(name, "other", p.summary())
show("tcp4", sr1(IP(dst="10.0.1.40") / TCP(sport=43001, dport=80, flags="S"), timeout=3))
show("udp4", sr1(IP(dst="10.0.1.40") / UDP(sport=43002, dport=53), timeout=3))
show("tcp6", sr1(IPv6(dst="fd00:1::40") / TCP(sport=43003, dport=80, flags="S"), timeout=3))
show("udp6", sr1(IPv6(dst="fd00:1::40") / UDP(sport=43004, dport=53), timeout=3))
show("rst4", sr1(IP(dst="10.0.1.40") / TCP(sport=43005, dport=80, flags="R"), timeout=2))
EOF
settle
counters_snapshot "$FS_TMP/r1.c"
"$FLOWSTAT" -n "$R" -j show security policies hit-count >"$FS_TMP/r1.h"
[ "$(wc -l <"$FS_TMP/reject.out")" -eq 5 ] || cat "$FS_TMP/reject.out" "$FS_TMP/reject.err" | ktap_diag_file
check_eq "TCP SYN gets a RST (IPv4)" "tcp4 tcp rst" "$(sed -n 1p "$FS_TMP/reject.out")"
check_eq "UDP gets ICMP port unreachable, type 3 code 3" "udp4 icmp 3 3" "$(sed -n 2p "$FS_TMP/reject.out")"
check_eq "TCP SYN gets a RST (IPv6)" "tcp6 tcp rst" "$(sed -n 3p "$FS_TMP/reject.out")"
check_eq "UDP gets ICMPv6 port unreachable, type 1 code 4" "udp6 icmp6 1 4" "$(sed -n 4p "$FS_TMP/reject.out")"
check_eq "a RST is not answered" "rst4 none" "$(sed -n 5p "$FS_TMP/reject.out")"
assert_only_drops_moved "$FS_TMP/r0.c" "$FS_TMP/r1.c" "$IF_UNTRUST:policy_denied=5" \
	"policy denied +1 per rejected packet (5) on ge-0/0/1, no other drop"
# The RST has no session and is not a SYN: tcp-syn-check drops it (Policy
# denied) before any policy is looked up, so p-reject matched four.
check_eq "p-reject counted the four first packets it matched" 4 \
	"$(jq -rn --slurpfile b "$FS_TMP/r0.h" --slurpfile a "$FS_TMP/r1.h" '$a[0].policies[0].policy_count - $b[0].policies[0].policy_count')"

ktap_finished
