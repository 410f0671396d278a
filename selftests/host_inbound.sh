#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# host-inbound-traffic: which to-self traffic a zone (or one interface)
# accepts; "No one interested in self packets" for the rest.
#
#   A (trust)                     R                         B (untrust)
#   10.0.1.2 ------------ ge-0/0/0 [eth0]      [eth1] ge-0/0/1 ------------ 10.0.2.2
#   fd00:1::2             10.0.1.1 fd00:1::1    10.0.2.1 fd00:2::1          fd00:2::2
#                         tcp/22 listener (socat) in R
#                                 [eth2] ge-0/0/2 (untrust in part 4)
#                                    |
#                          C 10.0.3.2
#
# 1. trust allows ping only: ping works; 5 crafted TCP SYNs to R:22 (scapy)
#    per family are dropped: +5 no one interested, TCP never sees them.
# 2. trust allows all: a TCP connection to R:22 works (v4, v6).
# 3. trust allows protocols bgp: SYNs to tcp/179 are delivered (R's TCP
#    answers each with a 40/60-byte RST).
# 4. untrust allows ping, but ge-0/0/1 overrides it with ssh only:
#    ping from B dropped, ssh from B works, ping from C (ge-0/0/2, no
#    override) works.

source "$(dirname "$0")/lib.sh"

fs_init
require_cmd socat ss
require_scapy
ktap_set_plan 22

setup_router_topology || ktap_bail "cannot build the topology"
tcp_sink "$R" 22 "$FS_TMP/ssh.rx" || ktap_bail "cannot start the tcp/22 listener in R"

# 1. ping only
{
	cfg_zone trust "$IF_TRUST"
	cfg_services trust ping
	cfg_zone untrust "$IF_UNTRUST"
} | load_config "$R" || ktap_bail "cannot load the configuration"

settle
counters_snapshot "$FS_TMP/ping.before"
check_eq "ping allowed: A pings R, every reply arrives" 3 "$(ping_rx "$A" -c 3 "$R_A_IP4")"
counters_snapshot "$FS_TMP/ping.after"
assert_deltas "$FS_TMP/ping.before" "$FS_TMP/ping.after" "
	$IF_TRUST:local.input_packets=3 $IF_TRUST:local.input_bytes=252
	$IF_TRUST:local.output_packets=3 $IF_TRUST:local.output_bytes=252
	$IF_TRUST:flow_input.self_packets=3 $IF_TRUST:flow_input.icmp_packets=3
	$IF_TRUST:flow_input.connections_established=1" \
	"ping allowed: counted as self on ge-0/0/0, one connection, no drop"

# syn_refused FAMILY SRC DST
syn_refused()
{
	local fam=$1 f=$FS_TMP/syn.$1 segs

	settle
	counters_snapshot "$f.before"
	segs=$(snmp_get "$R" Tcp InSegs)
	send_tcp_syn "$A" 1 "$2" "$3" 22 5
	settle
	counters_snapshot "$f.after"
	assert_deltas "$f.before" "$f.after" \
		"$IF_TRUST:flow_errors.no_one_interested_in_self_packets=5" \
		"$fam: 5 SYNs to R:22 (ssh not allowed): no one interested +5 on ge-0/0/0, nothing else"
	check_eq "$fam: R's TCP received none of the SYNs" 0 \
		"$(($(snmp_get "$R" Tcp InSegs) - segs))"
	check_eq "$fam: the tcp/22 listener accepted nothing" 0 "$(wc -c <"$FS_TMP/ssh.rx")"
}

syn_refused ipv4 "$A_IP4" "$R_A_IP4"
syn_refused ipv6 "$A_IP6" "$R_A_IP6"

# 2. system-services all
{
	cfg_zone trust "$IF_TRUST"
	cfg_services trust all
	cfg_zone untrust "$IF_UNTRUST"
} | load_config "$R" || ktap_bail "cannot load the configuration"

# ssh_ok FAMILY SRC_NS DST INGRESS: one connection to DST:22 works.
ssh_ok()
{
	local fam=$1 f=$FS_TMP/ssh.$RANDOM msg="hello-$1-$RANDOM"

	settle
	counters_snapshot "$f.before"
	check_rc "$fam: $5: TCP connection to R:22 succeeds" 0 tcp_send "$2" "$3" 22 "$msg"
	wait_until 3 grep -q "$msg" "$FS_TMP/ssh.rx"
	check_eq "$fam: $5: the listener received the data" 1 "$(grep -c "$msg" "$FS_TMP/ssh.rx")"
	counters_snapshot "$f.after"
	check_eq "$fam: $5: one connection established on $4, no drop" "1 ok" \
		"$(counter_delta "$f.before" "$f.after" "$4" flow_input connections_established) $(
		   [ -z "$(compare_deltas "$f.before" "$f.after" flow_errors "")" ] && echo ok)"
}

