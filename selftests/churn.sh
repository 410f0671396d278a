#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Churn under traffic (issue 14), each part with exact figures and memory
# back to its baseline afterwards: the live objects of flowstat's slab
# caches (fs_session, fs_tcp), read after flushing the per-CPU slabs. The
# VM boots with slab_nomerge so that those caches are flowstat's alone.
# kmemleak, on the debug kernel, sees the rest.
#
#   A (trust) ---- ge-0/0/0 [eth0] R [eth1] ge-0/0/1 ---- B (untrust)
#
# 1. RELOADS reloads (two configurations in turn; the second adds a deny
#    policy before the permitting one, so every session is re-checked)
#    during a TCP transfer A -> B: the transfer arrives intact, it stays
#    one session, nothing is dropped, and every segment of it that R
#    received left R, as both hosts' own TCP counters confirm.
# 2. The session table filled to max-sessions (SESSIONS UDP flows, and 10
#    more dropped as "No more sessions"), then emptied by the UDP timeout.
# 3. NETNS router namespaces, one after the other: created, configured,
#    given a ping and an idle TCP connection, and destroyed with traffic
#    still flowing.
# 4. MODULE rmmod/insmod cycles with a ping flood and an idle TCP
#    connection through R; after each, the configuration loads again and
#    traffic is filtered again. flowstat.ko is left loaded.
#
# Counts: FLOWSTAT_CHURN_RELOADS (30), FLOWSTAT_CHURN_SESSIONS (200),
# FLOWSTAT_CHURN_NETNS (5), FLOWSTAT_CHURN_MODULE (3); `make check-debug`
# passes them on (docs/reliability.md).

source "$(dirname "$0")/lib.sh"

fs_init
require_cmd socat ss insmod rmmod sha256sum
[ -n "$FLOWSTAT_KO" ] && [ -r "$FLOWSTAT_KO" ] ||
	ktap_skip_all "FLOWSTAT_KO does not name the module file"
grep -q '^flowstat ' /proc/modules 2>/dev/null ||
	ktap_skip_all "flowstat.ko is not a loaded module (/proc/modules)"
ktap_set_plan 20

RELOADS=${FLOWSTAT_CHURN_RELOADS:-30}
SESSIONS=${FLOWSTAT_CHURN_SESSIONS:-200}
NETNS=${FLOWSTAT_CHURN_NETNS:-5}
MODULE=${FLOWSTAT_CHURN_MODULE:-3}

# slab_live CACHE: live objects of CACHE. Writing to shrink flushes the
# per-CPU slabs, whose free objects the objects file would count as used.
slab_live()
{
	local d=/sys/kernel/slab/$1

	[ -d "$d" ] || { echo 0; return; } # not created (module unloaded)
	echo 1 >"$d/shrink" 2>/dev/null
	cut -d' ' -f1 "$d/objects"
}

slab_total()
{
	echo $(($(slab_live fs_session) + $(slab_live fs_tcp)))
}

# at_baseline N: flowstat's slab objects are N (sessions are freed after
# an RCU grace period, namespaces by a worker: wait up to 20 s).
at_baseline()
{
	wait_until 20 eval '[ "$(slab_total)" -eq '"$1"' ]'
}

check_baseline()
{
	local want=$1 desc=$2

	at_baseline "$want"
	check_eq "$desc: fs_session + fs_tcp objects back to baseline" \
		"$want" "$(slab_total)"
}

# Slab merging would mix other objects into these counts.
merged=
for c in fs_session fs_tcp; do
	[ "$(cat "/sys/kernel/slab/$c/aliases" 2>/dev/null)" = 0 ] || merged+=" $c"
done
[ -z "$merged" ] ||
	ktap_bail "slab caches merged with others ($merged): boot with slab_nomerge"

conf_base()
{
	cfg_zone trust "$IF_TRUST"
	cfg_zone untrust "$IF_UNTRUST"
	cfg_policy trust untrust allow-out permit
	echo "set security policies default-policy deny-all"
}

