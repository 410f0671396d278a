#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Runs the unit tests (tests/unit) and the command-line tests below, which
# need no kernel module: they check what the tool does when the module is
# missing, usage errors, and `check`. Prints one TAP stream.
set -u
cd "$(dirname "$0")/.."

FS=./flowstat
n=0
fail=0
tmp=$(mktemp -d /tmp/flowstat-test.XXXXXX)
ns=""
cleanup() {
	rm -rf "$tmp"
	[ -n "$ns" ] && ip netns del "$ns" 2>/dev/null
}
trap cleanup EXIT

result() {	# result OK|FAIL description
	n=$((n + 1))
	if [ "$1" = OK ]; then
		echo "ok $n - $2"
	else
		fail=$((fail + 1))
		echo "not ok $n - $2"
	fi
}

# The unit tests, renumbered into this stream.
while IFS= read -r line; do
	case "$line" in
	"ok "*" - "*)		result OK "${line#* - }" ;;
	"not ok "*" - "*)	result FAIL "${line#* - }" ;;
	"1.."*|"# "*" passed, "*" failed") ;;
	"# unit exit 0")	result OK "unit test binary ran to completion" ;;
	"# unit exit "*)	result FAIL "unit test binary ran to completion (${line#\# })" ;;
	*)			echo "$line" ;;
	esac
done < <(tests/unit 2>/dev/null; echo "# unit exit $?")

# expect DESCRIPTION STATUS STDOUT STDERR -- COMMAND...: exact outputs
expect() {
	local desc=$1 status=$2 want_out=$3 want_err=$4
	shift 5
	"$@" >"$tmp/out" 2>"$tmp/err" <"${STDIN:-/dev/null}"
	local st=$?
	if [ "$st" = "$status" ] && [ "$(cat "$tmp/out")" = "$want_out" ] &&
	   [ "$(cat "$tmp/err")" = "$want_err" ]; then
		result OK "$desc"
	else
		result FAIL "$desc"
		echo "# exit $st (want $status)"
		sed 's/^/# stdout: /' "$tmp/out"
		sed 's/^/# stderr: /' "$tmp/err"
		echo "# want stdout: $want_out"
		echo "# want stderr: $want_err"
	fi
}

NOKMOD="flowstat: the flowstat kernel module is not loaded (run 'modprobe flowstat')"

cat >"$tmp/good.conf" <<'CONF'
set security zones security-zone trust interfaces lo
set security zones security-zone untrust
set security policies from-zone trust to-zone untrust policy p1 match source-address any
set security policies from-zone trust to-zone untrust policy p1 match destination-address any
set security policies from-zone trust to-zone untrust policy p1 match application any
set security policies from-zone trust to-zone untrust policy p1 then permit
CONF
printf 'set security zones security-zone trust\nset security policies from-zone trust to-zone dmz policy p then deny\n' >"$tmp/bad.conf"
BAD_ERR="$tmp/bad.conf:2:47: error: unknown zone 'dmz'
$tmp/bad.conf:2:58: error: policy 'p' has no 'match source-address'
$tmp/bad.conf:2:58: error: policy 'p' has no 'match destination-address'
$tmp/bad.conf:2:58: error: policy 'p' has no 'match application'"

expect "check: good file" 0 "configuration check succeeds" "" -- $FS check "$tmp/good.conf"
expect "check: prefix 'che'" 0 "configuration check succeeds" "" -- $FS che "$tmp/good.conf"
expect "check: every error with FILE:LINE:COLUMN" 1 "" "$BAD_ERR" -- $FS check "$tmp/bad.conf"
STDIN="$tmp/bad.conf" expect "check -: errors name <stdin>" 1 "" \
	"${BAD_ERR//$tmp\/bad.conf/<stdin>}" -- $FS check -
expect "check: missing file" 1 "" "flowstat: cannot open '$tmp/none': No such file or directory" -- $FS check "$tmp/none"
expect "load: a bad file is refused before talking to the kernel" 1 "" "$BAD_ERR" -- $FS load "$tmp/bad.conf"
expect "show security flow session: unknown filter, by prefixes" 1 "" "flowstat: unknown filter 'colour', expected one of: source-prefix, destination-prefix, protocol, destination-port, interface" -- $FS sh sec fl sess summary colour red
expect "clear security flow session: bad protocol" 1 "" "flowstat: invalid protocol 'xyz', expected tcp, udp, icmp, icmp6 or a number" -- $FS clear security flow session protocol xyz
expect "clear security flow session: bad prefix" 1 "" "flowstat: invalid prefix '10.0.0.0/33', expected ADDRESS[/LENGTH]" -- $FS clear security flow session source-prefix 10.0.0.0/33
expect "clear security flow session: no words" 1 "" "usage: flowstat clear security flow session (all|FILTERS...)" -- $FS clear security flow session
expect "unsupported: auth" 1 "" "flowstat: 'auth' is not supported yet" -- $FS auth list
expect "unsupported: monitor interface" 1 "" "flowstat: 'monitor interface' is not supported yet" -- $FS monitor interface lo
expect "unsupported: --display xml" 1 "" "flowstat: '--display' is not supported yet" -- $FS --display xml show interfaces
expect "ambiguous prefix lists candidates" 1 "" "flowstat: ambiguous word 'c', candidates: clear, check" -- $FS c
expect "unknown word" 1 "" "flowstat: unknown word 'shw', expected one of: show, clear, load, check, auth, monitor, help" -- $FS shw
expect "incomplete command" 1 "" "flowstat: incomplete command 'show security', expected one of: flow, zones, policies, screen, nat, help" -- $FS show sec
expect "show security nat: pool needs all or a name" 1 "" "usage: flowstat show security nat source pool (all|NAME)" -- $FS sh sec nat so pool
expect "show security nat: summary takes no words" 1 "" "usage: flowstat show security nat destination summary" -- $FS sh sec nat de summary x
expect "show security nat: static has rules only" 1 "" "flowstat: unknown word 'pool' after 'show security nat static', expected one of: rule, help" -- $FS sh sec nat static pool all
expect "unknown interface" 1 "" "error: interface 'ge-0/0/9' not found" -- $FS show interfaces ge-0/0/9
expect "unknown interface (clear)" 1 "" "error: interface 'ge-0/0/9' not found" -- $FS clear interfaces statistics ge-0/0/9

