#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The text layout of `show interfaces IF` (cli.md, Junos-compatible): the
# expected text is built here from the -j values with the formats the
# contract gives, and must match the tool's output byte for byte (the
# transit rates are taken from the text: they move on their own).
#
#   A (trust: ping ssh) ---- ge-0/0/0 [eth0] R [eth1] ge-0/0/1 ---- B (untrust)
#                                     [eth2] ge-0/0/2 ---- C (no zone)
#
# Traffic: A -> B ping -c 3 (transit), A -> R ping -c 2 (self),
# B -> A ping -c 2 (policy denied), C -> R ping -c 3 (no zone).

source "$(dirname "$0")/lib.sh"

fs_init
require_cmd diff
ktap_set_plan 11

setup_router_topology || ktap_bail "cannot build the topology"
{
	cfg_zone trust "$IF_TRUST"
	cfg_services trust ping ssh
	cfg_zone untrust "$IF_UNTRUST"
	cfg_policy trust untrust allow-out permit
} | load_config "$R" || ktap_bail "cannot load the configuration"

ping_rx "$A" -c 3 "$B_IP4" >/dev/null
ping_rx "$A" -c 2 "$R_A_IP4" >/dev/null
ping_rx "$B" -c 2 "$A_IP4" >/dev/null
ping_rx "$C" -c 3 "$R_C_IP4" >/dev/null
settle

FLOW_IN="Self packets :|self_packets
ICMP packets :|icmp_packets
VPN packets :|vpn_packets
Multicast packets :|multicast_packets
Bytes permitted by policy :|bytes_permitted_by_policy
Connections established :|connections_established"
FLOW_OUT="Multicast packets :|multicast_packets
Bytes permitted by policy :|bytes_permitted_by_policy"
FLOW_ERR="Address spoofing:|address_spoofing
Authentication failed:|authentication_failed
Incoming NAT errors:|incoming_nat_errors
Invalid zone received packet:|invalid_zone_received_packet
Multiple user authentications:|multiple_user_authentications
Multiple incoming NAT:|multiple_incoming_nat
No parent for a gate:|no_parent_for_a_gate
No one interested in self packets:|no_one_interested_in_self_packets
No minor session:|no_minor_session
No more sessions:|no_more_sessions
No NAT gate:|no_nat_gate
No route present:|no_route_present
No SA for incoming SPI:|no_sa_for_incoming_spi
No tunnel found:|no_tunnel_found
No session for a gate:|no_session_for_a_gate
No zone or NULL zone binding|no_zone_or_null_zone_binding
Policy denied:|policy_denied
Security association not active:|security_association_not_active
TCP sequence number out of window:|tcp_sequence_number_out_of_window
Syn-attack protection:|syn_attack_protection
User authentication errors:|user_authentication_errors"

