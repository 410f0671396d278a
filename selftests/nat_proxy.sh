#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Proxy ARP and NDP for NAT addresses (`set security nat proxy-arp|proxy-ndp
# interface IF address ...`). The source pool is an address of B's own
# subnet that nobody has: B reaches it only if R answers ARP/ND for it on
# ge-0/0/1, which R does only with the proxy statement, and without any
# route to it (Linux's own proxy_arp stays off throughout).
#
#   A (trust) 10.0.1.2 --- ge-0/0/0      R      ge-0/0/1 --- B 10.0.2.2
#             fd00:1::2            source NAT to           fd00:2::2
#                                  10.0.2.100 and          (untrust)
#                                  fd00:2::100
#   C 10.0.3.2 fd00:3::2 --- ge-0/0/2 (no zone), with on-link routes to
#                                  B's subnet's proxied addresses
#
# Proxied on ge-0/0/1: 10.0.2.100/32, 10.0.2.110 to 10.0.2.120,
# fd00:2::100/128, fd00:2::110 to fd00:2::120; on ge-0/0/2: 10.0.2.130 and
# fd00:2::130. Not proxied anywhere: .101 and ::101.
#
# B's and C's neighbour entries for these addresses start empty: add_link
# pins only the router's own addresses. A neighbour is "resolved" by one
# ping from the host (the ping itself is dropped by R or lost: only the
# neighbour entry it leaves is looked at).

source "$(dirname "$0")/lib.sh"

fs_init
ktap_set_plan 27

setup_router_topology || ktap_bail "cannot build the topology"

T=$IF_TRUST
U=$IF_UNTRUST
X=$IF_NOZONE
UDP="$FS_SELFTESTS_DIR/nat_udp.py"
LOG=$FS_TMP/b.log
udp_echo "$B" 7000 "$LOG" || ktap_bail "no echo server on B"

ip -n "$C" -batch - <<-EOF || ktap_bail "cannot set up C's on-link routes"
	route add 10.0.2.100/32 dev eth0
	route add 10.0.2.130/32 dev eth0
	route add fd00:2::100/128 dev eth0
	route add fd00:2::130/128 dev eth0
EOF

RS="set security nat source rule-set rs1 from zone trust to zone untrust rule"

# conf PROXY-STATEMENT...: pools on B's subnet, source NAT trust -> untrust
# to them, and the proxy statements given.
conf()
{
	cfg_zone trust "$T"
	cfg_zone untrust "$U"
	cfg_policy trust untrust allow-out permit
	echo "set security policies default-policy deny-all"
	echo "set security nat source pool p4 address 10.0.2.100/32"
	echo "set security nat source pool p6 address fd00:2::100/128"
	echo "$RS r4 match source-address 10.0.1.0/24"
	echo "$RS r4 then source-nat pool p4"
	echo "$RS r6 match source-address fd00:1::/64"
	echo "$RS r6 then source-nat pool p6"
	printf '%s\n' "$@"
}

PROXY=(
	"set security nat proxy-arp interface $U address 10.0.2.100/32"
	"set security nat proxy-arp interface $U address 10.0.2.110 to 10.0.2.120"
	"set security nat proxy-arp interface $X address 10.0.2.130"
	"set security nat proxy-ndp interface $U address fd00:2::100/128"
	"set security nat proxy-ndp interface $U address fd00:2::110 to fd00:2::120"
	"set security nat proxy-ndp interface $X address fd00:2::130"
)

# proxy_sysctls: Linux's proxy_arp and proxy_ndp on R, all and per device.
proxy_sysctls()
{
	local k d out=

	for k in ipv4.conf.X.proxy_arp ipv6.conf.X.proxy_ndp; do
		for d in all default eth0 eth1 eth2; do
			out="$out$(ip netns exec "$R" sysctl -n "net.${k/X/$d}")"
		done
	done
	echo "$out"
}

# resolve NS ADDR: make NS look ADDR up on its link; prints the MAC it got,
# or "none".
resolve()
{
	ip netns exec "$1" ping -c 1 -W 1 "$2" >/dev/null 2>&1
	ip -n "$1" -j neigh show to "$2" dev eth0 |
		jq -r '[.[] | .lladdr // empty][0] // "none"'
}

# forget NS: NS's learnt (not permanent) neighbour entries go.
forget()
{
	ip -n "$1" neigh flush dev eth0
}

ask()
{
	ip netns exec "$1" "$PYTHON" "$UDP" ask "$2" 7000 "$3"
}

R_U_MAC=$(mac_r 2)
R_X_MAC=$(mac_r 3)

check_eq "Linux proxy_arp and proxy_ndp are off on R" 0000000000 "$(proxy_sysctls)"

# ---------------------------------------------------------------------------
# 1. Without the proxy statements B cannot reach the pool addresses, so
#    the translated flows get no answer back.

