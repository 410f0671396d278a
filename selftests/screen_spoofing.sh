#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The ip-spoofing screen: the route back to a packet's source must leave by
# an interface of its ingress zone, else "Address spoofing".
#
#   A (trust)                     R                         B (untrust, screen)
#   10.0.1.2 ------------ ge-0/0/0 [eth0]      [eth1] ge-0/0/1 ------------ 10.0.2.2
#   fd00:1::2                                                           fd00:2::2
#
# 1. B sends 5 UDP datagrams (selftests/craft.py) to A with a trust-side source
#    (10.0.1.50, fd00:1::50): dropped on ge-0/0/1 as address spoofing,
#    nothing reaches A. The same to R itself (to-self traffic is screened
#    too), and from a source with no route back at all (192.0.2.1,
#    2001:db8::1): address spoofing.
# 2. Legit traffic is unaffected: B pings A (transit) and R (to-self).
# 3. The trust zone has no screen: a spoofed source from A is forwarded.
# 4. show security screen statistics zone untrust counts every drop.

source "$(dirname "$0")/lib.sh"
FS_SELFTESTS=$(cd "$(dirname "$0")" && pwd)

fs_init
require_cmd socat ss
ktap_set_plan 21

setup_router_topology || ktap_bail "cannot build the topology"
{
	echo "set security screen ids-option untrust-screen ip spoofing"
	cfg_zone trust "$IF_TRUST"
	cfg_services trust ping
	cfg_zone untrust "$IF_UNTRUST"
	cfg_services untrust ping
	echo "set security zones security-zone untrust screen untrust-screen"
	cfg_policy trust untrust out permit
	cfg_policy untrust trust in permit
} | load_config "$R" || ktap_bail "cannot load the configuration"

udp_sink "$A" 7000 "$FS_TMP/a.rx" || ktap_bail "cannot start the UDP sink on A"
udp_sink "$R" 7000 "$FS_TMP/r.rx" || ktap_bail "cannot start the UDP sink on R"

# craft NS LINK SPEC...: selftests/craft.py from the host side of link LINK.
craft()
{
	local ns=$1 l=$2

	shift 2
	ip netns exec "$ns" "$PYTHON" "$FS_SELFTESTS/craft.py" eth0 \
		"$(mac_h "$l")" "$(mac_r "$l")" "$@"
}

# send_udp NS LINK SRC DST DPORT COUNT: COUNT datagrams at L2, 8 bytes of
# payload: 36 bytes over IPv4, 56 over IPv6.
send_udp()
{
	craft "$1" "$2" "udp,$3,$4,41000,$5,,$6,0" >/dev/null
}

total=0
# spoofed DESC SRC DST SINKFILE
spoofed()
{
	local desc=$1 src=$2 dst=$3 rx=$4 f=$FS_TMP/sp.$RANDOM

	: >"$rx"
	settle
	counters_snapshot "$f.before"
	send_udp "$B" 2 "$src" "$dst" 7000 5
	sleep 0.2
	counters_snapshot "$f.after"
	assert_deltas "$f.before" "$f.after" \
		"$IF_UNTRUST:flow_errors.address_spoofing=5" \
		"$desc: address spoofing +5 on $IF_UNTRUST, nothing else"
	check_eq "$desc: nothing delivered" 0 "$(wc -l <"$rx")"
	total=$((total + 5))
}

spoofed "ipv4: trust source to A" 10.0.1.50 "$A_IP4" "$FS_TMP/a.rx"
spoofed "ipv6: trust source to A" fd00:1::50 "$A_IP6" "$FS_TMP/a.rx"
spoofed "ipv4: trust source to R" 10.0.1.50 "$R_B_IP4" "$FS_TMP/r.rx"
spoofed "ipv4: source without a route back" 192.0.2.1 "$A_IP4" "$FS_TMP/a.rx"
spoofed "ipv6: source without a route back" 2001:db8::1 "$A_IP6" "$FS_TMP/a.rx"

# 2. Legit traffic from B.
for fam in ipv4 ipv6; do
	if [ $fam = ipv4 ]; then dst=$A_IP4 len=84; else dst=$A_IP6 len=104; fi
	settle
	counters_snapshot "$FS_TMP/legit.$fam.before"
	check_eq "$fam: B pings A: every reply arrives" 3 "$(ping_rx "$B" -c 3 "$dst")"
	counters_snapshot "$FS_TMP/legit.$fam.after"
	assert_deltas "$FS_TMP/legit.$fam.before" "$FS_TMP/legit.$fam.after" \
		"$(ping_transit_deltas "$IF_UNTRUST" "$IF_TRUST" 3 $len)" \
		"$fam: B pings A: transit, no drop"
done
settle
counters_snapshot "$FS_TMP/self.before"
check_eq "ipv4: B pings R: every reply arrives" 3 "$(ping_rx "$B" -c 3 "$R_B_IP4")"
counters_snapshot "$FS_TMP/self.after"
assert_only_drops_moved "$FS_TMP/self.before" "$FS_TMP/self.after" "" \
	"ipv4: B pings R: no drop"

# 3. No screen on trust: a spoofed source from A goes through.
: >"$FS_TMP/b.rx"
udp_sink "$B" 7000 "$FS_TMP/b.rx" || ktap_bail "cannot start the UDP sink on B"
settle
counters_snapshot "$FS_TMP/trust.before"
send_udp "$A" 1 10.0.2.50 "$B_IP4" 7000 5
wait_until 5 lines_ge "$FS_TMP/b.rx" 5
counters_snapshot "$FS_TMP/trust.after"
check_eq "trust has no screen: B got the 5 datagrams" 5 "$(wc -l <"$FS_TMP/b.rx")"
assert_only_drops_moved "$FS_TMP/trust.before" "$FS_TMP/trust.after" "" \
	"trust has no screen: no drop"

# 4. Screen statistics.
out=$("$FLOWSTAT" -n "$R" -j show security screen statistics zone untrust)
check_eq "screen statistics untrust: ip spoofing, syn flood" "$total 0" \
	"$(jq -r '"\(.statistics.ip_spoofing) \(.statistics.syn_flood)"' <<<"$out")"
out=$("$FLOWSTAT" -n "$R" -j show security screen statistics zone trust)
check_eq "screen statistics trust: nothing, no screen" "0 null" \
	"$(jq -r '"\(.statistics.ip_spoofing) \(.screen)"' <<<"$out")"
"$FLOWSTAT" -n "$R" show security screen statistics zone untrust >"$FS_TMP/ss.txt"
printf 'Screen statistics:\n\n  %-45s%s\n  %-45s%s\n  %-45s%s\n' \
	"IDS attack type" Statistics "SYN flood attack" 0 "IP spoofing" "$total" >"$FS_TMP/ss.want"
if cmp -s "$FS_TMP/ss.txt" "$FS_TMP/ss.want"; then
	ktap_pass "screen statistics: Junos text layout"
else
	ktap_diag_file "$FS_TMP/ss.txt"
	ktap_fail "screen statistics: Junos text layout"
fi

ktap_finished
