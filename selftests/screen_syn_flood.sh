#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The tcp syn-flood screen, per threshold, with exact counts.
#
#   A (trust)                     R                         B (untrust, screen)
#   10.0.1.2 ------------ ge-0/0/0 [eth0]      [eth1] ge-0/0/1 ------------ 10.0.2.2
#   fd00:1::2                                                           fd00:2::2
#
# Accounting (docs/design.md): a key's one-second window opens with its
# first SYN; with threshold T the first T SYNs of a window pass and the
# rest are dropped ("Syn-attack protection", one per SYN). B sends each
# burst (selftests/craft.py, prebuilt frames) and the script times it: a burst that
# took longer than half a second is not asserted but sent again on fresh
# ports after the window has closed (a slow VM cannot make this flake).
# Passing SYNs go to closed ports on A, whose TCP answers each with a
# RST/ACK of the same size (40 bytes over IPv4, 60 over IPv6).
#
# 1. attack-threshold 5 (one destination address and port): 12 SYNs to
#    A:P, 7 dropped; the same over IPv6. Then, after the window, a real
#    connection from B to A on that port works.
# 2. source-threshold 4 (one source address): 10 SYNs to 10 ports, 6 dropped.
# 3. destination-threshold 3 (one destination address): 8 SYNs to 8 ports,
#    5 dropped.
# 4. show security screen statistics / ids-option.

source "$(dirname "$0")/lib.sh"
FS_SELFTESTS=$(cd "$(dirname "$0")" && pwd)

fs_init
require_cmd socat ss
ktap_set_plan 12

setup_router_topology || ktap_bail "cannot build the topology"

# load_screen ATTACK SOURCE DEST
load_screen()
{
	{
		echo "set security screen ids-option syn-screen tcp syn-flood attack-threshold $1"
		echo "set security screen ids-option syn-screen tcp syn-flood source-threshold $2"
		echo "set security screen ids-option syn-screen tcp syn-flood destination-threshold $3"
		echo "set security screen ids-option syn-screen tcp syn-flood timeout 10"
		cfg_zone trust "$IF_TRUST"
		cfg_zone untrust "$IF_UNTRUST"
		echo "set security zones security-zone untrust screen syn-screen"
		cfg_policy untrust trust in permit
	} | load_config "$R"
}

# craft NS LINK SPEC...: selftests/craft.py from the host side of link LINK.
craft()
{
	local ns=$1 l=$2

	shift 2
	ip netns exec "$ns" "$PYTHON" "$FS_SELFTESTS/craft.py" eth0 \
		"$(mac_h "$l")" "$(mac_r "$l")" "$@"
}

# syn_burst SRC DST PORT COUNT STEP: COUNT SYNs from B to DST, source ports
# 30000..., destination ports PORT, PORT+STEP, ...; prints the seconds the
# sending took.
syn_burst()
{
	craft "$B" 2 "tcp,$1,$2,30000,$3,S,$4,$5"
}

drops_total=0
# burst DESC SRC DST PORT COUNT STEP PASS SIZE: up to 3 tries, each on
# fresh ports (PORT + 1000 * try), until one burst took < 0.5 s.
burst()
{
	local desc=$1 src=$2 dst=$3 port=$4 n=$5 step=$6 t=$7 size=$8
	local f=$FS_TMP/sf.$RANDOM try took b d

	for try in 0 1 2; do
		sleep 1.1 # every window of an earlier burst has closed
		settle
		counters_snapshot "$f.before"
		took=$(syn_burst "$src" "$dst" $((port + 1000 * try)) "$n" "$step")
		sleep 0.3 # the RST/ACKs of A are on their way back
		counters_snapshot "$f.after"
		if awk -v t="$took" 'BEGIN { exit !(t < 0.5) }'; then
			break
		fi
		ktap_diag "$desc: the burst took ${took}s, sending it again"
		drops_total=$((drops_total + $(counter_delta "$f.before" "$f.after" \
			"$IF_UNTRUST" flow_errors syn_attack_protection)))
	done
	b=$((t * size))
	d=$((n - t))
	assert_deltas "$f.before" "$f.after" "
		$IF_UNTRUST:flow_errors.syn_attack_protection=$d
		$IF_UNTRUST:transit.input_packets=$t $IF_UNTRUST:transit.input_bytes=$b
		$IF_UNTRUST:flow_input.bytes_permitted_by_policy=$b
		$IF_UNTRUST:flow_input.connections_established=$t
		$IF_UNTRUST:transit.output_packets=$t $IF_UNTRUST:transit.output_bytes=$b
		$IF_UNTRUST:flow_output.bytes_permitted_by_policy=$b
		$IF_TRUST:transit.input_packets=$t $IF_TRUST:transit.input_bytes=$b
		$IF_TRUST:flow_input.bytes_permitted_by_policy=$b
		$IF_TRUST:transit.output_packets=$t $IF_TRUST:transit.output_bytes=$b
		$IF_TRUST:flow_output.bytes_permitted_by_policy=$b" \
		"$desc: $n SYNs, $t pass, syn-attack protection +$d"
	drops_total=$((drops_total + d))
}

