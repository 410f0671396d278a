#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Netlink fuzzer: tools/nlfuzz sends generated and mutated flowstat
# messages (every command, every attribute the kernel's policy dump lists)
# and checks its oracles on each: every error carries an extack message
# unless it is one of the kernel core's own, a refused message changes no
# configuration, unprivileged senders get -EPERM for every privileged
# command, a user namespace's requests stay in its own netns
# (docs/reliability.md, "Netlink fuzzer").
#
#   A (trust) ---- ge-0/0/0 [ R ] ge-0/0/1 ---- B (untrust)
#   ping flood A -> B        ge-0/0/2 ---- C (no zone)
#
#   nlfuzz runs inside R: as root (with a child reloading the base
#   configuration in a loop, and a second nlfuzz sending only read-only
#   commands at the same time, so that dumps race reloads), as nobody
#   (65534) without capabilities, and as nobody in a user + network
#   namespace of its own, all while A floods B with pings. Then a fixed
#   ping moves the counters exactly.
#
# First two fixed requests: a SESSION_GET whose filter the module refuses
# must say why on every kernel (on 6.1 a dump's .start has no extack: the
# error used to come without a message).
#
# FLOWSTAT_FUZZ_COUNT (default 10000) messages in all: 60% as root, 20% as
# nobody, 20% in the user namespace; FLOWSTAT_FUZZ_SEED fixes the seed.

source "$(dirname "$0")/lib.sh"

fs_init
require_cmd setpriv cmp
ktap_set_plan 11

NLFUZZ=${NLFUZZ:-$FS_SELFTESTS_DIR/../tools/nlfuzz/nlfuzz}
[ -x "$NLFUZZ" ] || ktap_skip_all "$NLFUZZ not built (make -C tools/nlfuzz)"

COUNT=${FLOWSTAT_FUZZ_COUNT:-10000}
SEED=${FLOWSTAT_FUZZ_SEED:-$((RANDOM << 15 | RANDOM))}
N_ROOT=$((COUNT * 6 / 10))
N_USER=$((COUNT * 2 / 10))
N_NS=$((COUNT - N_ROOT - N_USER))
ktap_diag "seeds $SEED, +1, +2: $N_ROOT messages as root, $N_USER as nobody, $N_NS in a user namespace"

setup_router_topology || ktap_bail "cannot build the topology"

# nobody must be able to run the fuzzer.
chmod 755 "$FS_TMP"
install -m 755 "$NLFUZZ" "$FS_TMP/nlfuzz" || ktap_bail "cannot copy nlfuzz"

# A base configuration with one of everything, and enough policies that a
# CONFIG_GET dump takes several parts (abandoned dumps need that).
BASE=$FS_TMP/base.conf
{
	cfg_zone trust "$IF_TRUST"
	cfg_services trust ping
	cfg_zone untrust "$IF_UNTRUST"
	echo "set security zones security-zone untrust screen fz-screen"
	echo "set security screen ids-option fz-screen ip spoofing"
	echo "set security screen ids-option fz-screen tcp syn-flood attack-threshold 500"
	echo "set security address-book global address net-b 10.0.2.0/24"
	echo "set security address-book global address net-b6 fd00:2::/64"
	echo "set security address-book global address-set nets-b address net-b"
	echo "set security address-book global address-set nets-b address net-b6"
	echo "set applications application fz-udp protocol udp destination-port 5000-5010"
	echo "set security flow tcp-session tcp-initial-timeout 20"
	cfg_policy trust untrust allow-out permit
	for i in $(seq 1 60); do
		P="set security policies from-zone untrust to-zone trust policy f$i"
		echo "$P match source-address any"
		echo "$P match destination-address nets-b"
		echo "$P match application fz-udp"
		echo "$P then deny"
	done
	echo "set security policies default-policy deny-all"
} >"$BASE"
chmod 644 "$BASE"
load_config "$R" "$BASE" || ktap_bail "cannot load the base configuration"

# SESSION_GET filters the module refuses (attributes in hex): a prefix
# length without an address (SRC_PLEN 8), a 5-byte source address.
check_eq "SESSION_GET with SRC_PLEN and no SRC is refused with a message" \
	"reply: error -22 EINVAL: prefix length without an address" \
	"$(ip netns exec "$R" "$NLFUZZ" --send SESSION_GET:0500130008000000 2>&1)"
check_eq "SESSION_GET with a 5-byte SRC is refused with a message" \
	"reply: error -22 EINVAL: address must be 4 or 16 bytes" \
	"$(ip netns exec "$R" "$NLFUZZ" --send SESSION_GET:090004000a00020100000000 2>&1)"

