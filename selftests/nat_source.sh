#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Source NAT (issue 12): `source-nat interface` and pools with port
# translation, IPv4 and IPv6. Two clients with the same source port share
# one address; replies, ICMP errors (port unreachable, time exceeded) and
# echo replies find their way back with the quoted header translated; a
# pool's ports run out into "Incoming NAT errors" and come back when
# sessions end; a packet to a pool address without a session is "No one
# interested in self packets"; a TCP transfer through port translation
# arrives intact.
#
#   A (trust) 10.0.1.2 --- ge-0/0/0      R      ge-0/0/1 --- B 10.0.2.2
#   C (trust) 10.0.3.2 --- ge-0/0/2   translates   (untrust, a router to
#                                                   10.0.9.0/24 beyond it)
#
# B routes the pools (203.0.113.0/24, fd00:99::/64) to R, and runs a UDP
# echo server on port 7000 that logs the source it sees.

source "$(dirname "$0")/lib.sh"

fs_init
require_cmd socat
ktap_set_plan 46

setup_router_topology || ktap_bail "cannot build the topology"
ip netns exec "$B" sysctl -qw net.ipv4.ip_forward=1 \
	net.ipv6.conf.all.forwarding=1 net.ipv4.icmp_ratelimit=0 \
	net.ipv6.icmp.ratelimit=0 || ktap_bail "cannot make B a router"
ip -n "$B" -batch - <<-EOF || ktap_bail "cannot set up B's routes"
	link add dummy0 type dummy
	link set dummy0 addrgenmode none
	addr add 10.0.9.1/24 dev dummy0
	link set dummy0 up
	route add 203.0.113.0/24 via $R_B_IP4
	route add fd00:99::/64 via $R_B_IP6
EOF
ip -n "$R" route add 10.0.9.0/24 via "$B_IP4" ||
	ktap_bail "cannot route to B's far network"

T=$IF_TRUST
U=$IF_UNTRUST
X=$IF_NOZONE
UDP="$FS_SELFTESTS_DIR/nat_udp.py"
LOG=$FS_TMP/b.log
udp_echo "$B" 7000 "$LOG" || ktap_bail "no echo server on B"

# conf_nat STATEMENT...: zones (C's interface in trust too), the policy,
# then the NAT statements given.
conf_nat()
{
	cfg_zone trust "$T" "$X"
	cfg_zone untrust "$U"
	cfg_policy trust untrust allow-out permit
	echo "set security policies default-policy deny-all"
	echo "set security flow udp-session timeout 3"
	printf '%s\n' "$@"
}

RS="set security nat source rule-set rs1 from zone trust to zone untrust rule"

# ask NS DST SPORT: one datagram to DST:7000 and its echo ("ok").
ask()
{
	ip netns exec "$1" "$PYTHON" "$UDP" ask "$2" 7000 "$3"
}

# seen N: the sources B logged from line N on, sorted.
seen()
{
	tail -n +"$1" "$LOG" | sort
}

# udp_spec IN OUT N BYTES: N datagrams IN -> OUT and their N echoes back,
# BYTES each, in N sessions opened on IN.
udp_spec()
{
	local b=$(($3 * $4)) x

	for x in "$1" "$2"; do
		echo "$x:transit.input_packets=$3 $x:transit.input_bytes=$b"
		echo "$x:transit.output_packets=$3 $x:transit.output_bytes=$b"
		echo "$x:flow_input.bytes_permitted_by_policy=$b"
		echo "$x:flow_output.bytes_permitted_by_policy=$b"
	done
	echo "$1:flow_input.connections_established=$3"
}

# pool_use POOL: "PORTS-IN-USE HITS FAILED" of a source pool.
pool_use()
{
	"$FLOWSTAT" -n "$R" -j show security nat source pool all |
		jq -r --arg p "$1" '.source_nat_pool_info_entry[] | select(.pool_name == $p) |
			"\(.source_pool_address_range_sum.single_port_sum) \(.address_pool_hits) \(.failed_hits)"'
}

sum_spec()
{
	printf '%s\n' $* | awk -F= 'NF == 2 { s[$1] += $2 } END { for (k in s) print k "=" s[k] }'
}

# ---------------------------------------------------------------------------
# 1. source-nat interface