# expected JSON IF TEXT: the text `show interfaces IF` must print, from the
# JSON; transit rates are read back from TEXT.
expected()
{
	local json=$1 ifn=$2 text=$3 label key r i
	local io=("Input  bytes  :|input_bytes" "Output bytes  :|output_bytes"
		  "Input  packets:|input_packets" "Output packets:|output_packets")
	local units=(bps bps pps pps) rates

	# every value of the interface as KEY=VALUE, in one jq run
	local -A V
	while IFS='=' read -r key r; do
		V[$key]=$r
	done < <(jq -r --arg n "$ifn" "$FS_JQ_IF"' [ifsel($n)][0]
		| (paths(scalars) as $p | "\($p | map(tostring) | join("."))=\(getpath($p))"),
		  "zone=\(.zone)",
		  "host_inbound=\(.host_inbound | map(" " + .) | join(""))"' "$json")
	v() { echo "${V[${1#.}]}"; }
	mapfile -t rates < <(awk '/^  Transit statistics:$/ { t = 4; next }
		t > 0 { t--; if (match($0, / +[0-9]+ [bp]ps$/)) { s = substr($0, RSTART);
			sub(/^ +/, "", s); sub(/ .*/, "", s); print s } else print "?" }' "$text")

	printf 'Physical interface: %s, %s, Physical link is %s\n' "$(v .name)" \
		"$([ "$(v .enabled)" = true ] && echo Enabled || echo Disabled)" \
		"$([ "$(v .link_up)" = true ] && echo Up || echo Down)"
	printf '  Interface index: %s, Linux name: %s, MTU: %s\n' \
		"$(v .ifindex)" "$(v .linux_name)" "$(v .mtu)"
	printf '  Statistics last cleared: Never\n'
	printf '  Traffic statistics:\n'
	for i in "${io[@]}"; do
		printf '   %-15s%21s\n' "${i%|*}" "$(v ".traffic.${i#*|}")"
	done
	printf '  Local statistics:\n'
	for i in "${io[@]}"; do
		printf '   %-15s%21s\n' "${i%|*}" "$(v ".local.${i#*|}")"
	done
	printf '  Transit statistics:\n'
	for r in 0 1 2 3; do
		i=${io[r]}
		printf '   %-15s%21s%21s %s\n' "${i%|*}" "$(v ".transit.${i#*|}")" \
			"${rates[r]:-?}" "${units[r]}"
	done
	if [ "$(v .zone)" = null ]; then
		printf '    Security: Zone: Null\n'
	else
		printf '    Security: Zone: %s\n' "$(v .zone)"
		printf '    Allowed host-inbound traffic :%s\n' "$(v .host_inbound)"
	fi
	printf '    Flow Statistics :\n'
	printf '    Flow Input statistics :\n'
	while IFS='|' read -r label key; do
		printf '      %-35s%s\n' "$label" "$(v ".flow_input.$key")"
	done <<<"$FLOW_IN"
	printf '    Flow Output statistics:\n'
	while IFS='|' read -r label key; do
		printf '      %-35s%s\n' "$label" "$(v ".flow_output.$key")"
	done <<<"$FLOW_OUT"
	printf '    Flow error statistics (Packets dropped due to):\n'
	while IFS='|' read -r label key; do
		printf '      %-35s%s\n' "$label" "$(v ".flow_errors.$key")"
	done <<<"$FLOW_ERR"
}

# layout IF DESC: one test point, the text of IF against the expected text.
layout()
{
	local ifn=$1 t=$FS_TMP/text.$RANDOM

	counters_snapshot "$t.json"
	"$FLOWSTAT" -n "$R" show interfaces "$ifn" >"$t.txt" 2>&1
	# for an interface in no zone the contract says nothing about a
	# host-inbound line: leave it out of the comparison
	if [ "$(jq -r --arg n "$ifn" "$FS_JQ_IF"' [ifsel($n)][0].zone' "$t.json")" = null ]; then
		sed -i '/^    Allowed host-inbound traffic/d' "$t.txt"
	fi
	expected "$t.json" "$ifn" "$t.txt" >"$t.expected"
	if diff -u "$t.expected" "$t.txt" >"$t.diff"; then
		ktap_pass "$2"
	else
		ktap_diag_file "$t.diff"
		ktap_fail "$2"
	fi
	cp "$t.txt" "$FS_TMP/last.txt"
}

layout "$IF_TRUST" "ge-0/0/0 (trust, transit and self traffic): layout exact"
cp "$FS_TMP/last.txt" "$FS_TMP/trust.txt"
layout "$IF_UNTRUST" "ge-0/0/1 (untrust, policy denied): layout exact"
layout "$IF_NOZONE" "ge-0/0/2 (no zone): layout exact, Security: Zone: Null"
cp "$FS_TMP/last.txt" "$FS_TMP/nozone.txt"

# Independent of the generator above: the values of the flow blocks start
# at column 41 counted from 0 (41 characters before them: 6 spaces and the
# label padded to 35), and the no-zone label has no colon.
check_eq "every flow counter value starts at column 41 (29 lines)" 29 \
	"$(awk '/^    Flow Input statistics :$/ { f = 1; next } f && /^      [^ ]/ &&
		substr($0, 41, 1) == " " && substr($0, 42) ~ /^[0-9]+$/ { n++ }
		END { print n + 0 }' "$FS_TMP/trust.txt")"
check_eq "'No zone or NULL zone binding' has no colon, value 3 at column 41" 1 \
	"$(grep -cxE '      No zone or NULL zone binding {7}3' "$FS_TMP/nozone.txt")"
check_eq "ge-0/0/0 says 'Security: Zone: trust'" 1 \
	"$(grep -cx '    Security: Zone: trust' "$FS_TMP/trust.txt")"

# Without IF: every interface, in ifindex order.
"$FLOWSTAT" -n "$R" show interfaces >"$FS_TMP/all.txt" 2>&1
counters_snapshot "$FS_TMP/all.json"
check_eq "show interfaces lists every interface in ifindex order" \
	"$(jq -r '.interfaces | sort_by(.ifindex) | map(.name) | join(" ")' "$FS_TMP/all.json")" \
	"$(sed -n 's/^Physical interface: \([^,]*\),.*/\1/p' "$FS_TMP/all.txt" | xargs)"

mask_rates()
{
	sed -E 's/[0-9]+ (bps|pps)$/R \1/' "$1"
}

# The four views, taken while nothing arrives: a background packet (an MLD
# report) between two of them would move a counter; taken again if the
# first view moved meanwhile.
for try in 1 2 3; do
	"$FLOWSTAT" -n "$R" show interfaces "$IF_TRUST" >"$FS_TMP/ref.txt" 2>&1
	"$FLOWSTAT" -n "$R" sh int "$IF_TRUST" >"$FS_TMP/short.txt" 2>&1
	"$FLOWSTAT" -n "$R" show interfaces flow-statistics "$IF_TRUST" >"$FS_TMP/fs.txt" 2>&1
	"$FLOWSTAT" -n "$R" show interfaces "$IF_TRUST.0" >"$FS_TMP/unit.txt" 2>&1
	"$FLOWSTAT" -n "$R" show interfaces "$IF_TRUST" >"$FS_TMP/ref2.txt" 2>&1
	cmp -s <(mask_rates "$FS_TMP/ref.txt") <(mask_rates "$FS_TMP/ref2.txt") && break
	ktap_diag "counters moved while the views were taken (try $try)"
	settle
done
check_eq "'sh int ge-0/0/0' prints the same as 'show interfaces ge-0/0/0'" same \
	"$(cmp -s <(mask_rates "$FS_TMP/ref.txt") <(mask_rates "$FS_TMP/short.txt") && echo same)"
check_eq "'show interfaces flow-statistics ge-0/0/0' prints the same" same \
	"$(cmp -s <(mask_rates "$FS_TMP/ref.txt") <(mask_rates "$FS_TMP/fs.txt") && echo same)"
check_eq "'show interfaces ge-0/0/0.0' prints the same" same \
	"$(cmp -s <(mask_rates "$FS_TMP/ref.txt") <(mask_rates "$FS_TMP/unit.txt") && echo same)"

"$FLOWSTAT" -n "$R" show interfaces ge-0/0/9 >/dev/null 2>"$FS_TMP/unknown.err"
rc=$?
check_eq "unknown interface: exit 1, error: interface 'ge-0/0/9' not found" "1 1" \
	"$rc $(grep -c "error: interface 'ge-0/0/9' not found" "$FS_TMP/unknown.err")"

ktap_finished
