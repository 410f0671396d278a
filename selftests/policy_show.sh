#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# show security policies (text, hit-count, JSON) in the gateways' layout,
# the show configuration round trip of address books, applications and
# match lists, and a configuration with errors changing nothing. No
# traffic: one namespace, no links (bindings wait for their interfaces).

source "$(dirname "$0")/lib.sh"

fs_init
require_cmd cmp
ktap_set_plan 8

R=$(unique_ns R)
ip netns add "$R" || ktap_bail "cannot create a namespace"
FS_NETNS+=("$R")

source "$(dirname "$0")/policy_rules.sh"

rules permit-first | load_config "$R" || ktap_bail "cannot load the rule set"

# 1. show security policies, text and JSON.
"$FLOWSTAT" -n "$R" show security policies from-zone untrust to-zone trust >"$FS_TMP/sp.txt" 2>&1
check_eq "show security policies: zone pair header" "From zone: untrust, To zone: trust" \
	"$(sed -n 2p "$FS_TMP/sp.txt")"
check_eq "show security policies: a policy in the gateways' layout" \
	"  Policy: p-udp, State: enabled, Index: 3, Scope Policy: 0, Sequence number: 3|    Source addresses: srcB|    Destination addresses: net16|    Applications: udp-range|    Action: permit, count" \
	"$(grep -A4 '^  Policy: p-udp,' "$FS_TMP/sp.txt" | paste -sd '|')"
"$FLOWSTAT" -n "$R" show security policies hit-count >"$FS_TMP/hc.txt" 2>&1
check_eq "show security policies hit-count: a row and the total" \
	"0|Number of policy: 7" \
	"$(awk '$4 == "p-ssh" { print $5 }' "$FS_TMP/hc.txt")|$(tail -1 "$FS_TMP/hc.txt")"
check_eq "show security policies -j: matches as lists" '["srcB","srcB6"] ["hostA"] ["junos-ping"]' \
	"$("$FLOWSTAT" -n "$R" -j show security policies | jq -c -r '.policies[] | select(.name == "p-ping") | "\(.source_addresses) \(.destination_addresses) \(.applications)"')"

# 2. Round trip, and bad configuration changing nothing.
"$FLOWSTAT" -n "$R" show configuration >"$FS_TMP/run.0"
check_rc "show configuration loads back" 0 "$FLOWSTAT" -n "$R" load "$FS_TMP/run.0"
"$FLOWSTAT" -n "$R" show configuration >"$FS_TMP/run.1"
check_eq "show configuration round trip: byte-identical" ok "$(cmp -s "$FS_TMP/run.0" "$FS_TMP/run.1" && echo ok)"
{
	rules shadow
	echo "$P p-bad match source-address nosuch"
	echo "$P p-bad match destination-address any"
	echo "$P p-bad match application any"
	echo "$P p-bad then permit"
	echo "set applications application bad protocol udp destination-port 90-80"
} >"$FS_TMP/bad.conf"
"$FLOWSTAT" -n "$R" load "$FS_TMP/bad.conf" 2>"$FS_TMP/bad.err"
check_eq "bad config: load exits 1 naming both errors by FILE:LINE:COLUMN" "1 2" \
	"$? $(grep -cE "^$FS_TMP/bad.conf:[0-9]+:[0-9]+: error: (unknown address 'nosuch'|port range '90-80' is reversed)" "$FS_TMP/bad.err")"
"$FLOWSTAT" -n "$R" show configuration >"$FS_TMP/run.2"
check_eq "bad config: the running configuration is unchanged" ok "$(cmp -s "$FS_TMP/run.0" "$FS_TMP/run.2" && echo ok)"

ktap_finished