conf | load_config "$R" || ktap_bail "cannot load the configuration without proxy"
forget "$B"
for fam in 4 6; do
	if [ $fam = 4 ]; then dst=$B_IP4 pool=10.0.2.100; else dst=$B_IP6 pool=fd00:2::100; fi
	check_eq "ipv$fam no proxy: A's datagram to B gets no echo back" timeout \
		"$(ask "$A" "$dst" 5000)"
	check_eq "ipv$fam no proxy: B gets no answer for $pool" none "$(resolve "$B" $pool)"
done

# ---------------------------------------------------------------------------
# 2. With them: the configuration round-trips, B resolves the pool
#    addresses to ge-0/0/1's MAC, and the translated flows work.

conf "${PROXY[@]}" | load_config "$R" || ktap_bail "cannot load the proxy configuration"
check_eq "show configuration prints the proxy statements back as written" \
	"$(printf '%s\n' "${PROXY[@]}")" \
	"$("$FLOWSTAT" -n "$R" show configuration | grep -E '^set security nat proxy-(arp|ndp) ')"
forget "$B"

n=$(($(wc -l <"$LOG") + 1))
check_eq "ipv4 proxy: A's datagram to B gets its echo" ok "$(ask "$A" "$B_IP4" 5001)"
check_eq "ipv4 proxy: ... B saw it from the pool address" "10.0.2.100" \
	"$(tail -n +"$n" "$LOG" | awk '{ print $1 }' | sort -u)"
check_eq "ipv4 proxy: B resolved 10.0.2.100 to R's ge-0/0/1 MAC" "$R_U_MAC" \
	"$(ip -n "$B" -j neigh show to 10.0.2.100 dev eth0 | jq -r '.[0].lladdr // "none"')"

# Resolved now: a ping through the translation counts exactly the ping
# (ARP is not IP: never counted).
settle
counters_snapshot "$FS_TMP/p.before"
got=$(ping_rx "$A" -c 3 -i 0.2 "$B_IP4")
counters_snapshot "$FS_TMP/p.after"
check_eq "ipv4 proxy: A pings B through the translation" 3 "$got"
assert_deltas "$FS_TMP/p.before" "$FS_TMP/p.after" "$(ping_transit_deltas "$T" "$U" 3 84)" \
	"ipv4 proxy: the ping counted exactly, nothing else"

n=$(($(wc -l <"$LOG") + 1))
check_eq "ipv6 proxy: A's datagram to B gets its echo" ok "$(ask "$A" "$B_IP6" 5002)"
check_eq "ipv6 proxy: ... B saw it from the pool address" "fd00:2::100" \
	"$(tail -n +"$n" "$LOG" | awk '{ print $1 }' | sort -u)"
check_eq "ipv6 proxy: B resolved fd00:2::100 to R's ge-0/0/1 MAC" "$R_U_MAC" \
	"$(ip -n "$B" -j neigh show to fd00:2::100 dev eth0 | jq -r '.[0].lladdr // "none"')"
check_eq "ipv6 proxy: A pings B through the translation" 3 \
	"$(ping_rx "$A" -c 3 -i 0.2 "$B_IP6")"

# ---------------------------------------------------------------------------
# 3. Ranges: inside answered, outside not.

check_eq "ipv4 range: 10.0.2.115 (in 10.0.2.110 to .120) is answered" "$R_U_MAC" \
	"$(resolve "$B" 10.0.2.115)"
check_eq "ipv6 range: fd00:2::115 (in ::110 to ::120) is answered" "$R_U_MAC" \
	"$(resolve "$B" fd00:2::115)"
check_eq "ipv4: 10.0.2.101, in no range, gets no answer" none "$(resolve "$B" 10.0.2.101)"
check_eq "ipv6: fd00:2::101, in no range, gets no answer" none "$(resolve "$B" fd00:2::101)"

# ---------------------------------------------------------------------------
# 4. Only on the configured interface: an address proxied on ge-0/0/1 is
#    not answered on ge-0/0/2, and one proxied on ge-0/0/2 is answered
#    there (with ge-0/0/2's MAC) and not on ge-0/0/1.

forget "$C"
for fam in 4 6; do
	if [ $fam = 4 ]; then p=10.0.2.; else p=fd00:2::; fi
	check_eq "ipv$fam interface: C (ge-0/0/2) gets no answer for ${p}100" none \
		"$(resolve "$C" ${p}100)"
	check_eq "ipv$fam interface: C gets ge-0/0/2's MAC for ${p}130" "$R_X_MAC" \
		"$(resolve "$C" ${p}130)"
	check_eq "ipv$fam interface: B (ge-0/0/1) gets no answer for ${p}130" none \
		"$(resolve "$B" ${p}130)"
done

# ---------------------------------------------------------------------------
# 5. The answers were flowstat's: Linux's proxying is still off, and R has
#    no route to the pool addresses other than B's connected subnet.

check_eq "Linux proxy_arp and proxy_ndp still off on R" 0000000000 "$(proxy_sysctls)"
check_eq "R has no proxy neighbour entries" "" \
	"$(ip -n "$R" neigh show proxy; ip -n "$R" -6 neigh show proxy)"

ktap_finished
