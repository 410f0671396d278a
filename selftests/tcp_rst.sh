#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# tcp-rst and ident-reset for traffic to the router: the router answers
# with a RST and drops the packet as "No one interested in self packets".
#
#   A (trust: tcp-rst, ping, ident-reset)   R      B (untrust: ping only)
#   10.0.1.2 ------------ ge-0/0/0 [eth0]      [eth1] ge-0/0/1 ------------ 10.0.2.2
#
# 1. A sends 3 TCP ACKs without a session to R:22 (selftests/craft.py): 3 RSTs come back
#    (40 bytes each, local output), +3 no one interested.
# 2. A sends 3 SYNs to R:113: ident-reset answers each with a RST, +3.
# 3. A sends 3 SYNs to R:23 (not allowed, and a SYN: not tcp-rst's case):
#    dropped without an answer, +3.
# 4. B sends 3 SYNs to R:113 (untrust has no ident-reset): dropped, no RST.
# 5. Transit: A sends 3 ACKs without a session to B:80: dropped as Policy
#    denied (only a SYN opens a session), and trust's tcp-rst answers each.
# 6. Transit: B sends 3 ACKs to A:80: Policy denied, no RST (untrust has no
#    tcp-rst).
# A host's TCP counts every segment it receives (Tcp InSegs) before any
# socket lookup: that is how the RSTs are seen. R's TCP sees nothing.

source "$(dirname "$0")/lib.sh"
FS_SELFTESTS=$(cd "$(dirname "$0")" && pwd)

fs_init
ktap_set_plan 18

setup_router_topology || ktap_bail "cannot build the topology"
{
	cfg_zone trust "$IF_TRUST"
	cfg_services trust ping ident-reset
	echo "set security zones security-zone trust tcp-rst"
	cfg_zone untrust "$IF_UNTRUST"
	cfg_services untrust ping
} | load_config "$R" || ktap_bail "cannot load the configuration"

# craft NS LINK SPEC...: selftests/craft.py from the host side of link LINK.
craft()
{
	local ns=$1 l=$2

	shift 2
	ip netns exec "$ns" "$PYTHON" "$FS_SELFTESTS/craft.py" eth0 \
		"$(mac_h "$l")" "$(mac_r "$l")" "$@"
}

# send_tcp NS LINK SRC DST DPORT FLAGS COUNT
send_tcp()
{
	craft "$1" "$2" "tcp,$3,$4,42000,$5,$6,$7,0" >/dev/null
}

# case DESC NS LINK SRC DST DPORT FLAGS IF RSTS
case_()
{
	local desc=$1 ns=$2 l=$3 src=$4 dst=$5 port=$6 flags=$7 ifn=$8 rsts=$9
	local f=$FS_TMP/rst.$RANDOM h0 r0 out=''

	settle
	counters_snapshot "$f.before"
	h0=$(snmp_get "$ns" Tcp InSegs)
	r0=$(snmp_get "$R" Tcp InSegs)
	send_tcp "$ns" "$l" "$src" "$dst" "$port" "$flags" 3
	sleep 0.3
	counters_snapshot "$f.after"
	[ "$rsts" -gt 0 ] && out="$ifn:local.output_packets=$rsts $ifn:local.output_bytes=$((rsts * 40))"
	assert_deltas "$f.before" "$f.after" "
		$ifn:flow_errors.no_one_interested_in_self_packets=3 $out" \
		"$desc: no one interested +3 on $ifn${out:+, $rsts RSTs sent}"
	check_eq "$desc: the sender got $rsts RSTs" "$rsts" \
		"$(($(snmp_get "$ns" Tcp InSegs) - h0))"
	check_eq "$desc: R's TCP saw nothing" 0 "$(($(snmp_get "$R" Tcp InSegs) - r0))"
}

# transit DESC NS LINK SRC DST IF RSTS PEER
transit()
{
	local desc=$1 ns=$2 l=$3 src=$4 dst=$5 ifn=$6 rsts=$7 peer=$8
	local f=$FS_TMP/rst.$RANDOM h0 p0 out=''

	settle
	counters_snapshot "$f.before"
	h0=$(snmp_get "$ns" Tcp InSegs)
	p0=$(snmp_get "$peer" Tcp InSegs)
	send_tcp "$ns" "$l" "$src" "$dst" 80 A 3
	sleep 0.3
	counters_snapshot "$f.after"
	[ "$rsts" -gt 0 ] && out="$ifn:local.output_packets=$rsts $ifn:local.output_bytes=$((rsts * 40))"
	assert_deltas "$f.before" "$f.after" "
		$ifn:flow_errors.policy_denied=3 $out" \
		"$desc: policy denied +3 on $ifn${out:+, $rsts RSTs sent}"
	check_eq "$desc: the sender got $rsts RSTs" "$rsts" \
		"$(($(snmp_get "$ns" Tcp InSegs) - h0))"
	check_eq "$desc: the other host's TCP saw nothing" 0 \
		"$(($(snmp_get "$peer" Tcp InSegs) - p0))"
}

case_ "tcp-rst: ACK without a session to R:22" "$A" 1 "$A_IP4" "$R_A_IP4" 22 A "$IF_TRUST" 3
case_ "ident-reset: SYN to R:113" "$A" 1 "$A_IP4" "$R_A_IP4" 113 S "$IF_TRUST" 3
case_ "tcp-rst zone: SYN to R:23 (not allowed)" "$A" 1 "$A_IP4" "$R_A_IP4" 23 S "$IF_TRUST" 0
case_ "no ident-reset: SYN to R:113 from untrust" "$B" 2 "$B_IP4" "$R_B_IP4" 113 S "$IF_UNTRUST" 0
transit "tcp-rst: transit ACK without a session, A to B" "$A" 1 "$A_IP4" "$B_IP4" "$IF_TRUST" 3 "$B"
transit "no tcp-rst: transit ACK without a session, B to A" "$B" 2 "$B_IP4" "$A_IP4" "$IF_UNTRUST" 0 "$A"

ktap_finished
