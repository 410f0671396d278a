#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Configuration errors and the show configuration round trip.
#
#   A ---- ge-0/0/0 [ R ] ge-0/0/1 ---- B        (no traffic: configuration only)
#                   ge-0/0/2 ---- C
#
# Each bad file: `flowstat load` exits 1, stderr names FILE:LINE:COLUMN of
# the offending word (and the word), and the running configuration is
# byte-identical afterwards. `show configuration` loads back to itself.

source "$(dirname "$0")/lib.sh"

fs_init
require_cmd cmp
ktap_set_plan 43

setup_router_topology || ktap_bail "cannot build the topology"

# word_col LINE N: 1-based column of the N-th word of LINE.
word_col()
{
	awk -v n="$2" '{
		p = 1
		for (i = 1; i <= n; i++) {
			while (substr($0, p, 1) == " ") p++
			if (i == n) { print p; exit }
			while (p <= length($0) && substr($0, p, 1) != " ") p++
		}
	}' <<<"$1"
}

GOOD=$FS_TMP/good.conf
{
	echo "# a comment line, then a blank line"
	echo
	cfg_zone trust "$IF_TRUST"
	cfg_services trust ping ssh
	echo "set security zones security-zone trust host-inbound-traffic protocols bgp"
	cfg_zone untrust "$IF_UNTRUST"
	echo "set security zones security-zone untrust interfaces $IF_NOZONE.0 host-inbound-traffic system-services ssh"
	cfg_policy trust untrust allow-out permit
	cfg_policy untrust trust block deny
	cfg_policy untrust trust refuse reject
	echo "set security policies default-policy deny-all"
	# NAT of every kind, for the round trip through the kernel
	n="set security nat"
	echo "$n source pool sp address 203.0.113.8/30"
	echo "$n source pool sp port range 2000 to 2999"
	echo "$n source rule-set rs1 from zone trust to zone untrust rule r1 match source-address 10.0.1.0/24"
	echo "$n source rule-set rs1 from zone trust to zone untrust rule r1 then source-nat pool sp"
	echo "$n destination pool web address 10.0.3.2 port 80"
	echo "$n destination rule-set in1 from zone untrust rule d1 match destination-address 203.0.113.80/32"
	echo "$n destination rule-set in1 from zone untrust rule d1 then destination-nat pool web"
	echo "$n static rule-set st1 from zone untrust rule s1 match destination-address 203.0.113.100/32"
	echo "$n static rule-set st1 from zone untrust rule s1 then static-nat prefix 10.0.3.3/32"
} >"$GOOD"

check_rc "a valid configuration loads" 0 "$FLOWSTAT" -n "$R" load "$GOOD"
"$FLOWSTAT" -n "$R" show configuration >"$FS_TMP/running.0" 2>&1
check_eq "show configuration is not empty after a load" 1 \
	"$([ -s "$FS_TMP/running.0" ] && echo 1)"

# bad_config NAME LINE WORD_INDEX WORD: the file $FS_TMP/NAME.conf has its
# error on LINE (1-based) at the WORD_INDEX-th word, which is WORD.
bad_config()
{
	local name=$1 line=$2 widx=$3 word=$4 f=$FS_TMP/$1.conf col rc prefix

	if [ "$line" -gt 0 ] && [ "$widx" -gt 0 ]; then
		col=$(word_col "$(sed -n "${line}p" "$f")" "$widx")
	else
		line=1 col=1
	fi
	prefix="$f:$line:$col: error: "
	"$FLOWSTAT" -n "$R" load "$f" >"$FS_TMP/$name.out" 2>"$FS_TMP/$name.err"
	rc=$?
	check_eq "$name: load exits 1" 1 "$rc"
	if grep -F "$prefix" "$FS_TMP/$name.err" | grep -qF "$word"; then
		ktap_pass "$name: stderr names $line:$col and '$word'"
	else
		ktap_diag "$name: expected a line starting '$prefix' naming '$word', got:"
		ktap_diag_file "$FS_TMP/$name.err"
		ktap_fail "$name: stderr names $line:$col and '$word'"
	fi
	"$FLOWSTAT" -n "$R" show configuration >"$FS_TMP/running.$name" 2>&1
	if cmp -s "$FS_TMP/running.0" "$FS_TMP/running.$name"; then
		ktap_pass "$name: the running configuration is unchanged"
	else
		diff -u "$FS_TMP/running.0" "$FS_TMP/running.$name" | ktap_diag_file
		ktap_fail "$name: the running configuration is unchanged"
	fi
}

# Unknown word (line 2, word 6).
{
	cfg_zone trust "$IF_TRUST"
	echo "set security zones security-zone trust interfacez $IF_UNTRUST.0"
} >"$FS_TMP/unknown-word.conf"
bad_config unknown-word 2 6 interfacez

# Bad value: an action that does not exist (line 6, word 11).
{
	cfg_zone trust "$IF_TRUST"
	cfg_zone untrust "$IF_UNTRUST"
	cfg_policy trust untrust p1 allow
} >"$FS_TMP/bad-value.conf"
bad_config bad-value 6 11 allow

