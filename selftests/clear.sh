#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# clear interfaces statistics (IF|all): the flow counters and the device
# counters (shown relative to a baseline) of IF start again from zero, the
# time is recorded, nothing else changes.
#
#   A (trust: ping) ---- ge-0/0/0 [eth0] R [eth1] ge-0/0/1 ---- B (untrust)
#                                  [eth2] ge-0/0/2 ---- C (no zone)
#
# Traffic first (A -> B transit, A -> R local, C -> R no-zone drops) so that
# every interface has non-zero counters, then the clears.

source "$(dirname "$0")/lib.sh"

fs_init
ktap_set_plan 13

setup_router_topology || ktap_bail "cannot build the topology"
{
	cfg_zone trust "$IF_TRUST"
	cfg_services trust ping
	cfg_zone untrust "$IF_UNTRUST"
	cfg_policy trust untrust allow-out permit
} | load_config "$R" || ktap_bail "cannot load the configuration"

ping_rx "$A" -c 3 "$B_IP4" >/dev/null
ping_rx "$A" -c 2 "$R_A_IP4" >/dev/null
ping_rx "$C" -c 2 "$R_C_IP4" >/dev/null

# The flow counters (rates excluded) of IF in FILE, all zero?
FS_JQ_ZERO="$FS_JQ_IF"' [ifsel($n)][0]
	| [(.local, .transit, .flow_input, .flow_output, .flow_errors)
	   | to_entries[] | select(.key | test("_(bps|pps)$") | not) | .value]
	| (length > 0 and all(. == 0))'
flow_zero()
{
	jq -e --arg n "$2" "$FS_JQ_ZERO" "$1" >/dev/null
}

# Every interface's counters but IF's.
others()
{
	flatten_counters "$1" | awk -F '\t' -v n="$2" '$2 != n && $1 != n'
}

# Non-zero flow counters and device counters of IF in FILE?
counted()
{
	! flow_zero "$1" "$2" &&
	jq -e --arg n "$2" "$FS_JQ_IF"' [ifsel($n)][0].traffic
		| .input_packets > 0' "$1" >/dev/null
}

settle
counters_snapshot "$FS_TMP/before.json"
t0=$(date +%s)
check_rc "clear interfaces statistics ge-0/0/0 exits 0" 0 \
	"$FLOWSTAT" -n "$R" clear interfaces statistics "$IF_TRUST"
t1=$(date +%s)
counters_snapshot "$FS_TMP/after.json"

check_eq "ge-0/0/0: counters non-zero before the clear, every flow counter 0 after" "yes yes" \
	"$(counted "$FS_TMP/before.json" "$IF_TRUST" && echo yes) $(
	   flow_zero "$FS_TMP/after.json" "$IF_TRUST" && echo yes)"
check_eq "ge-0/0/0: device traffic counters read 0 after the clear" "0 0 0 0" \
	"$(jq -r --arg n "$IF_TRUST" "$FS_JQ_IF"' [ifsel($n)][0].traffic
		| "\(.input_bytes) \(.output_bytes) \(.input_packets) \(.output_packets)"' "$FS_TMP/after.json")"
TOTALS="$FS_JQ_IF"' [ifsel($n)][0].traffic
	| [.input_packets_total, .output_packets_total, .input_bytes_total, .output_bytes_total]
	| if all(type == "number" and . > 0) then tostring else "not all > 0: \(.)" end'
check_eq "ge-0/0/0: the raw *_total device counters (> 0) are not reset" \
	"$(jq -r --arg n "$IF_TRUST" "$TOTALS" "$FS_TMP/before.json")" \
	"$(jq -r --arg n "$IF_TRUST" "$TOTALS" "$FS_TMP/after.json")"
lc=$(jq -r --arg n "$IF_TRUST" "$FS_JQ_IF"' [ifsel($n)][0].last_cleared' "$FS_TMP/after.json")
check_eq "ge-0/0/0: last_cleared is the time of the clear" yes \
	"$([ "$lc" -ge "$t0" ] 2>/dev/null && [ "$lc" -le "$t1" ] && echo yes)"
check_eq "the other interfaces' counters are unchanged" same \
	"$(cmp -s <(others "$FS_TMP/before.json" "$IF_TRUST") <(others "$FS_TMP/after.json" "$IF_TRUST") && echo same)"
check_eq "the other interfaces' last_cleared stays null" "null null null" \
	"$(jq -r --arg n "$IF_TRUST" '[.interfaces[] | select(.name != $n) | .last_cleared | tostring] | join(" ")' "$FS_TMP/after.json")"

ping_rx "$A" -c 2 "$B_IP4" >/dev/null
counters_snapshot "$FS_TMP/again.json"
check_eq "ge-0/0/0 counts from zero again (transit in/out packets, connections)" "2 2 1" \
	"$(jvals "$FS_TMP/again.json" "$(ifc "$IF_TRUST" transit input_packets)" \
		"$(ifc "$IF_TRUST" transit output_packets)" \
		"$(ifc "$IF_TRUST" flow_input connections_established)")"

# By Linux name.
"$FLOWSTAT" -n "$R" clear interfaces statistics eth1 >/dev/null 2>&1
rc=$?
counters_snapshot "$FS_TMP/eth1.json"
check_eq "clear by Linux name (eth1): exit 0, ge-0/0/1 non-zero before, 0 after" "0 yes yes" \
	"$rc $(counted "$FS_TMP/again.json" eth1 && echo yes) $(
	   flow_zero "$FS_TMP/eth1.json" eth1 && echo yes)"

# Traffic on every interface again, then clear all.
ping_rx "$A" -c 2 "$B_IP4" >/dev/null
ping_rx "$C" -c 2 "$R_C_IP4" >/dev/null
settle
counters_snapshot "$FS_TMP/preall.json"
check_rc "clear interfaces statistics all exits 0" 0 \
	"$FLOWSTAT" -n "$R" clear interfaces statistics all
counters_snapshot "$FS_TMP/all.json"
check_eq "clear all: eth0-eth2 non-zero before; every interface's flow counters 0 after" \
	"yes yes yes; yes yes yes yes" \
	"$(for n in eth0 eth1 eth2; do
		counted "$FS_TMP/preall.json" "$n" && echo yes || echo "no($n)"
	   done | xargs); $(for n in $(jq -r '.interfaces[].linux_name' "$FS_TMP/all.json"); do
		flow_zero "$FS_TMP/all.json" "$n" && echo yes || echo "no($n)"
	   done | xargs)"
check_eq "clear all: every interface has last_cleared set" 0 \
	"$(jq '[.interfaces[] | select((.last_cleared | type) != "number")] | length' "$FS_TMP/all.json")"

check_rc "clear of an unknown interface exits 1" 1 \
	"$FLOWSTAT" -n "$R" clear interfaces statistics ge-0/0/9

ktap_finished