ssh_ok ipv4 "$A" "$R_A_IP4" "$IF_TRUST" "services all"
ssh_ok ipv6 "$A" "$R_A_IP6" "$IF_TRUST" "services all"

# 3. protocols bgp: tcp/179 is delivered (R's TCP answers with RSTs).
{
	cfg_zone trust "$IF_TRUST"
	cfg_services trust ping
	echo "set security zones security-zone trust host-inbound-traffic protocols bgp"
	cfg_zone untrust "$IF_UNTRUST"
} | load_config "$R" || ktap_bail "cannot load the configuration"

settle
counters_snapshot "$FS_TMP/bgp.before"
segs=$(snmp_get "$R" Tcp InSegs)
send_tcp_syn "$A" 1 "$A_IP4" "$R_A_IP4" 179 4
bgp_delivered() { [ "$(($(snmp_get "$R" Tcp InSegs) - segs))" -ge 4 ]; }
wait_until 3 bgp_delivered
settle
counters_snapshot "$FS_TMP/bgp.after"
check_eq "protocols bgp: R's TCP received the 4 SYNs to tcp/179" 4 \
	"$(($(snmp_get "$R" Tcp InSegs) - segs))"
assert_deltas "$FS_TMP/bgp.before" "$FS_TMP/bgp.after" "
	$IF_TRUST:local.input_packets=4 $IF_TRUST:local.input_bytes=160
	$IF_TRUST:local.output_packets=4 $IF_TRUST:local.output_bytes=160
	$IF_TRUST:flow_input.self_packets=4
	$IF_TRUST:flow_input.connections_established=4" \
	"protocols bgp: 4 SYNs self, 4 RSTs local output, 4 connections, no drop"

# 4. Per-interface override: ge-0/0/1 allows ssh only, replacing untrust's
#    ping; ge-0/0/2 (also untrust) keeps the zone's ping.
{
	cfg_zone trust "$IF_TRUST"
	cfg_services untrust ping
	echo "set security zones security-zone untrust interfaces $IF_UNTRUST.0 host-inbound-traffic system-services ssh"
	cfg_zone untrust "$IF_NOZONE"
} | load_config "$R" || ktap_bail "cannot load the configuration"

counters_snapshot "$FS_TMP/ovr.json"
check_eq "override: host_inbound is [ssh] on ge-0/0/1 and [ping] on ge-0/0/2" \
	'["ssh"] ["ping"]' \
	"$(jq -c --arg n "$IF_UNTRUST" "$FS_JQ_IF"' [ifsel($n)][0].host_inbound' "$FS_TMP/ovr.json") $(
	   jq -c --arg n "$IF_NOZONE" "$FS_JQ_IF"' [ifsel($n)][0].host_inbound' "$FS_TMP/ovr.json")"

settle
counters_snapshot "$FS_TMP/ovr.before"
check_eq "override: B pings R (ping replaced by ssh on ge-0/0/1): no reply" 0 \
	"$(ping_rx "$B" -c 3 "$R_B_IP4")"
counters_snapshot "$FS_TMP/ovr.after"
assert_deltas "$FS_TMP/ovr.before" "$FS_TMP/ovr.after" "
	$IF_UNTRUST:flow_input.icmp_packets=3
	$IF_UNTRUST:flow_errors.no_one_interested_in_self_packets=3" \
	"override: no one interested +3 on ge-0/0/1, nothing else"

settle
counters_snapshot "$FS_TMP/ovr2.before"
check_eq "override: C pings R through ge-0/0/2 (zone's ping): every reply arrives" 3 \
	"$(ping_rx "$C" -c 3 "$R_C_IP4")"
counters_snapshot "$FS_TMP/ovr2.after"
assert_deltas "$FS_TMP/ovr2.before" "$FS_TMP/ovr2.after" "
	$IF_NOZONE:local.input_packets=3 $IF_NOZONE:local.input_bytes=252
	$IF_NOZONE:local.output_packets=3 $IF_NOZONE:local.output_bytes=252
	$IF_NOZONE:flow_input.self_packets=3 $IF_NOZONE:flow_input.icmp_packets=3
	$IF_NOZONE:flow_input.connections_established=1" \
	"override: ping through ge-0/0/2 counted as self there, no drop"

msg="hello-override-$RANDOM"
tcp_send "$B" "$R_B_IP4" 22 "$msg"
wait_until 3 grep -q "$msg" "$FS_TMP/ssh.rx"
check_eq "override: B connects to R:22 through ge-0/0/1 (ssh allowed there)" 1 \
	"$(grep -c "$msg" "$FS_TMP/ssh.rx")"

ktap_finished