conf_base >"$FS_TMP/c1.conf"
{
	echo "set security address-book global address nowhere 192.0.2.1/32"
	echo "set security policies from-zone trust to-zone untrust policy p0 match source-address any"
	echo "set security policies from-zone trust to-zone untrust policy p0 match destination-address nowhere"
	echo "set security policies from-zone trust to-zone untrust policy p0 match application any"
	echo "set security policies from-zone trust to-zone untrust policy p0 then deny"
	conf_base
} >"$FS_TMP/c2.conf"

# 1 KiB every 10 ms until FILE_STOP exists (and at least 64 KiB went),
# then the byte count and digest into FILE_SENT.
cat >"$FS_TMP/send.py" <<'EOF'
import hashlib, os, socket, sys, time
dst, port, stop, out = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
s = socket.create_connection((dst, port), timeout=10)
h, n, i = hashlib.sha256(), 0, 0
while not os.path.exists(stop) or n < 65536:
    b = (b"%07d " % i) * 128
    s.sendall(b)
    h.update(b)
    n += len(b)
    i += 1
    time.sleep(0.01)
s.close()
open(out, "w").write("%d %s\n" % (n, h.hexdigest()))
EOF

# Objects of scripts before this one are freed by then.
check_baseline 0 "start"
setup_router_topology || ktap_bail "cannot build the topology"
load_config "$R" "$FS_TMP/c1.conf" || ktap_bail "cannot load the configuration"

# ---------------------------------------------------------------------------
# 1. Reloads during a TCP transfer.

tcp_sink "$B" 6000 "$FS_TMP/rx" || ktap_bail "cannot start the tcp/6000 sink on B"
settle
counters_snapshot "$FS_TMP/r.before"
stats_snapshot "$FS_TMP/r.sbefore"
a_out=$(snmp_get "$A" Tcp OutSegs) a_in=$(snmp_get "$A" Tcp InSegs)
b_out=$(snmp_get "$B" Tcp OutSegs) b_in=$(snmp_get "$B" Tcp InSegs)
a_re=$(snmp_get "$A" Tcp RetransSegs)
bg "$A" "$PYTHON" "$FS_TMP/send.py" "$B_IP4" 6000 "$FS_TMP/stop" "$FS_TMP/sent"
sender=$BG_PID
start=$SECONDS
fails=0
for ((i = 0; i < RELOADS; i++)); do
	load_config "$R" "$FS_TMP/c$((i % 2 + 1)).conf" || fails=$((fails + 1))
done
reload_s=$((SECONDS - start))
touch "$FS_TMP/stop"
wait "$sender"
read -r sent digest <"$FS_TMP/sent" 2>/dev/null
wait_until 30 eval '[ "$(stat -c %s "$FS_TMP/rx")" -ge "${sent:-1}" ]'
sleep 0.5 # the FIN exchange
counters_snapshot "$FS_TMP/r.after"
stats_snapshot "$FS_TMP/r.safter"
ktap_diag "$RELOADS reloads in ${reload_s} s during a transfer of $sent bytes"
check_eq "reloads: $RELOADS reloads succeed during the transfer" 0 "$fails"
check_eq "reloads: the transfer arrives intact ($sent bytes)" "$digest" \
	"$(sha256sum <"$FS_TMP/rx" | cut -d' ' -f1)"
check_eq "reloads: the transfer stays one session" 1 \
	"$(stats_delta "$FS_TMP/r.sbefore" "$FS_TMP/r.safter" .sessions.created)"
assert_only_drops_moved "$FS_TMP/r.before" "$FS_TMP/r.after" "" \
	"reloads: no drop on any interface"
# Every segment A sent entered R on ge-0/0/0 and left on ge-0/0/1, and B
# received exactly those; the same the other way.
d=$(jdeltas "$FS_TMP/r.before" "$FS_TMP/r.after" \
	"$(ifc "$IF_TRUST" transit input_packets)" \
	"$(ifc "$IF_UNTRUST" transit output_packets)" \
	"$(ifc "$IF_UNTRUST" transit input_packets)" \
	"$(ifc "$IF_TRUST" transit output_packets)")