conf_nat "$RS r1 match source-address 0.0.0.0/0" \
	"$RS r1 match source-address ::/0" \
	"$RS r1 then source-nat interface" |
	load_config "$R" || ktap_bail "cannot load the interface NAT configuration"

# 1a. A and C, both from port 5000: two sessions, two ports of R's address.
for fam in 4 6; do
	if [ $fam = 4 ]; then dst=$B_IP4 r=$R_B_IP4 len=41; else dst=$B_IP6 r=$R_B_IP6 len=61; fi
	settle
	counters_snapshot "$FS_TMP/i$fam.before"
	stats_snapshot "$FS_TMP/i$fam.sbefore"
	n=$(($(wc -l <"$LOG") + 1))
	got="$(ask "$A" "$dst" 5000) $(ask "$C" "$dst" 5000)"
	counters_snapshot "$FS_TMP/i$fam.after"
	stats_snapshot "$FS_TMP/i$fam.safter"
	check_eq "ipv$fam interface: A and C from port 5000 both get their echo" "ok ok" "$got"
	ports=$(seen "$n" | awk -v r="$r" '$1 == r { print $2 }' | sort -u | wc -l)
	check_eq "ipv$fam interface: B saw two sources, both R's address, two ports" \
		"2 2" "$(seen "$n" | wc -l) $ports"
	check_eq "ipv$fam interface: neither kept port 5000" 0 \
		"$(seen "$n" | awk '$2 == 5000' | wc -l)"
	check_eq "ipv$fam interface: two sessions" 2 \
		"$(stats_delta "$FS_TMP/i$fam.sbefore" "$FS_TMP/i$fam.safter" .sessions.created)"
	assert_deltas "$FS_TMP/i$fam.before" "$FS_TMP/i$fam.after" \
		"$(sum_spec "$(udp_spec "$T" "$U" 1 $len) $(udp_spec "$X" "$U" 1 $len)")" \
		"ipv$fam interface: counted exactly, no drop"
done

# 1a'. Datagrams with a complete checksum (crafted: not offloaded, so B
# checks it) and without one (IPv4): the incremental update is right, and
# a missing checksum stays missing.
n=$(($(wc -l <"$LOG") + 1))
before="$(snmp_get "$B" Udp InCsumErrors) $(snmp6_get "$B" Udp6InCsumErrors)"
ip netns exec "$A" "$PYTHON" "$FS_SELFTESTS_DIR/pkt.py" eth0 "$(mac_h 1)" "$(mac_r 1)" \
	"udp $A_IP4 $B_IP4 5400 7000 20" "udp0 $A_IP4 $B_IP4 5401 7000 20" \
	"udp $A_IP6 $B_IP6 5402 7000 20"
wait_until 5 lines_ge "$LOG" $((n + 2))
check_eq "interface: crafted datagrams with and without checksum reach B, translated" \
	"3 3" "$(seen "$n" | wc -l) $(seen "$n" | awk -v a="$R_B_IP4" -v b="$R_B_IP6" '$1 == a || $1 == b' | wc -l)"
check_eq "interface: B counted no UDP checksum error" "$before" \
	"$(snmp_get "$B" Udp InCsumErrors) $(snmp6_get "$B" Udp6InCsumErrors)"

# 1b. Ping through the translation (echo identifier translated).
check_eq "ipv4 interface: A pings B" 3 "$(ping_rx "$A" -c 3 -i 0.2 "$B_IP4")"
check_eq "ipv6 interface: A pings B" 3 "$(ping_rx "$A" -c 3 -i 0.2 "$B_IP6")"

# 1c. Port unreachable from B reaches A's socket: the kernel matched the
# quote to it, so addresses, ports and checksums were translated back.
for fam in 4 6; do
	if [ $fam = 4 ]; then
		dst=$B_IP4 before=$(snmp_get "$A" Icmp InCsumErrors)
	else
		dst=$B_IP6 before=$(snmp6_get "$A" Icmp6InCsumErrors)
	fi
	check_eq "ipv$fam interface: port unreachable reaches A's socket" refused \
		"$(ip netns exec "$A" "$PYTHON" "$UDP" ask "$dst" 9 5100)"
	if [ $fam = 4 ]; then
		after=$(snmp_get "$A" Icmp InCsumErrors)
	else
		after=$(snmp6_get "$A" Icmp6InCsumErrors)
	fi
	check_eq "ipv$fam interface: no ICMP checksum error on A" "$before" "$after"
