#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Session limits and timeouts: max-sessions, max-minor-sessions,
# udp-session timeout and tcp-session tcp-initial-timeout. IPv4 and IPv6.
#
#   A (trust)                    R                        B (untrust)
#   10.0.1.2 ------------ ge-0/0/0 [eth0]    [eth1] ge-0/0/1 ------------ 10.0.2.2
#   fd00:1::2            policy trust->untrust allow-out    udp/7000 sink fd00:2::2
#
# 1. max-sessions 10: 11 UDP flows (one datagram each, 11 source ports):
#    10 forwarded, 10 sessions, the 11th dropped as "No more sessions".
# 2. max-minor-sessions 3: 4 TCP SYNs (4 source ports): 3 sessions, the
#    4th dropped as "No minor session" (B's TCP answers the 3 with RSTs).
# 3. udp-session timeout 2 and tcp-session tcp-initial-timeout 2 (the
#    defaults are 60 and 20): an idle UDP session and an unanswered SYN's
#    session disappear from `show security flow session` within 12 s.

source "$(dirname "$0")/lib.sh"

fs_init
require_cmd socat ss nft
ktap_set_plan 18

setup_router_topology || ktap_bail "cannot build the topology"
udp_sink "$B" 7000 "$FS_TMP/udp.rx" || ktap_bail "cannot start the UDP sink on B"

config()
{
	cfg_zone trust "$IF_TRUST"
	cfg_zone untrust "$IF_UNTRUST"
	cfg_policy trust untrust allow-out permit
	echo "set security policies default-policy deny-all"
	printf '%s\n' "$@"
}

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

# syns NS SRC DST DPORT COUNT: TCP SYNs from source ports 40000, 40001,
# ... (ISN 1000, 1001, ...; 40 bytes IPv4, 60 IPv6), from link 1.
syns()
{
	local i specs=()

	for ((i = 0; i < $5; i++)); do
		specs+=("tcp $2 $3 $((40000 + i)) $4 S $((1000 + i)) 0 0")
	done
	ip netns exec "$1" "$PYTHON" "$FS_SELFTESTS_DIR/pkt.py" eth0 \
		"$(mac_h 1)" "$(mac_r 1)" "${specs[@]}"
}

# total_sessions [FILTERS...]: "Total sessions" of show security flow session
total_sessions()
{
	"$FLOWSTAT" -n "$R" -j show security flow session "$@" |
		jq -r '.total_sessions'
}

# Idle UDP sessions stay an hour here: on a loaded host the steps below
# can take longer than the default 60 s.
config "set security flow max-sessions 10" "set security flow udp-session timeout 3600" |
	load_config "$R" ||
	ktap_bail "cannot load the configuration"

check_eq "summary: Maximum-sessions: 10" "Maximum-sessions: 10" \
	"$("$FLOWSTAT" -n "$R" show security flow session summary | grep '^Maximum-sessions:')"
stats_snapshot "$FS_TMP/max.s"
check_eq "flow statistics: maximum sessions 10" 10 "$(jvals "$FS_TMP/max.s" .sessions.maximum)"

# limit FAMILY SRC DST BYTES
limit()
{
	local fam=$1 b=$4 f=$FS_TMP/lim.$1

	settle
	counters_snapshot "$f.before"
	stats_snapshot "$f.sbefore"
	udp_flows "$A" "$2" "$3" 7000 11
	counters_snapshot "$f.after"
	stats_snapshot "$f.safter"
	assert_deltas "$f.before" "$f.after" "
		$IF_TRUST:transit.input_packets=10 $IF_TRUST:transit.input_bytes=$((10 * b))
		$IF_TRUST:flow_input.bytes_permitted_by_policy=$((10 * b))
		$IF_TRUST:flow_input.connections_established=10
		$IF_TRUST:flow_errors.no_more_sessions=1
		$IF_UNTRUST:transit.output_packets=10 $IF_UNTRUST:transit.output_bytes=$((10 * b))
		$IF_UNTRUST:flow_output.bytes_permitted_by_policy=$((10 * b))" \
		"$fam: 11 new flows at max-sessions 10: 10 forwarded, the 11th: no more sessions +1"
	check_eq "$fam: 10 sessions created" 10 \
		"$(stats_delta "$f.sbefore" "$f.safter" .sessions.created)"
	check_eq "$fam: show security flow session: 10 sessions" 10 "$(total_sessions)"
	check_eq "$fam: clear all: 10 active sessions cleared" "10 active sessions cleared" \
		"$("$FLOWSTAT" -n "$R" clear security flow session all)"
}