set -- $d
check_eq "reloads: A -> B segments: A sent = R in = R out = B received" \
	"$1 $1 $1 $1" "$(($(snmp_get "$A" Tcp OutSegs) - a_out)) $1 $2 $(($(snmp_get "$B" Tcp InSegs) - b_in))"
check_eq "reloads: B -> A segments: B sent = R in = R out = A received" \
	"$3 $3 $3 $3" "$(($(snmp_get "$B" Tcp OutSegs) - b_out)) $3 $4 $(($(snmp_get "$A" Tcp InSegs) - a_in))"
ktap_diag "A retransmitted $(($(snmp_get "$A" Tcp RetransSegs) - a_re)) segments"

# ---------------------------------------------------------------------------
# 2. Fill the table to max-sessions, then let the timeout empty it.

{
	conf_base
	echo "set security flow max-sessions $SESSIONS"
	echo "set security flow udp-session timeout 2"
} | load_config "$R" || ktap_bail "cannot load the max-sessions configuration"
# The transfer's session may linger (TIME_WAIT 2 s): start from none.
wait_until 20 eval '[ "$("$FLOWSTAT" -n "$R" -j show security flow statistics | jq .sessions.current)" = 0 ]'
settle
counters_snapshot "$FS_TMP/f.before"
specs=()
for ((i = 0; i < SESSIONS + 10; i++)); do
	specs+=("udp $A_IP4 $B_IP4 $((20000 + i)) 7 32")
done
ip netns exec "$A" "$PYTHON" "$FS_SELFTESTS_DIR/pkt.py" eth0 \
	"$(mac_h 1)" "$(mac_r 1)" "${specs[@]}"
counters_snapshot "$FS_TMP/f.after"
check_eq "fill: $SESSIONS sessions live at max-sessions $SESSIONS" "$SESSIONS" \
	"$("$FLOWSTAT" -n "$R" -j show security flow statistics | jq .sessions.current)"
assert_only_drops_moved "$FS_TMP/f.before" "$FS_TMP/f.after" \
	"$IF_TRUST:no_more_sessions=10" \
	"fill: the 10 flows over the limit counted as No more sessions, nothing else"
wait_until 20 eval '[ "$("$FLOWSTAT" -n "$R" -j show security flow statistics | jq .sessions.current)" = 0 ]'
check_eq "fill: the UDP timeout empties the table" 0 \
	"$("$FLOWSTAT" -n "$R" -j show security flow statistics | jq .sessions.current)"
check_baseline 0 "fill"

# ---------------------------------------------------------------------------
# 3. Router namespaces, one after the other.

kill "${FS_BG_PIDS[@]}" 2>/dev/null
ip netns del "$R"
ip netns del "$C"
at_baseline 0
tcp_sink "$B" 6001 "$FS_TMP/rx1" || ktap_bail "cannot start the tcp/6001 sink on B"

# new_router I: a router namespace R between A and B, configured.
new_router()
{
	R=$(unique_ns "R$1")
	ip netns add "$R" || return 1
	FS_NETNS+=("$R")
	ns_sysctls "$R" router || return 1
	ip -n "$R" link set lo up || return 1
	add_link "$R" eth0 "$IF_TRUST" "$A" 1 || return 1
	add_link "$R" eth1 "$IF_UNTRUST" "$B" 2 || return 1
	wait_until 5 topology_links_up "$R" || return 1
	load_config "$R" "$FS_TMP/c1.conf"
}

# idle_tcp PORT: an idle TCP connection A -> B:PORT (a session with its
# minor session) in the background, once it is established.
idle_tcp()
{
	local was port=$1

	# A's connections of earlier routers are still established in A's
	# eyes (their R is gone, not their sockets): wait for one more.
	was=$(established_to "$port")
	bg "$A" bash -c "exec 3<>/dev/tcp/$B_IP4/$port && exec sleep 60"
	wait_until 20 eval '[ "$(established_to "$port")" -gt "$was" ]'
}