# Traffic through the router for the whole run.
bg "$A" ping -q -i 0.01 -W 1 "$B_IP4"
bg "$A" ping -q -i 0.02 -W 1 "$B_IP6"

# run_fuzz NAME SEED COUNT [ARGS...]: one nlfuzz run inside R, one test
# point.
run_fuzz()
{
	local name=$1 seed=$2 n=$3 out rc

	shift 3
	out=$FS_TMP/fuzz.$name
	ip netns exec "$R" "$@" --seed "$seed" --count "$n" >"$out" 2>&1
	rc=$?
	# failures, notes and the summary, for the record
	{
		grep -E '^# (FAIL|note|cross-check)' "$out" | head -n 60
		sed -n '/^# nlfuzz: [0-9]* messages in/,$p' "$out"
	} | sed 's/^# //' | ktap_diag_file
	if [ $rc -eq 0 ] && grep -q '^# oracle failures: 0$' "$out"; then
		ktap_pass "nlfuzz $name: $n messages, no oracle failure"
	else
		ktap_diag "nlfuzz $name exited $rc"
		tail -n 5 "$out" | ktap_diag_file
		ktap_fail "nlfuzz $name: $n messages, no oracle failure"
	fi
}

# The read-only racer checks single messages only (--no-state): the
# configuration moves under it.
RO=CONFIG_GET,IFSTATS_GET,STATS_GET,SESSION_GET,POLICY_STATS_GET,SCREEN_STATS_GET
ip netns exec "$R" "$FS_TMP/nlfuzz" --no-state --ops "$RO" --seed $((SEED + 3)) \
	--count $((N_ROOT / 2)) >"$FS_TMP/fuzz.ro" 2>&1 &
ro_pid=$!
run_fuzz root "$SEED" "$N_ROOT" "$FS_TMP/nlfuzz" --reload-loop 100
wait "$ro_pid"
rc=$?
{
	grep -E '^# FAIL' "$FS_TMP/fuzz.ro" | head -n 40
	sed -n '/^# nlfuzz: [0-9]* messages in/,/^# strategies/p' "$FS_TMP/fuzz.ro"
} | sed 's/^# //' | ktap_diag_file
check_eq "nlfuzz read-only racer: $((N_ROOT / 2)) messages, no oracle failure" \
	"0 0" "$rc $(sed -n 's/^# oracle failures: //p' "$FS_TMP/fuzz.ro")"

# The unprivileged runs must leave R's configuration as it is now.
load_config "$R" "$BASE" || ktap_diag "reloading the base configuration failed"
"$FLOWSTAT" -n "$R" show configuration >"$FS_TMP/conf.before" 2>&1

NOBODY=(setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all)
run_fuzz nobody $((SEED + 1)) "$N_USER" "${NOBODY[@]}" "$FS_TMP/nlfuzz"

if ip netns exec "$R" "${NOBODY[@]}" unshare -Urn true 2>/dev/null; then
	run_fuzz userns $((SEED + 2)) "$N_NS" "${NOBODY[@]}" "$FS_TMP/nlfuzz" --userns
else
	ktap_skip "nlfuzz userns: $N_NS messages, no oracle failure" \
		"unprivileged user namespaces are disabled"
fi

"$FLOWSTAT" -n "$R" show configuration >"$FS_TMP/conf.after" 2>&1
check_eq "R's configuration is unchanged by the unprivileged runs" same \
	"$(cmp -s "$FS_TMP/conf.before" "$FS_TMP/conf.after" && echo same)"

# Traffic: the floods still pass, and a fixed ping counts exactly.
kill "${FS_BG_PIDS[@]}" 2>/dev/null
wait "${FS_BG_PIDS[@]}" 2>/dev/null
FS_BG_PIDS=()
load_config "$R" "$BASE"
check_eq "the base configuration loads after the fuzzing" 0 "$?"
check_eq "ping A -> B passes after the fuzzing" 5 \
	"$(ping_rx "$A" -c 5 "$B_IP4")"
settle
counters_snapshot "$FS_TMP/before.json"
stats_snapshot "$FS_TMP/sbefore.json"
check_eq "ping -c 10 A -> B: 10 replies" 10 "$(ping_rx "$A" -c 10 "$B_IP4")"
settle
counters_snapshot "$FS_TMP/after.json"
assert_deltas "$FS_TMP/before.json" "$FS_TMP/after.json" \
	"$(ping_transit_deltas "$IF_TRUST" "$IF_UNTRUST" 10 84)" \
	"the counters move exactly for 10 echo requests and replies"

ktap_finished