done

# 1c'. The same errors, read byte by byte on A: the quote is the datagram
# as A sent it, with every checksum right.
check_eq "ipv4 interface: the port unreachable quotes A's datagram, checksums right" ok \
	"$(ip netns exec "$A" "$PYTHON" "$UDP" quote "$A_IP4" "$B_IP4" 9 5101 "$(mac_h 1)" "$(mac_r 1)")"
check_eq "ipv6 interface: the port unreachable quotes A's datagram, checksums right" ok \
	"$(ip netns exec "$A" "$PYTHON" "$UDP" quote "$A_IP6" "$B_IP6" 9 5102 "$(mac_h 1)" "$(mac_r 1)")"

# 1d. Time exceeded from B (TTL 2 dies there): ping matches the quoted
# echo identifier to its own socket only if it was translated back.
te=$(ip netns exec "$A" ping -n -c 1 -t 2 -W 2 10.0.9.99 2>&1 | grep -c "Time to live exceeded")
check_eq "ipv4 interface: time exceeded from B reaches A's ping" 1 "$te"

# 1d'. A datagram of an established translated flow whose hop limit runs
# out at R: R's time exceeded reaches A (traceroute through R).
check_eq "ipv4 interface: TTL 1 on a translated flow: time exceeded from R reaches A" \
	"$R_A_IP4" "$(ip netns exec "$A" "$PYTHON" "$UDP" ttl1 "$B_IP4" 7000 5500)"
check_eq "ipv6 interface: hop limit 1 on a translated flow: time exceeded from R reaches A" \
	"$R_A_IP6" "$(ip netns exec "$A" "$PYTHON" "$UDP" ttl1 "$B_IP6" 7000 5501)"

# 1e. A TCP transfer through port translation arrives intact.
head -c 2000000 /dev/urandom >"$FS_TMP/tx"
digest=$(sha256sum <"$FS_TMP/tx" | cut -d' ' -f1)
tcp_sink "$B" 6001 "$FS_TMP/rx" || ktap_bail "cannot start the tcp/6001 sink on B"
ip netns exec "$A" timeout 60 socat -u "OPEN:$FS_TMP/tx" "TCP4:$B_IP4:6001" ||
	ktap_diag "the transfer did not complete"
wait_until 20 eval '[ "$(stat -c %s "$FS_TMP/rx")" -ge 2000000 ]'
check_eq "ipv4 interface: a 2 MB TCP transfer arrives intact" "$digest" \
	"$(sha256sum <"$FS_TMP/rx" | cut -d' ' -f1)"

# ---------------------------------------------------------------------------
# 2. A pool of one address and four ports

conf_nat "set security nat source pool p1 address 203.0.113.10/32" \
	"set security nat source pool p1 port range 2000 to 2003" \
	"set security nat source pool p6 address fd00:99::10/128" \
	"set security nat source pool p6 port range 3000 to 3001" \
	"$RS r4 match source-address 10.0.0.0/8" \
	"$RS r4 then source-nat pool p1" \
	"$RS r6 match source-address fd00::/16" \
	"$RS r6 then source-nat pool p6" |
	load_config "$R" || ktap_bail "cannot load the pool configuration"
# the interface translations above time out first (UDP 3 s)
wait_until 40 eval '[ "$("$FLOWSTAT" -n "$R" -j show security flow statistics | jq .sessions.current)" = 0 ]'

# 2a. Four flows take the four ports.
settle
n=$(($(wc -l <"$LOG") + 1))
holders=()
for p in 6001 6002 6003 6004; do
	ip netns exec "$A" "$PYTHON" "$UDP" hold "$B_IP4" 7000 $p 120 >"$FS_TMP/hold.$p" &
	holders+=("$!")
	FS_BG_PIDS+=("$!")
done
wait_until 20 eval '[ "$(cat "$FS_TMP"/hold.600[1-4] | grep -c ok)" = 4 ]'
check_eq "ipv4 pool: four flows get their echo" 4 "$(cat "$FS_TMP"/hold.600[1-4] | grep -c ok)"
check_eq "ipv4 pool: B saw 203.0.113.10 ports 2000 to 2003, no other" \
	"203.0.113.10 2000,203.0.113.10 2001,203.0.113.10 2002,203.0.113.10 2003" \
	"$(seen "$n" | sort -u | paste -sd,)"