# established_to PORT: A's established TCP connections to PORT.
established_to()
{
	ip netns exec "$A" ss -Htn state established "( dport = :$1 )" | wc -l
}

# sessions_now: "CREATED CURRENT" of R.
sessions_now()
{
	"$FLOWSTAT" -n "$R" -j show security flow statistics |
		jq -r '"\(.sessions.created) \(.sessions.current)"'
}

two_sessions()
{
	[ "$(sessions_now)" = "2 2" ]
}

made=0 pinged=0 sessions=0
start=$SECONDS
for ((i = 0; i < NETNS; i++)); do
	new_router "$i" || break
	made=$((made + 1))
	[ "$(ping_rx "$A" -c 1 "$B_IP4")" = 1 ] && pinged=$((pinged + 1))
	idle_tcp 6001
	# the ping's session and the connection's, both still live (the
	# connection may still be on its way on a busy machine)
	if wait_until 20 two_sessions; then
		sessions=$((sessions + 1))
	else
		ktap_diag "namespace $i: sessions created, current: $(sessions_now)"
		"$FLOWSTAT" -n "$R" show security flow session >"$FS_TMP/sess" 2>&1
		ktap_diag_file "$FS_TMP/sess"
	fi
	bg "$A" ping -q -i 0.01 -c 100 "$B_IP4"
	sleep 0.2
	ip netns del "$R"
	unset 'FS_NETNS[${#FS_NETNS[@]}-1]'
	# The flood outlives its router (ping retries after the route goes):
	# left running, it would open a third session in the next one.
	kill "$BG_PID" 2>/dev/null
	wait "$BG_PID" 2>/dev/null
done
ktap_diag "$made router namespaces in $((SECONDS - start)) s"
check_eq "netns: $NETNS router namespaces created, configured and destroyed" \
	"$NETNS" "$made"
check_eq "netns: every one forwarded its ping" "$NETNS" "$pinged"
check_eq "netns: every one counted exactly two live sessions (ping, TCP)" "$NETNS" "$sessions"
check_baseline 0 "netns"

# ---------------------------------------------------------------------------
# 4. rmmod/insmod cycles under traffic.

new_router m || ktap_bail "cannot build the router namespace"
idle_tcp 6001
bg "$A" ping -q -i 0.02 -w 600 "$B_IP4"
flood=$BG_PID
sleep 1
cycles=0 loads=0 filtered=0
start=$SECONDS
for ((i = 0; i < MODULE; i++)); do
	rmmod flowstat 2>"$FS_TMP/rmmod.err" || { ktap_diag_file "$FS_TMP/rmmod.err"; break; }
	insmod "$FLOWSTAT_KO" 2>"$FS_TMP/insmod.err" || { ktap_diag_file "$FS_TMP/insmod.err"; break; }
	cycles=$((cycles + 1))
	load_config "$R" "$FS_TMP/c1.conf" && loads=$((loads + 1))
	# untrust -> trust is denied again once the configuration is in
	[ "$(ping_rx "$B" -c 1 "$A_IP4")" = 0 ] && filtered=$((filtered + 1))
done
ktap_diag "$cycles module cycles in $((SECONDS - start)) s"
check_eq "module: $MODULE rmmod/insmod cycles under traffic" "$MODULE" "$cycles"
check_eq "module: the configuration loads after every insmod" "$MODULE" "$loads"
check_eq "module: traffic is filtered again after every insmod" "$MODULE" "$filtered"
check_eq "module: A still reaches B through R" 1 "$(ping_rx "$A" -c 1 "$B_IP4")"
kill "$flood" 2>/dev/null
ip netns del "$R"
unset 'FS_NETNS[${#FS_NETNS[@]}-1]'
check_baseline 0 "module"

ktap_finished