$FS help >"$tmp/help" 2>&1
if [ $? = 0 ] && grep -q '^  show interfaces \[flow-statistics\] \[IF\] \[terse|extensive\]$' "$tmp/help" &&
   grep -q '^  load (FILE|-)$' "$tmp/help" && grep -q '^  monitor drops$' "$tmp/help"; then
	result OK "help lists all commands"
else
	result FAIL "help lists all commands"
fi
$FS show help >"$tmp/help" 2>&1
if [ $? = 0 ] && grep -q '^  show configuration$' "$tmp/help" && ! grep -q '^  load' "$tmp/help"; then
	result OK "show help lists what follows show"
else
	result FAIL "show help lists what follows show"
fi

if [ -d /sys/module/flowstat ]; then
	echo "# SKIP module-missing tests: the flowstat module is loaded"
else
	expect "module missing: show interfaces exits 2" 2 "" "$NOKMOD" -- $FS show interfaces
	expect "module missing: sh int lo terse" 2 "" "$NOKMOD" -- $FS sh int lo terse
	expect "module missing: -j show security flow statistics" 2 "" "$NOKMOD" -- $FS -j show security flow statistics
	expect "module missing: show security nat source rule all" 2 "" "$NOKMOD" -- $FS show security nat source rule all
	expect "module missing: show configuration" 2 "" "$NOKMOD" -- $FS show configuration
	expect "module missing: show security flow session" 2 "" "$NOKMOD" -- $FS show security flow session protocol tcp
	expect "module missing: load" 2 "" "$NOKMOD" -- $FS load "$tmp/good.conf"
	STDIN="$tmp/good.conf" expect "module missing: load -" 2 "" "$NOKMOD" -- $FS load -
	expect "module missing: clear interfaces statistics all" 2 "" "$NOKMOD" -- $FS clear interfaces statistics all
	expect "module missing: clear int stat lo" 2 "" "$NOKMOD" -- $FS clear int stat lo
fi

# -n NETNS: lookups happen inside the namespace (only lo exists there).
if [ "$(id -u)" = 0 ] && ip netns add "flowstat-unit-$$" 2>/dev/null; then
	ns="flowstat-unit-$$"
	host_if=$(ip -o link show | awk -F': ' '$2 != "lo" { sub(/@.*/, "", $2); print $2; exit }')
	if [ -n "$host_if" ]; then
		expect "-n NETNS: a host interface is not in the namespace" 1 "" \
			"error: interface '$host_if' not found" -- $FS -n "$ns" show interfaces "$host_if"
	fi
	ip -n "$ns" link set lo alias ge-0/0/7
	expect "-n NETNS + alias: an unknown name" 1 "" \
		"error: interface 'ge-0/0/8' not found" -- $FS -n "$ns" show interfaces ge-0/0/8
	if [ ! -d /sys/module/flowstat ]; then
		expect "-n NETNS: lo exists there (then: module missing)" 2 "" "$NOKMOD" -- $FS -n "$ns" show interfaces lo
		expect "-n NETNS: alias with unit resolves (then: module missing)" 2 "" "$NOKMOD" -- $FS -n "$ns" sh int ge-0/0/7.0
		expect "-n NETNS: clear by alias resolves (then: module missing)" 2 "" "$NOKMOD" -- $FS -n "$ns" clear int stat ge-0/0/7
	fi
else
	echo "# SKIP -n tests: needs root and ip netns"
fi
expect "-n: missing namespace" 1 "" "flowstat: cannot open network namespace 'flowstat-none-$$': No such file or directory" -- $FS -n "flowstat-none-$$" show interfaces

# The fuzz targets (make fuzz), a fixed number of inputs each.
if [ -x fuzz/config ] && [ -x fuzz/replies ]; then
	while IFS= read -r line; do
		case "$line" in
		"ok - "*)	result OK "${line#ok - }" ;;
		"not ok - "*)	result FAIL "${line#not ok - }" ;;
		*)		echo "$line" ;;
		esac
	done < <(fuzz/run.sh "${FUZZ_RUNS:-30000}")
else
	result FAIL "fuzz targets built (make fuzz)"
fi

echo "1..$n"
echo "# $((n - fail)) passed, $fail failed"
[ "$fail" = 0 ]