# Bad value: an unknown host-inbound service (line 2, word 8).
{
	cfg_zone trust "$IF_TRUST"
	cfg_services trust gopher
} >"$FS_TMP/bad-service.conf"
bad_config bad-service 2 8 gopher

# Unknown zone: the policy's to-zone is not configured; reported at the
# policy's first statement (line 2, word 7).
{
	cfg_zone trust "$IF_TRUST"
	cfg_policy trust dmz p1 permit
} >"$FS_TMP/unknown-zone.conf"
bad_config unknown-zone 2 7 dmz

# Unknown address: no address book entry "web-servers" (line 4, word 12).
{
	cfg_zone trust "$IF_TRUST"
	cfg_zone untrust "$IF_UNTRUST"
	cfg_policy trust untrust p1 permit | sed 's/destination-address any/destination-address web-servers/'
} >"$FS_TMP/unknown-address.conf"
bad_config unknown-address 4 12 web-servers

# Duplicate policy name: "p1" already names a trust -> untrust policy
# (line 7, word 9).
{
	cfg_zone trust "$IF_TRUST"
	cfg_zone untrust "$IF_UNTRUST"
	cfg_policy trust untrust p1 permit
	cfg_policy untrust trust p1 deny
} >"$FS_TMP/duplicate-policy.conf"
bad_config duplicate-policy 7 9 p1

# A statement of config.md this issue does not implement (line 2, word 6).
{
	cfg_zone trust "$IF_TRUST"
	echo "set security screen ids-option untrust-screen icmp flood"
} >"$FS_TMP/not-supported.conf"
bad_config not-supported 2 6 "not supported"

# NAT: a rule naming a pool that does not exist (line 3, word 18).
{
	cfg_zone trust "$IF_TRUST"
	cfg_zone untrust "$IF_UNTRUST"
	echo "set security nat source rule-set rs1 from zone trust to zone untrust rule r1 then source-nat pool nope"
} >"$FS_TMP/nat-unknown-pool.conf"
bad_config nat-unknown-pool 3 18 nope

# NAT: two source pools sharing addresses (line 4, word 8).
{
	cfg_zone trust "$IF_TRUST"
	echo "set security nat source pool a address 203.0.113.0/29"
	echo "set security nat source pool b address 203.0.113.4 to 203.0.113.9"
} >"$FS_TMP/nat-overlap.conf"
bad_config nat-overlap 3 8 overlaps

# NAT: a pool port range below 1024 (line 3, word 9).
{
	cfg_zone trust "$IF_TRUST"
	echo "set security nat source pool a address 203.0.113.1/32"
	echo "set security nat source pool a port range 80 to 90"
} >"$FS_TMP/nat-ports.conf"
bad_config nat-ports 3 9 80

# Empty file.
: >"$FS_TMP/empty.conf"
bad_config empty 0 0 "empty"

# check: validates, changes nothing.
check_rc "check of a bad file exits 1" 1 "$FLOWSTAT" -n "$R" check "$FS_TMP/unknown-word.conf"
{
	cfg_zone dmz "$IF_TRUST"
} >"$FS_TMP/other.conf"
check_rc "check of a valid file exits 0" 0 "$FLOWSTAT" -n "$R" check "$FS_TMP/other.conf"
"$FLOWSTAT" -n "$R" show configuration >"$FS_TMP/running.check" 2>&1
check_eq "check changed nothing" same \
	"$(cmp -s "$FS_TMP/running.0" "$FS_TMP/running.check" && echo same)"

# Round trip: the printed configuration loads back to the same output.
"$FLOWSTAT" -n "$R" show configuration >"$FS_TMP/rt.1" 2>&1
check_eq "show configuration is byte-identical when nothing changed" same \
	"$(cmp -s "$FS_TMP/running.0" "$FS_TMP/rt.1" && echo same)"
check_eq "show configuration prints the 9 NAT statements back" 9 \
	"$(grep -c '^set security nat ' "$FS_TMP/rt.1")"
check_rc "show configuration output loads (from stdin)" 0 \
	sh -c "'$FLOWSTAT' -n '$R' load - <'$FS_TMP/rt.1'"
"$FLOWSTAT" -n "$R" show configuration >"$FS_TMP/rt.2" 2>&1
if cmp -s "$FS_TMP/rt.1" "$FS_TMP/rt.2"; then
	ktap_pass "round trip: loading show configuration gives the same output"
else
	diff -u "$FS_TMP/rt.1" "$FS_TMP/rt.2" | ktap_diag_file
	ktap_fail "round trip: loading show configuration gives the same output"
fi
counters_snapshot "$FS_TMP/rt.json"
check_eq "round trip: zones and host-inbound survive (trust, untrust, [ssh] on ge-0/0/2)" \
	'trust untrust ["ssh"]' \
	"$(jq -r --arg n "$IF_TRUST" "$FS_JQ_IF"' [ifsel($n)][0].zone' "$FS_TMP/rt.json") $(
	   jq -r --arg n "$IF_UNTRUST" "$FS_JQ_IF"' [ifsel($n)][0].zone' "$FS_TMP/rt.json") $(
	   jq -c --arg n "$IF_NOZONE" "$FS_JQ_IF"' [ifsel($n)][0].host_inbound' "$FS_TMP/rt.json")"

ktap_finished
