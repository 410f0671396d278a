#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# TCP tracking: window check, no-sequence-check, non-SYN first packets.
# IPv4 and IPv6.
#
#   A (trust)                    R                        B (untrust)
#   10.0.1.2 ------------ ge-0/0/0 [eth0]    [eth1] ge-0/0/1 ------------ 10.0.2.2
#   fd00:1::2            policy trust->untrust allow-out           fd00:2::2
#
# 1. A crafted handshake A:40000 -> B:5555 (pkt.py on both ends; nft in A
#    and B drops the segments before their own TCP sees them, so that
#    neither kernel answers), then one in-window data segment (forwarded),
#    then 3 data segments from A and 2 from B far beyond the window:
#    exactly +3 / +2 "TCP sequence number out of window", nothing else.
# 2. The same session with `tcp-session no-sequence-check`: the same
#    segments are forwarded, no drop.
# 3. Non-SYN first packets (an ACK, a SYN-ACK) open nothing: policy
#    denied +2, nothing else.
# The long transfer with the check on is tcp_transfer.sh.

source "$(dirname "$0")/lib.sh"

fs_init
require_cmd nft
ktap_set_plan 10

setup_router_topology || ktap_bail "cannot build the topology"

config()
{
	cfg_zone trust "$IF_TRUST"
	cfg_zone untrust "$IF_UNTRUST"
	cfg_policy trust untrust allow-out permit
	echo "set security policies default-policy deny-all"
	# The crafted handshake takes one pkt.py run per step: seconds each
	# on a loaded host, more than the default 20 s in all.
	echo "set security flow tcp-session tcp-initial-timeout 600"
	echo "$@"
}

config | load_config "$R" || ktap_bail "cannot load the configuration"

# The hosts' own TCP must not answer the crafted segments of port 5555.
for ns in "$A" "$B"; do
	ip netns exec "$ns" nft -f - <<'EOF' || ktap_bail "nft failed"
table inet fst {
	chain in {
		type filter hook input priority 0; policy accept;
		tcp dport 5555 drop
		tcp sport 5555 drop
	}
}
EOF
done

# segs NS LINK "SRC DST SPORT DPORT FLAGS SEQ ACK PAYLOAD_LEN" ...: crafted
# TCP segments (window 8192, no options) sent at L2 to the router, in order.
segs()
{
	local ns=$1 l=$2 spec args=()

	shift 2
	for spec in "$@"; do
		args+=("tcp $spec")
	done
	ip netns exec "$ns" "$PYTHON" "$FS_SELFTESTS_DIR/pkt.py" eth0 \
		"$(mac_h "$l")" "$(mac_r "$l")" "${args[@]}"
}

oow()
{
	echo "tcp_sequence_number_out_of_window"
}

# window FAMILY A_ADDR B_ADDR HDR: HDR = bytes of IP + TCP headers
window()
{
	local fam=$1 a=$2 b=$3 hdr=$4 f=$FS_TMP/w.$1
	local ab="$a $b 40000 5555" ba="$b $a 5555 40000"

	config | load_config "$R" || ktap_diag "reload failed"
	settle
	# ISNs 1000 (A) and 5000 (B); both windows 8192, unscaled.
	segs "$A" 1 "$ab S 1000 0 0"
	segs "$B" 2 "$ba SA 5000 1001 0"
	counters_snapshot "$f.before"
	segs "$A" 1 "$ab A 1001 5001 0" "$ab PA 1001 5001 100"
	counters_snapshot "$f.mid"
	assert_deltas "$f.before" "$f.mid" "
		$IF_TRUST:transit.input_packets=2 $IF_TRUST:transit.input_bytes=$((2 * hdr + 100))
		$IF_TRUST:flow_input.bytes_permitted_by_policy=$((2 * hdr + 100))
		$IF_UNTRUST:transit.output_packets=2 $IF_UNTRUST:transit.output_bytes=$((2 * hdr + 100))
		$IF_UNTRUST:flow_output.bytes_permitted_by_policy=$((2 * hdr + 100))" \
		"$fam: handshake and in-window data are forwarded, no drop"

	# Far beyond what either side allowed (ack + 8192).
	segs "$A" 1 "$ab PA 901101 5001 10" "$ab PA 901111 5001 10" "$ab PA 901121 5001 10"
	segs "$B" 2 "$ba PA 905001 1101 10" "$ba PA 905011 1101 10"
	counters_snapshot "$f.after"
	assert_deltas "$f.mid" "$f.after" "
		$IF_TRUST:flow_errors.$(oow)=3 $IF_UNTRUST:flow_errors.$(oow)=2" \
		"$fam: out-of-window segments: +3 on ge-0/0/0, +2 on ge-0/0/1, nothing else"

	# 2. The check off: the same segments pass.
	config "set security flow tcp-session no-sequence-check" |
		load_config "$R" || ktap_diag "reload failed"
	counters_snapshot "$f.nsc.before"
	segs "$A" 1 "$ab PA 901101 5001 10" "$ab PA 901111 5001 10" "$ab PA 901121 5001 10"
	counters_snapshot "$f.nsc.after"
	assert_deltas "$f.nsc.before" "$f.nsc.after" "
		$IF_TRUST:transit.input_packets=3 $IF_TRUST:transit.input_bytes=$((3 * (hdr + 10)))
		$IF_TRUST:flow_input.bytes_permitted_by_policy=$((3 * (hdr + 10)))
		$IF_UNTRUST:transit.output_packets=3 $IF_UNTRUST:transit.output_bytes=$((3 * (hdr + 10)))
		$IF_UNTRUST:flow_output.bytes_permitted_by_policy=$((3 * (hdr + 10)))" \
		"$fam: no-sequence-check: the same segments are forwarded, no drop"
	config | load_config "$R" || ktap_diag "reload failed"
	"$FLOWSTAT" -n "$R" clear security flow session all >/dev/null

	# 3. Non-SYN first packets.
	counters_snapshot "$f.ns.before"
	stats_snapshot "$f.ns.sbefore"
	segs "$A" 1 "$a $b 40100 5555 A 1 1 0" "$a $b 40101 5555 SA 1 1 0"
	counters_snapshot "$f.ns.after"
	stats_snapshot "$f.ns.safter"
	assert_deltas "$f.ns.before" "$f.ns.after" \
		"$IF_TRUST:flow_errors.policy_denied=2" \
		"$fam: an ACK and a SYN-ACK without a session: policy denied +2, nothing else"
	check_eq "$fam: they opened no session" 0 \
		"$(stats_delta "$f.ns.sbefore" "$f.ns.safter" .sessions.created)"
}

window ipv4 "$A_IP4" "$B_IP4" 40
window ipv6 "$A_IP6" "$B_IP6" 60

ktap_finished
