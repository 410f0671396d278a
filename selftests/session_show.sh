#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# show security flow session (Junos layout, JSON) and clear security flow
# session by filter: each clear closes only the matching sessions.
#
#   A (trust)                    R                        B (untrust)
#   10.0.1.2 ------------ ge-0/0/0 [eth0]    [eth1] ge-0/0/1 ------------ 10.0.2.2
#   fd00:1::2            policy trust->untrust allow-out  udp/7000,7001 sinks
#
# 1. One UDP flow of 3 datagrams: the session block, line by line.
# 2. Sessions: 3 UDP flows to 7000 and 2 to 7001 (IPv4), 1 to 7000
#    (IPv6), 1 ping run (IPv4): 7. Clear by destination port, destination
#    prefix, protocol, a source prefix nothing matches, interface: each
#    clears exactly its sessions and the rest stay.
# 3. Listing and clearing sessions need CAP_NET_ADMIN (exit 3).

source "$(dirname "$0")/lib.sh"

fs_init
require_cmd socat ss setpriv
ktap_set_plan 18

setup_router_topology || ktap_bail "cannot build the topology"
udp_sink "$B" 7000 "$FS_TMP/udp0.rx" || ktap_bail "cannot start the UDP sink on B"
udp_sink "$B" 7001 "$FS_TMP/udp1.rx" || ktap_bail "cannot start the UDP sink on B"
{
	cfg_zone trust "$IF_TRUST"
	cfg_zone untrust "$IF_UNTRUST"
	cfg_policy trust untrust allow-out permit
	echo "set security policies default-policy deny-all"
} | load_config "$R" || ktap_bail "cannot load the configuration"

FS="$FLOWSTAT -n $R"

# udp_flows NS SRC DST DPORT COUNT: one 32-byte datagram from each of COUNT
# source ports 41000, 41001, ... (60 bytes IPv4, 80 IPv6), from link 1.
udp_flows()
{
	local i specs=()

	for ((i = 0; i < $5; i++)); do
		specs+=("udp $2 $3 $((41000 + i)) $4 32")
	done
	ip netns exec "$1" "$PYTHON" "$FS_SELFTESTS_DIR/pkt.py" eth0 \
		"$(mac_h 1)" "$(mac_r 1)" "${specs[@]}"
}

total()
{
	$FS -j show security flow session "$@" | jq -r '.total_sessions'
}

# 1. Layout of one session.
udp_send "$A" "$B_IP4" 7000 3 41000 0.01
$FS show security flow session >"$FS_TMP/show.txt"
sed -E 's/^Session ID: [0-9]+,/Session ID: N,/; s/Timeout: [0-9]+,/Timeout: T,/' \
	"$FS_TMP/show.txt" >"$FS_TMP/show.norm"
cat >"$FS_TMP/show.want" <<EOF
Session ID: N, Policy name: allow-out/1, Timeout: T, Session State: Valid
  In: $A_IP4/41000 --> $B_IP4/7000;udp, Conn Tag: 0x0, If: $IF_TRUST.0, Pkts: 3, Bytes: 180,
  Out: $B_IP4/7000 --> $A_IP4/41000;udp, Conn Tag: 0x0, If: $IF_UNTRUST.0, Pkts: 0, Bytes: 0,

Total sessions: 1
EOF
if cmp -s "$FS_TMP/show.want" "$FS_TMP/show.norm"; then
	ktap_pass "layout: one UDP session in the Junos layout"
else
	ktap_diag_file "$FS_TMP/show.txt"
	ktap_fail "layout: one UDP session in the Junos layout"
fi
check_eq "JSON: addresses, ports, protocol, interfaces, counts" \
	"$A_IP4 41000 $B_IP4 7000 udp $IF_TRUST.0 3 180 $IF_UNTRUST.0 0 allow-out/1" \
	"$($FS -j show security flow session | jq -r '.sessions[0] |
		[.in.source, .in.source_port, .in.destination, .in.destination_port,
		 .in.protocol, .in.interface, .in.packets, .in.bytes,
		 .out.interface, .out.packets, .policy_name] | map(tostring) | join(" ")')"
check_eq "summary: Sessions-in-use: 1" "Sessions-in-use: 1" \
	"$($FS show security flow session summary | grep '^Sessions-in-use:')"
check_eq "clear all: 1 active sessions cleared" "1 active sessions cleared" \
	"$($FS clear security flow session all)"

# 2. Clear by filter.
udp_flows "$A" "$A_IP4" "$B_IP4" 7000 3
udp_flows "$A" "$A_IP4" "$B_IP4" 7001 2
udp_flows "$A" "$A_IP6" "$B_IP6" 7000 1
ping_rx "$A" -c 1 "$B_IP4" >/dev/null
check_eq "7 sessions: 5 udp/ipv4, 1 udp/ipv6, 1 icmp" "7 6 1 4" \
	"$(total) $(total protocol udp) $(total protocol icmp) $(total destination-port 7000)"

# clears FILTERS... N REMAINING DESC
clears()
{
	local desc=${*: -1} left=${*: -2:1} n=${*: -3:1}

	set -- "${@:1:$#-3}"
	check_eq "clear $*: $desc" "$n active sessions cleared" \
		"$($FS clear security flow session "$@")"
	check_eq "clear $*: $left sessions left" "$left" "$(total)"
}

clears destination-port 7001 2 5 "the two flows to port 7001"
check_eq "the flows to port 7000 are all still there" 4 "$(total destination-port 7000)"
clears destination-prefix fd00:2::/64 1 4 "the IPv6 flow"
clears protocol icmp 1 3 "the ping session"
clears source-prefix 10.0.9.0/24 0 3 "nothing matches"
clears source-prefix "$A_IP4/32" protocol udp destination-port 7000 interface "$IF_UNTRUST" 3 0 \
	"the 3 flows to port 7000, all filters at once"

# 3. Privileges.
chmod 755 "$FS_TMP"
install -m 755 "$FLOWSTAT" "$FS_TMP/flowstat" || ktap_bail "cannot copy the tool"
unpriv()
{
	ip netns exec "$R" setpriv --reuid=65534 --regid=65534 --clear-groups \
		--inh-caps=-all "$FS_TMP/flowstat" "$@"
}
check_rc "nobody: show security flow session: exit 3" 3 unpriv show security flow session
check_rc "nobody: clear security flow session all: exit 3" 3 unpriv clear security flow session all

ktap_finished