limit ipv4 "$A_IP4" "$B_IP4" 60
limit ipv6 "$A_IP6" "$B_IP6" 80

# 2. The minor session pool.
config "set security flow max-sessions 100" "set security flow max-minor-sessions 3" \
	"set security flow udp-session timeout 3600" |
	load_config "$R" || ktap_diag "reload failed"

# minor FAMILY SRC DST BYTES: BYTES of a SYN and of B's RST alike
minor()
{
	local fam=$1 b=$4 f=$FS_TMP/minor.$1

	"$FLOWSTAT" -n "$R" clear security flow session all >/dev/null
	settle
	counters_snapshot "$f.before"
	stats_snapshot "$f.sbefore"
	syns "$A" "$2" "$3" 5555 4
	settle
	counters_snapshot "$f.after"
	stats_snapshot "$f.safter"
	assert_deltas "$f.before" "$f.after" "
		$IF_TRUST:transit.input_packets=3 $IF_TRUST:transit.input_bytes=$((3 * b))
		$IF_TRUST:flow_input.bytes_permitted_by_policy=$((3 * b))
		$IF_TRUST:flow_input.connections_established=3
		$IF_TRUST:flow_errors.no_minor_session=1
		$IF_TRUST:transit.output_packets=3 $IF_TRUST:transit.output_bytes=$((3 * b))
		$IF_TRUST:flow_output.bytes_permitted_by_policy=$((3 * b))
		$IF_UNTRUST:transit.input_packets=3 $IF_UNTRUST:transit.input_bytes=$((3 * b))
		$IF_UNTRUST:flow_input.bytes_permitted_by_policy=$((3 * b))
		$IF_UNTRUST:transit.output_packets=3 $IF_UNTRUST:transit.output_bytes=$((3 * b))
		$IF_UNTRUST:flow_output.bytes_permitted_by_policy=$((3 * b))" \
		"$fam: 4 SYNs at max-minor-sessions 3: 3 forwarded (and B's RSTs back), the 4th: no minor session +1"
	check_eq "$fam: 3 sessions created" 3 \
		"$(stats_delta "$f.sbefore" "$f.safter" .sessions.created)"
}

minor ipv4 "$A_IP4" "$B_IP4" 40
minor ipv6 "$A_IP6" "$B_IP6" 60

# 3. Short timeouts. B's TCP must not answer the SYN: nft drops it there.
ip netns exec "$B" nft -f - <<'EOF' || ktap_bail "nft failed"
table inet fst {
	chain in {
		type filter hook input priority 0; policy accept;
		tcp dport 5555 drop
	}
}
EOF
config "set security flow udp-session timeout 2" \
	"set security flow tcp-session tcp-initial-timeout 2" |
	load_config "$R" || ktap_diag "reload failed"
"$FLOWSTAT" -n "$R" clear security flow session all >/dev/null

gone()
{
	[ "$(total_sessions "$@")" = 0 ]
}

# expires DESC PROTO CMD...: CMD opens one session of PROTO; it must go.
expires()
{
	local desc=$1 proto=$2 f=$FS_TMP/exp.$2

	shift 2
	stats_snapshot "$f.sbefore"
	"$@"
	stats_snapshot "$f.safter"
	check_eq "$desc: one session opened" 1 \
		"$(stats_delta "$f.sbefore" "$f.safter" .sessions.created)"
	if wait_until 12 gone protocol "$proto"; then
		ktap_pass "$desc: gone from show security flow session within 12 s"
	else
		ktap_diag "$("$FLOWSTAT" -n "$R" show security flow session)"
		ktap_fail "$desc: gone from show security flow session within 12 s"
	fi
}

expires "udp-session timeout 2: an idle UDP flow" udp udp_flows "$A" "$A_IP4" "$B_IP4" 7000 1
expires "tcp-initial-timeout 2: an unanswered SYN" tcp syns "$A" "$A_IP4" "$B_IP4" 5555 1

ktap_finished