# the sessions show their Out direction as it is on the wire
check_eq "ipv4 pool: the sessions' Out direction goes to 203.0.113.10:2000-2003" \
	"$B_IP4 7000 203.0.113.10 2000,$B_IP4 7000 203.0.113.10 2001,$B_IP4 7000 203.0.113.10 2002,$B_IP4 7000 203.0.113.10 2003" \
	"$("$FLOWSTAT" -n "$R" -j show security flow session |
		jq -r '.sessions[] | select(.in.destination_port == 7000) | .out |
			"\(.source) \(.source_port) \(.destination) \(.destination_port)"' |
		sort | paste -sd,)"

# 2b. The fifth finds no port: Incoming NAT errors, no session.
counters_snapshot "$FS_TMP/p.before"
stats_snapshot "$FS_TMP/p.sbefore"
check_eq "ipv4 pool: a fifth flow gets nothing back" timeout "$(ask "$A" "$B_IP4" 6005)"
counters_snapshot "$FS_TMP/p.after"
stats_snapshot "$FS_TMP/p.safter"
assert_only_drops_moved "$FS_TMP/p.before" "$FS_TMP/p.after" "$T:incoming_nat_errors=1" \
	"ipv4 pool: the fifth flow counts Incoming NAT errors, nothing else"
check_eq "ipv4 pool: the fifth flow opened no session" 0 \
	"$(stats_delta "$FS_TMP/p.sbefore" "$FS_TMP/p.safter" .sessions.created)"
check_eq "ipv4 pool: pool p1 shows 4 ports in use, 4 hits, 1 failed" "4 4 1" \
	"$(pool_use p1)"
check_eq "ipv4 pool: rule r4 shows 4 translations and 1 failure" "4 1" \
	"$("$FLOWSTAT" -n "$R" -j show security nat source rule all |
		jq -r '.source_nat_rule_entry[] | select(.rule_name == "r4") |
			.source_nat_rule_hits_entry | "\(.succ_hits) \(.failed_hits)"')"

# 2c. A reload that changes the rule (not the pool): the flows keep their
# bindings and the pool its counts.
conf_nat "set security nat source pool p1 address 203.0.113.10/32" \
	"set security nat source pool p1 port range 2000 to 2003" \
	"set security nat source pool p6 address fd00:99::10/128" \
	"set security nat source pool p6 port range 3000 to 3001" \
	"$RS r4 match source-address 10.0.1.0/24" \
	"$RS r4 match source-address 10.0.3.0/24" \
	"$RS r4 then source-nat pool p1" \
	"$RS r6 match source-address fd00::/16" \
	"$RS r6 then source-nat pool p6" |
	load_config "$R" || ktap_bail "cannot reload the pool configuration"
n=$(($(wc -l <"$LOG") + 1))
sleep 2
check_eq "reload: the four flows keep their bindings" \
	"203.0.113.10 2000,203.0.113.10 2001,203.0.113.10 2002,203.0.113.10 2003" \
	"$(seen "$n" | sort -u | paste -sd,)"
check_eq "reload: pool p1 keeps its bindings and counts" "4 4 1" "$(pool_use p1)"

# 2d. A packet to the pool address without a session is for the router,
# where nothing listens.
counters_snapshot "$FS_TMP/s.before"
ping_rx "$B" -c 1 -W 1 203.0.113.10 >/dev/null
counters_snapshot "$FS_TMP/s.after"
# (the four flows' datagrams go on meanwhile: only drops and ICMP here)
assert_only_drops_moved "$FS_TMP/s.before" "$FS_TMP/s.after" \
	"$U:no_one_interested_in_self_packets=1" \
	"ipv4 pool: a ping to the pool address is No one interested in self packets"
check_eq "ipv4 pool: ... counted as ICMP input on ge-0/0/1" 1 \
	"$(counter_delta "$FS_TMP/s.before" "$FS_TMP/s.after" "$U" flow_input icmp_packets)"

