#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Reload: `flowstat load` replaces the configuration atomically; sessions
# that are still permitted survive it, sessions whose policy is gone are
# closed.
#
#   A (trust)                     R                          B (untrust)
#   10.0.1.2 ------------ ge-0/0/0 [eth0]      [eth1] ge-0/0/1 ------------ 10.0.2.2
#   udp sport 42000               policy trust->untrust            udp/5000 sink
#                                 allow-out: permit
#                                 ge-0/0/2 ---- C (idle)
#
# 1. ping -c N -i 0.2 A -> B (N: long enough) while the same configuration is loaded three
#    times: every reply arrives, one connection, no drop, and the session
#    count does not change across the reloads.
# 2. One UDP flow (fixed ports): 10 datagrams, reload, 10 more: one
#    connection in all. Then a reload without allow-out: every session is
#    closed, and 5 more datagrams of the flow are policy denied.
#    Datagrams carry 32 bytes: 60 bytes at L3.

source "$(dirname "$0")/lib.sh"

fs_init
require_cmd socat ss
ktap_set_plan 9

setup_router_topology || ktap_bail "cannot build the topology"

CONF=$FS_TMP/permit.conf
{
	cfg_zone trust "$IF_TRUST"
	cfg_zone untrust "$IF_UNTRUST"
	cfg_policy trust untrust allow-out permit
	echo "set security policies default-policy deny-all"
} >"$CONF"
NOPOLICY=$FS_TMP/nopolicy.conf
{
	cfg_zone trust "$IF_TRUST"
	cfg_zone untrust "$IF_UNTRUST"
	echo "set security policies default-policy deny-all"
} >"$NOPOLICY"
load_config "$R" "$CONF" || ktap_bail "cannot load the configuration"

# 1. A ping flowing across reloads of the same configuration. Its length
# comes from a timed dry run of one reload step (slow under TCG), so that
# it certainly outlives the three reloads; the count is fixed before it
# starts.
t0=${EPOCHREALTIME/[.,]/}
stats_snapshot "$FS_TMP/dry.1"
load_config "$R" "$CONF" || ktap_diag "dry-run reload failed"
stats_snapshot "$FS_TMP/dry.2"
t1=${EPOCHREALTIME/[.,]/}
N=$(( (3 * (t1 - t0 + 500000) + 3000000) / 200000 + 5 ))
# A floor too: a busy host can make the reloads slower than the dry run.
[ "$N" -lt 100 ] && N=100
[ "$N" -gt 400 ] && N=400
ktap_diag "ping A -> B: $N echo requests at 0.2 s (one reload step took $(((t1 - t0) / 1000)) ms)"
settle
counters_snapshot "$FS_TMP/ping.before"
stats_snapshot "$FS_TMP/ping.sbefore"
bg "$A" sh -c "ping -q -i 0.2 -W 2 -c $N $B_IP4 >$FS_TMP/ping.out 2>&1"
ping_pid=$BG_PID
sleep 1
for i in 1 2 3; do
	stats_snapshot "$FS_TMP/ping.s$i"
	load_config "$R" "$CONF" || ktap_diag "reload $i failed"
	stats_snapshot "$FS_TMP/ping.s$i.after"
	sleep 0.5
done
# the ping must have outlived the reloads for this test to mean anything
alive=no
kill -0 "$ping_pid" 2>/dev/null && alive=yes
wait "$ping_pid"
currents=
for i in 1 2 3; do
	currents="$currents $(jvals "$FS_TMP/ping.s$i" .sessions.current) $(
		jvals "$FS_TMP/ping.s$i.after" .sessions.current)"
done
counters_snapshot "$FS_TMP/ping.after"
stats_snapshot "$FS_TMP/ping.safter"
check_eq "ping across 3 reloads of the same configuration: every reply arrives" "$N" \
	"$(sed -n 's/.* \([0-9][0-9]*\) received.*/\1/p' "$FS_TMP/ping.out")"
assert_deltas "$FS_TMP/ping.before" "$FS_TMP/ping.after" \
	"$(ping_transit_deltas "$IF_TRUST" "$IF_UNTRUST" "$N" 84)" \
	"ping across reloads: one connection, no policy denied, exact transit counters"
check_eq "ping across reloads: one session created" 1 \
	"$(stats_delta "$FS_TMP/ping.sbefore" "$FS_TMP/ping.safter" .sessions.created)"
# current before and after each reload, all the same and non-zero
check_eq "ping across reloads: still running after them, sessions.current unchanged by each" \
	"yes $(set -- $currents; [ "$1" -gt 0 ] 2>/dev/null && echo "$1 $1 $1 $1 $1 $1")" \
	"$alive $(echo $currents)"

# 2. A UDP flow across a reload, then its policy removed.
udp_sink "$B" 5000 "$FS_TMP/udp.rx" || ktap_bail "cannot start the UDP sink on B"
settle
counters_snapshot "$FS_TMP/udp.before"
udp_send "$A" "$B_IP4" 5000 10 42000 0.05
load_config "$R" "$CONF" || ktap_diag "reload failed"
udp_send "$A" "$B_IP4" 5000 10 42000 0.05
wait_until 3 lines_ge "$FS_TMP/udp.rx" 20
settle
counters_snapshot "$FS_TMP/udp.after"
check_eq "udp: 10 + 10 datagrams of one flow across a reload all delivered" 20 \
	"$(wc -l <"$FS_TMP/udp.rx")"
assert_deltas "$FS_TMP/udp.before" "$FS_TMP/udp.after" "
	$IF_TRUST:transit.input_packets=20 $IF_TRUST:transit.input_bytes=1200
	$IF_TRUST:flow_input.bytes_permitted_by_policy=1200
	$IF_TRUST:flow_input.connections_established=1
	$IF_UNTRUST:transit.output_packets=20 $IF_UNTRUST:transit.output_bytes=1200
	$IF_UNTRUST:flow_output.bytes_permitted_by_policy=1200" \
	"udp: the session survived the reload (one connection), no drop"

stats_snapshot "$FS_TMP/rm.sbefore"
load_config "$R" "$NOPOLICY" || ktap_bail "cannot load the configuration without policy"
stats_snapshot "$FS_TMP/rm.safter"
check_eq "reload without allow-out closes every session (current: >0 before, 0 after; udp 0)" \
	"yes 0 0" \
	"$([ "$(jvals "$FS_TMP/rm.sbefore" .sessions.current)" -gt 0 ] 2>/dev/null && echo yes) $(
	   jvals "$FS_TMP/rm.safter" .sessions.current .sessions.udp)"

settle
counters_snapshot "$FS_TMP/den.before"
udp_send "$A" "$B_IP4" 5000 5 42000 0.05
settle
counters_snapshot "$FS_TMP/den.after"
check_eq "udp: after the policy is gone the sink receives nothing more" 20 \
	"$(wc -l <"$FS_TMP/udp.rx")"
assert_deltas "$FS_TMP/den.before" "$FS_TMP/den.after" \
	"$IF_TRUST:flow_errors.policy_denied=5" \
	"udp: the closed session's next 5 datagrams are policy denied on ge-0/0/0"

ktap_finished