# 1. attack-threshold
load_screen 5 1000 1000 || ktap_bail "cannot load the configuration"
burst "ipv4: attack-threshold 5" "$B_IP4" "$A_IP4" 8000 12 0 5 40
burst "ipv6: attack-threshold 5" "$B_IP6" "$A_IP6" 8100 12 0 5 60

# After the burst, a real connection to the flooded port works.
sleep 1.1
tcp_sink "$A" 8000 "$FS_TMP/a.rx" || ktap_bail "cannot start the listener on A"
settle
counters_snapshot "$FS_TMP/legit.before"
tcp_send "$B" "$A_IP4" 8000 "hello after the flood"
wait_until 5 lines_ge "$FS_TMP/a.rx" 1
check_eq "after the burst: a connection from B to A:8000 carries its data" \
	"hello after the flood" "$(cat "$FS_TMP/a.rx")"
counters_snapshot "$FS_TMP/legit.after"
assert_only_drops_moved "$FS_TMP/legit.before" "$FS_TMP/legit.after" "" \
	"after the burst: the connection drops nothing"
check_eq "after the burst: it opened one connection on $IF_UNTRUST" 1 \
	"$(counter_delta "$FS_TMP/legit.before" "$FS_TMP/legit.after" "$IF_UNTRUST" flow_input connections_established)"

# 2. source-threshold: many ports, one source.
load_screen 1000 4 1000 || ktap_bail "cannot load the configuration"
drops_total=0 # a new configuration starts its screen counters at 0
burst "ipv4: source-threshold 4" "$B_IP4" "$A_IP4" 9000 10 1 4 40
burst "ipv6: source-threshold 4" "$B_IP6" "$A_IP6" 9100 10 1 4 60

# 3. destination-threshold: many ports, one destination address.
load_screen 1000 1000 3 || ktap_bail "cannot load the configuration"
drops_total=0
burst "ipv4: destination-threshold 3" "$B_IP4" "$A_IP4" 9200 8 1 3 40
burst "ipv6: destination-threshold 3" "$B_IP6" "$A_IP6" 9300 8 1 3 60

# 4. The screen's view.
out=$("$FLOWSTAT" -n "$R" -j show security screen statistics zone untrust)
check_eq "screen statistics untrust: syn flood, ip spoofing" "$drops_total 0" \
	"$(jq -r '"\(.statistics.syn_flood) \(.statistics.ip_spoofing)"' <<<"$out")"
out=$("$FLOWSTAT" -n "$R" -j show security screen ids-option syn-screen)
check_eq "ids-option -j: thresholds and timeout" "1000 1000 3 10 false" \
	"$(jq -r '"\(.syn_flood.attack_threshold) \(.syn_flood.source_threshold) \(.syn_flood.destination_threshold) \(.syn_flood.timeout) \(.ip_spoofing)"' <<<"$out")"
"$FLOWSTAT" -n "$R" show security screen ids-option syn-screen >"$FS_TMP/ids.txt"
printf 'Screen object status:\n\n  %-46s%s\n  %-46s%s\n  %-46s%s\n  %-46s%s\n  %-46s%s\n' \
	Name Value "TCP SYN flood attack threshold" 1000 \
	"TCP SYN flood source threshold" 1000 \
	"TCP SYN flood destination threshold" 3 \
	"TCP SYN flood timeout" 10 >"$FS_TMP/ids.want"
if cmp -s "$FS_TMP/ids.txt" "$FS_TMP/ids.want"; then
	ktap_pass "ids-option: Junos text layout"
else
	ktap_diag_file "$FS_TMP/ids.txt"
	ktap_fail "ids-option: Junos text layout"
fi

ktap_finished