# 2e. When the flows' sessions time out (UDP 3 s), their ports come back.
kill "${holders[@]}" 2>/dev/null
wait "${holders[@]}" 2>/dev/null
wait_until 40 eval '[ "$("$FLOWSTAT" -n "$R" -j show security flow statistics | jq .sessions.current)" = 0 ]'
check_eq "ipv4 pool: every port given back when the sessions end" "0 4 1" "$(pool_use p1)"
n=$(($(wc -l <"$LOG") + 1))
check_eq "ipv4 pool: after the timeout a new flow gets its echo" ok "$(ask "$A" "$B_IP4" 6006)"
check_eq "ipv4 pool: ... on a port of the pool" 1 \
	"$(seen "$n" | awk '$1 == "203.0.113.10" && $2 >= 2000 && $2 <= 2003' | wc -l)"

# 2f. IPv6: two ports, two flows; a third counts Incoming NAT errors.
#     The two flows keep sending (UDP times out in 3 s, a loaded host
#     is slower than that between flows).
n=$(($(wc -l <"$LOG") + 1))
counters_snapshot "$FS_TMP/q.before"
holders=()
for h in "$A 6101" "$C 6102"; do
	set -- $h
	ip netns exec "$1" "$PYTHON" "$UDP" hold "$B_IP6" 7000 "$2" 60 >"$FS_TMP/hold6.$2" &
	holders+=("$!")
	FS_BG_PIDS+=("$!")
done
wait_until 20 eval '[ "$(cat "$FS_TMP"/hold6.610[12] | grep -c ok)" = 2 ]'
got="$(cat "$FS_TMP/hold6.6101" "$FS_TMP/hold6.6102" | xargs) $(ask "$A" "$B_IP6" 6103)"
counters_snapshot "$FS_TMP/q.after"
kill "${holders[@]}" 2>/dev/null
wait "${holders[@]}" 2>/dev/null
check_eq "ipv6 pool: two flows get their echo, the third nothing" "ok ok timeout" "$got"
check_eq "ipv6 pool: B saw fd00:99::10 ports 3000 and 3001" \
	"fd00:99::10 3000,fd00:99::10 3001" "$(seen "$n" | sort -u | paste -sd,)"
assert_only_drops_moved "$FS_TMP/q.before" "$FS_TMP/q.after" "$T:incoming_nat_errors=1" \
	"ipv6 pool: the third flow counts Incoming NAT errors, nothing else"

# 2g. Ping and port unreachable through the pool.
check_eq "ipv4 pool: A pings B" 2 "$(ping_rx "$A" -c 2 -i 0.2 "$B_IP4")"
check_eq "ipv4 pool: port unreachable reaches A's socket" refused \
	"$(ip netns exec "$A" "$PYTHON" "$UDP" ask "$B_IP4" 9 5200)"

# ---------------------------------------------------------------------------
# 3. A translated packet that comes back in (B routes 10.0.8.0/24 back to
#    R, which routes it to B): a second source translation would chain
#    bindings. It is Multiple incoming NAT.

ip -n "$R" route add 10.0.8.0/24 via "$B_IP4" &&
	ip -n "$B" route add 10.0.8.0/24 via "$R_B_IP4" ||
	ktap_bail "cannot make the loop"
{
	conf_nat "set security nat source pool p1 address 203.0.113.10/32" \
		"set security nat source pool p1 port range 2000 to 2003" \
		"$RS r4 match source-address 10.0.0.0/8" \
		"$RS r4 then source-nat pool p1" \
		"set security nat source rule-set rs2 from zone untrust to zone untrust rule again match source-address 0.0.0.0/0" \
		"set security nat source rule-set rs2 from zone untrust to zone untrust rule again then source-nat interface"
	cfg_policy untrust untrust hairpin permit
} | load_config "$R" || ktap_bail "cannot load the loop configuration"
settle
counters_snapshot "$FS_TMP/m.before"
stats_snapshot "$FS_TMP/m.sbefore"
udp_send "$A" 10.0.8.8 9 1 5300
sleep 0.5
counters_snapshot "$FS_TMP/m.after"
stats_snapshot "$FS_TMP/m.safter"
assert_only_drops_moved "$FS_TMP/m.before" "$FS_TMP/m.after" "$U:multiple_incoming_nat=1" \
	"loop: the translated datagram back from B is Multiple incoming NAT"
check_eq "loop: one session (A's), none for the looped packet" 1 \
	"$(stats_delta "$FS_TMP/m.sbefore" "$FS_TMP/m.safter" .sessions.created)"

ktap_finished
