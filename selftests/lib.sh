# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash disable=SC2034 # constants and results used by the scripts
#
# Shared helpers for the flowstat selftests: KTAP output, the standard
# router topology, traffic generators and exact counter assertions.
# Sourced by every test script; prints nothing when sourced.
#
# The standard topology (setup_router_topology):
#
#   +-----------+                +---------------------------+                +-----------+
#   | A (trust) |                |         R (router)        |                | B(untrust)|
#   |      eth0 +----------------+ eth0 ge-0/0/0  ge-0/0/1 eth1 +--------------+ eth0      |
#   | 10.0.1.2  |   10.0.1.0/24  | 10.0.1.1        10.0.2.1  |   10.0.2.0/24  | 10.0.2.2  |
#   | fd00:1::2 |   fd00:1::/64  | fd00:1::1      fd00:2::1  |   fd00:2::/64  | fd00:2::2 |
#   +-----------+                |                           |                +-----------+
#                                |      ge-0/0/2 eth2        |
#                                |      10.0.3.1 fd00:3::1   |
#                                +-------------+-------------+
#                                              | 10.0.3.0/24 fd00:3::/64
#                                        +-----+------+
#                                        | C (no zone)|
#                                        | eth0       |
#                                        | 10.0.3.2   |
#                                        | fd00:3::2  |
#                                        +------------+
#
# Every link also has link-local addresses fe80::1 (router side) and
# fe80::2 (host side). MAC addresses are fixed (02:00:00:00:0L:01 on the
# router, 02:00:00:00:0L:02 on the host of link L) so that every neighbour
# entry is static and no ARP/ND traffic appears while a test counts.
#
# Quiet IPv6: addresses are added with nodad, link-local addresses are
# static (addr_gen_mode none), no RA/RS, MLD unsolicited reports are sent
# within 10 ms of a join; `settle` then waits for silence.

# ---------------------------------------------------------------------------
# KTAP

KTAP_CNT_PASS=0
KTAP_CNT_FAIL=0
KTAP_CNT_SKIP=0
KTAP_TESTNO=0
KTAP_PLAN=

ktap_header()
{
	echo "TAP version 13"
}

ktap_set_plan()
{
	KTAP_PLAN=$1
	echo "1..$1"
}

ktap_diag()
{
	local l

	while IFS= read -r l; do
		echo "# $l"
	done <<<"$*"
}

# Diagnostic lines from a file or stdin (prefixed "# ").
ktap_diag_file()
{
	sed 's/^/# /' "${1:--}"
}

ktap_pass()
{
	KTAP_TESTNO=$((KTAP_TESTNO + 1))
	KTAP_CNT_PASS=$((KTAP_CNT_PASS + 1))
	echo "ok $KTAP_TESTNO $*"
}

ktap_fail()
{
	KTAP_TESTNO=$((KTAP_TESTNO + 1))
	KTAP_CNT_FAIL=$((KTAP_CNT_FAIL + 1))
	echo "not ok $KTAP_TESTNO $*"
}

# ktap_skip DESC REASON
ktap_skip()
{
	KTAP_TESTNO=$((KTAP_TESTNO + 1))
	KTAP_CNT_SKIP=$((KTAP_CNT_SKIP + 1))
	echo "ok $KTAP_TESTNO $1 # SKIP $2"
}

# ktap_result RC DESC: 0 passes, anything else fails.
ktap_result()
{
	local rc=$1

	shift
	if [ "$rc" -eq 0 ]; then
		ktap_pass "$@"
	else
		ktap_fail "$@"
	fi
}

ktap_print_totals()
{
	local s="# $KTAP_CNT_PASS passed, $KTAP_CNT_FAIL failed"

	[ "$KTAP_CNT_SKIP" -gt 0 ] && s="$s, $KTAP_CNT_SKIP skipped"
	echo "$s"
}

# Whole script skipped before any test point (kselftest exit code 4).
ktap_skip_all()
{
	echo "1..0 # SKIP $*"
	exit 4
}

# Abort: something the remaining test points depend on failed.
ktap_bail()
{
	echo "Bail out! $*"
	ktap_print_totals
	exit 1
}

ktap_finished()
{
	local rc=0

	if [ -n "$KTAP_PLAN" ] && [ "$KTAP_TESTNO" -ne "$KTAP_PLAN" ]; then
		echo "# planned $KTAP_PLAN test points, ran $KTAP_TESTNO"
		rc=1
	fi
	ktap_print_totals
	if [ "$KTAP_CNT_FAIL" -gt 0 ] || [ "$rc" -ne 0 ]; then
		exit 1
	fi
	if [ "$KTAP_CNT_PASS" -eq 0 ] && [ "$KTAP_CNT_SKIP" -gt 0 ]; then
		exit 4
	fi
	exit 0
}

# ---------------------------------------------------------------------------
# Simple checks, one test point each

# check_eq DESC EXPECTED ACTUAL
check_eq()
{
	if [ "$2" = "$3" ]; then
		ktap_pass "$1"
	else
		ktap_diag "$1: expected '$2', got '$3'"
		ktap_fail "$1"
	fi
}

# check_rc DESC EXPECTED_RC CMD...: runs CMD, compares its exit code.
check_rc()
{
	local desc=$1 want=$2 rc

	shift 2
	"$@" >"$FS_TMP/check_rc.out" 2>&1
	rc=$?
	if [ "$rc" -eq "$want" ]; then
		ktap_pass "$desc"
	else
		ktap_diag "$desc: '$*' exited $rc, expected $want"
		ktap_diag_file "$FS_TMP/check_rc.out"
		ktap_fail "$desc"
	fi
}

# ---------------------------------------------------------------------------
# Environment

FS_SELFTESTS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PYTHON=/usr/bin/python3

FS_TMP=
FS_NETNS=()
FS_BG_PIDS=()
FS_CLEANUP_CMDS=()

# The tool: $FLOWSTAT, else `flowstat` on PATH, else the build tree's.
find_flowstat()
{
	if [ -n "$FLOWSTAT" ]; then
		:
	elif command -v flowstat >/dev/null 2>&1; then
		FLOWSTAT=$(command -v flowstat)
	elif [ -x "$FS_SELFTESTS_DIR/../userspace/flowstat" ]; then
		FLOWSTAT=$FS_SELFTESTS_DIR/../userspace/flowstat
	fi
	if [ -n "$FLOWSTAT" ] && [ -x "$FLOWSTAT" ]; then
		FLOWSTAT=$(realpath "$FLOWSTAT")
		export FLOWSTAT
		return 0
	fi
	return 1
}

# require_cmd CMD...: skip the whole script if a tool is missing.
require_cmd()
{
	local c

	for c in "$@"; do
		command -v "$c" >/dev/null 2>&1 || ktap_skip_all "'$c' is not installed"
	done
}

require_scapy()
{
	"$PYTHON" -c 'import scapy.all' >/dev/null 2>&1 ||
		ktap_skip_all "$PYTHON cannot import scapy (python3-scapy)"
}

# Is flowstat.ko there? flowstat exits 2 when the kernel side is missing.
flowstat_module_loaded()
{
	"$FLOWSTAT" show interfaces >/dev/null 2>&1
	[ $? -ne 2 ]
}

# fs_init: header, tool and module checks, temporary directory, trap.
# Call first in every test; it skips (exit 4) when something is missing.
fs_init()
{
	ktap_header
	[ "$(id -u)" -eq 0 ] || ktap_skip_all "must be run as root"
	require_cmd ip jq ping timeout awk sed
	find_flowstat || ktap_skip_all "flowstat tool not found (set FLOWSTAT=)"
	"$FLOWSTAT" show interfaces >/dev/null 2>"/tmp/.fs_probe.$$"
	case $? in
	0) ;;
	2) rm -f "/tmp/.fs_probe.$$"
	   ktap_skip_all "flowstat.ko is not loaded ('flowstat show interfaces' exited 2)" ;;
	*) ktap_diag_file "/tmp/.fs_probe.$$"; rm -f "/tmp/.fs_probe.$$"
	   ktap_bail "'flowstat show interfaces' failed in the initial namespace" ;;
	esac
	rm -f "/tmp/.fs_probe.$$"
	FS_TMP=$(mktemp -d /tmp/flowstat-selftest.XXXXXX) || ktap_bail "mktemp failed"
	trap fs_cleanup EXIT
	trap 'exit 130' INT TERM
}

fs_cleanup()
{
	local i pid ns

	for ((i = ${#FS_CLEANUP_CMDS[@]} - 1; i >= 0; i--)); do
		eval "${FS_CLEANUP_CMDS[i]}" >/dev/null 2>&1
	done
	for pid in "${FS_BG_PIDS[@]}"; do
		kill "$pid" 2>/dev/null
	done
	for pid in "${FS_BG_PIDS[@]}"; do
		wait "$pid" 2>/dev/null
	done
	# What the background commands left behind (a forking server's
	# children) still holds this script's output open, and the runner
	# would wait on it forever: nothing outlives the test's namespaces.
	for ns in "${FS_NETNS[@]}"; do
		ip netns pids "$ns" 2>/dev/null
	done | xargs -r kill -9 2>/dev/null
	for ns in "${FS_NETNS[@]}"; do
		ip netns del "$ns" 2>/dev/null
	done
	[ -n "$FS_TMP" ] && rm -rf "$FS_TMP"
}

# defer CMD: run CMD (a string) at cleanup, before namespaces go away.
defer()
{
	FS_CLEANUP_CMDS+=("$*")
}

# bg NS CMD...: run CMD in the background inside NS; killed at cleanup.
# The pid is left in $BG_PID.
bg()
{
	local ns=$1

	shift
	ip netns exec "$ns" "$@" &
	BG_PID=$!
	FS_BG_PIDS+=("$BG_PID")
}

# A name no other test (or a parallel run of this one) uses.
unique_ns()
{
	echo "fst-$1-$$-$RANDOM"
}

# wait_until TIMEOUT_SECONDS CMD...: poll CMD every 0.1 s.
wait_until()
{
	local end=$((SECONDS + $1))

	shift
	while ! "$@" >/dev/null 2>&1; do
		[ "$SECONDS" -ge "$end" ] && return 1
		sleep 0.1
	done
	return 0
}

# lines_ge FILE N: FILE has at least N lines (for wait_until).
lines_ge()
{
	[ "$(wc -l <"$1")" -ge "$2" ]
}

# ---------------------------------------------------------------------------
# Topology

# Interface names used in configs and assertions (aliases on the router).
IF_TRUST=ge-0/0/0
IF_UNTRUST=ge-0/0/1
IF_NOZONE=ge-0/0/2

A_IP4=10.0.1.2	R_A_IP4=10.0.1.1
B_IP4=10.0.2.2	R_B_IP4=10.0.2.1
C_IP4=10.0.3.2	R_C_IP4=10.0.3.1
A_IP6=fd00:1::2	R_A_IP6=fd00:1::1
B_IP6=fd00:2::2	R_B_IP6=fd00:2::1
C_IP6=fd00:3::2	R_C_IP6=fd00:3::1
LL_R=fe80::1
LL_H=fe80::2

# MAC of link L (1 = A, 2 = B, 3 = C): router side and host side.
mac_r() { echo "02:00:00:00:0$1:01"; }
mac_h() { echo "02:00:00:00:0$1:02"; }

# ns_sysctls NS ROLE: quiet, deterministic IPv4/IPv6 settings. Must run
# before the namespace's links exist, so that "default" reaches them.
ns_sysctls()
{
	local ns=$1 role=$2 k

	ip netns exec "$ns" sysctl -qw \
		net.ipv6.conf.all.accept_ra=0 \
		net.ipv6.conf.default.accept_ra=0 \
		net.ipv6.conf.all.router_solicitations=0 \
		net.ipv6.conf.default.router_solicitations=0 \
		net.ipv6.conf.all.accept_dad=0 \
		net.ipv6.conf.default.accept_dad=0 \
		net.ipv6.conf.default.addr_gen_mode=1 \
		net.ipv6.conf.all.mldv2_unsolicited_report_interval=10 \
		net.ipv6.conf.default.mldv2_unsolicited_report_interval=10 \
		net.ipv6.conf.all.mldv1_unsolicited_report_interval=10 \
		net.ipv6.conf.default.mldv1_unsolicited_report_interval=10 \
		net.ipv4.conf.all.igmpv2_unsolicited_report_interval=10 \
		net.ipv4.conf.default.igmpv2_unsolicited_report_interval=10 \
		net.ipv4.conf.all.igmpv3_unsolicited_report_interval=10 \
		net.ipv4.conf.default.igmpv3_unsolicited_report_interval=10 \
		net.ipv4.conf.all.rp_filter=0 \
		net.ipv4.conf.default.rp_filter=0 || return 1
	if [ "$role" = router ]; then
		# Answer multicast/broadcast pings (multicast.sh).
		ip netns exec "$ns" sysctl -qw \
			net.ipv4.ip_forward=1 \
			net.ipv6.conf.all.forwarding=1 \
			net.ipv6.conf.default.forwarding=1 \
			net.ipv4.icmp_echo_ignore_broadcasts=0 \
			net.ipv6.icmp.echo_ignore_multicast=0 || return 1
	else
		# Hosts never answer multicast pings: a router-originated
		# multicast ping then has no replies to count.
		ip netns exec "$ns" sysctl -qw \
			net.ipv4.icmp_echo_ignore_broadcasts=1 \
			net.ipv6.icmp.echo_ignore_multicast=1 || return 1
	fi
}

# add_link R RDEV ALIAS HOST L: veth RDEV (router) <-> eth0 (host) for
# link number L (1..9), addresses 10.0.L.0/24 and fd00:L::/64.
add_link()
{
	local r=$1 rdev=$2 alias=$3 h=$4 l=$5

	ip -n "$r" link add "$rdev" address "$(mac_r "$l")" type veth \
		peer name eth0 netns "$h" address "$(mac_h "$l")" || return 1
	# One `ip -batch` per side: under TCG every exec costs.
	ip -n "$r" -batch - <<-EOF || return 1
		link set $rdev alias $alias
		link set $rdev addrgenmode none
		addr add 10.0.$l.1/24 dev $rdev
		addr add fd00:$l::1/64 dev $rdev nodad
		addr add $LL_R/64 dev $rdev nodad
		neigh add 10.0.$l.2 lladdr $(mac_h "$l") dev $rdev nud permanent
		neigh add fd00:$l::2 lladdr $(mac_h "$l") dev $rdev nud permanent
		neigh add $LL_H lladdr $(mac_h "$l") dev $rdev nud permanent
		link set $rdev up
	EOF
	ip -n "$h" -batch - <<-EOF || return 1
		link set eth0 addrgenmode none
		addr add 10.0.$l.2/24 dev eth0
		addr add fd00:$l::2/64 dev eth0 nodad
		addr add $LL_H/64 dev eth0 nodad
		neigh add 10.0.$l.1 lladdr $(mac_r "$l") dev eth0 nud permanent
		neigh add fd00:$l::1 lladdr $(mac_r "$l") dev eth0 nud permanent
		neigh add $LL_R lladdr $(mac_r "$l") dev eth0 nud permanent
		link set lo up
		link set eth0 up
		route add default via 10.0.$l.1 dev eth0
		route add default via fd00:$l::1 dev eth0
	EOF
}

# setup_router_topology [TAG]: builds the topology drawn at the top of
# this file and sets R, A, B, C to the namespace names. TAG makes a second
# topology's names distinct (netns_isolation.sh). Returns non-zero on error.
setup_router_topology()
{
	local tag=${1:-}

	R=$(unique_ns "R$tag")
	A=$(unique_ns "A$tag")
	B=$(unique_ns "B$tag")
	C=$(unique_ns "C$tag")
	for ns in "$R" "$A" "$B" "$C"; do
		ip netns add "$ns" || return 1
		FS_NETNS+=("$ns")
	done
	ns_sysctls "$R" router || return 1
	for ns in "$A" "$B" "$C"; do
		ns_sysctls "$ns" host || return 1
	done
	ip -n "$R" link set lo up || return 1
	add_link "$R" eth0 "$IF_TRUST" "$A" 1 || return 1
	add_link "$R" eth1 "$IF_UNTRUST" "$B" 2 || return 1
	add_link "$R" eth2 "$IF_NOZONE" "$C" 3 || return 1
	# veth carrier comes up asynchronously
	wait_until 5 topology_links_up "$R" || return 1
}

topology_links_up()
{
	[ -z "$(ip -n "$1" -br link show | awk '$1 != "lo" && $2 != "UP"')" ]
}

# ---------------------------------------------------------------------------
# flowstat wrappers

# load_config NS [FILE]: load FILE, or stdin (kept as a file so that errors
# name it). Prints the tool's stderr as diagnostics on failure.
load_config()
{
	local ns=$1 f=${2:-} rc

	if [ -z "$f" ]; then
		f=$FS_TMP/config.$RANDOM.conf
		cat >"$f"
	fi
	"$FLOWSTAT" -n "$ns" load "$f" 2>"$FS_TMP/load.err"
	rc=$?
	if [ $rc -ne 0 ]; then
		ktap_diag "flowstat -n $ns load $f exited $rc:"
		ktap_diag_file "$FS_TMP/load.err"
	fi
	return $rc
}

# counters_snapshot FILE [NS]: `flowstat -j show interfaces` of NS (R).
# Also writes FILE.flat (see flatten_counters): one jq run that validates
# the JSON too. Under TCG every process costs, jq most of all.
counters_snapshot()
{
	local f=$1 ns=${2:-$R}

	rm -f "$f.flat"
	if "$FLOWSTAT" -n "$ns" -j show interfaces >"$f" 2>"$f.err" &&
	   jq -r "$FS_JQ_FLAT" "$f" >"$f.flat" 2>>"$f.err" && [ -s "$f.flat" ]; then
		return 0
	fi
	ktap_diag "flowstat -n $ns -j show interfaces failed:"
	ktap_diag_file "$f.err"
	echo '{"interfaces":[]}' >"$f"
	: >"$f.flat"
	return 1
}

# stats_snapshot FILE [NS]: `flowstat -j show security flow statistics`.
stats_snapshot()
{
	local f=$1 ns=${2:-$R}

	if "$FLOWSTAT" -n "$ns" -j show security flow statistics >"$f" 2>"$f.err" &&
	   grep -q '"sessions"' "$f"; then
		return 0
	fi
	ktap_diag "flowstat -n $ns -j show security flow statistics failed:"
	ktap_diag_file "$f.err"
	echo '{}' >"$f"
	return 1
}

# jq definitions: an interface by Linux name, alias, or alias.0; one counter.
FS_JQ_IF='def ifsel($n): .interfaces[] | select(.linux_name == $n or .name == $n or (.name + ".0") == $n);
def ifc($n; $g; $k): [ifsel($n)][0][$g][$k];'

# ifc IF GROUP KEY: the jq expression of one interface counter, for jdeltas.
ifc()
{
	echo "ifc(\"$1\"; \"$2\"; \"$3\")"
}

# jdeltas BEFORE AFTER EXPR...: AFTER - BEFORE of each jq expression
# (".sessions.created", "$(ifc ge-0/0/0 transit input_packets)"), space
# separated, "missing" where a value is not a number; one jq run.
jdeltas()
{
	local b=$1 a=$2 prog='' e

	shift 2
	for e in "$@"; do
		prog="$prog${prog:+, }d($e)"
	done
	jq -rn --slurpfile b "$b" --slurpfile a "$a" "$FS_JQ_IF"'
		def d(f): ($a[0] | f) as $x | ($b[0] | f) as $y
			| if ($x | type) == "number" and ($y | type) == "number"
			  then $x - $y else "missing" end;
		['"$prog"'] | map(tostring) | join(" ")' 2>/dev/null || echo "missing"
}

# jvals FILE EXPR...: the values of jq expressions, space separated.
jvals()
{
	local f=$1 prog='' e

	shift
	for e in "$@"; do
		prog="$prog${prog:+, }($e)"
	done
	jq -r "$FS_JQ_IF"' ['"$prog"'] | map(tostring) | join(" ")' "$f" 2>/dev/null ||
		echo "missing"
}

# counter_get FILE IFNAME GROUP KEY
counter_get()
{
	jvals "$1" "$(ifc "$2" "$3" "$4") // \"missing\""
}

# counter_delta BEFORE AFTER IFNAME GROUP KEY: prints AFTER - BEFORE.
counter_delta()
{
	jdeltas "$1" "$2" "$(ifc "$3" "$4" "$5")"
}

# stats_delta BEFORE AFTER JQPATH (e.g. .sessions.created)
stats_delta()
{
	jdeltas "$1" "$2" "$3"
}

# Every counter of every interface as "linux_name<TAB>name<TAB>group.key<TAB>value",
# rates excluded (they move on their own).
FS_JQ_FLAT='.interfaces[] | . as $i
	| ("local", "transit", "flow_input", "flow_output", "flow_errors") as $g
	| ($i[$g] // {} | to_entries[])
	| select(.key | test("_(bps|pps)$") | not)
	| "\($i.linux_name)\t\($i.name)\t\($g).\(.key)\t\(.value)"'

# flatten_counters FILE: the lines above (cached by counters_snapshot).
flatten_counters()
{
	if [ -f "$1.flat" ]; then
		cat "$1.flat"
	else
		jq -r "$FS_JQ_FLAT" "$1"
	fi
}

# compare_deltas BEFORE AFTER GROUPREGEX SPEC: prints one line per counter
# whose delta differs from SPEC (entries "IF:group.key=N"; every counter not
# listed must not move). Only groups matching GROUPREGEX are compared.
compare_deltas()
{
	local before=$1 after=$2 groups=$3 spec=$4

	flatten_counters "$before" >"$FS_TMP/flat.before" || echo "cannot read $before"
	flatten_counters "$after" >"$FS_TMP/flat.after" || echo "cannot read $after"
	# shellcheck disable=SC2086 # split on any whitespace
	printf '%s\n' $spec | sed '/^$/d' >"$FS_TMP/flat.spec"
	awk -F '\t' -v groups="^($groups)\\." '
	FILENAME == ARGV[1] { b[$1 SUBSEP $3] = $4; alias[$1] = $2; lin[$2] = $1; next }
	FILENAME == ARGV[2] { a[$1 SUBSEP $3] = $4; alias[$1] = $2; lin[$2] = $1; next }
	{
		# spec entry IF:group.key=N
		n = index($0, ":"); m = index($0, "=")
		ifn = substr($0, 1, n - 1); k = substr($0, n + 1, m - n - 1)
		v = substr($0, m + 1)
		if (!(ifn in alias)) {
			i = ifn; sub(/\.0$/, "", i)
			if (i in lin) ifn = lin[i]
		}
		if (!((ifn SUBSEP k) in a)) {
			printf "%s: counter not found\n", $0
			next
		}
		e[ifn SUBSEP k] = v
	}
	END {
		for (x in a) {
			split(x, p, SUBSEP)
			if (p[2] !~ groups) continue
			if (!(x in b)) { printf "%s %s: missing before\n", alias[p[1]], p[2]; continue }
			if (a[x] !~ /^[0-9]+$/ || b[x] !~ /^[0-9]+$/) {
				printf "%s %s: not a number (%s, %s)\n", alias[p[1]], p[2], b[x], a[x]
				continue
			}
			d = a[x] - b[x]
			want = (x in e) ? e[x] : 0
			if (d != want)
				printf "%s(%s) %s: expected %+d, got %+d\n", alias[p[1]], p[1], p[2], want, d
		}
		for (x in b) {
			split(x, p, SUBSEP)
			if (p[2] ~ groups && !(x in a))
				printf "%s %s: missing after\n", alias[p[1]], p[2]
		}
	}' "$FS_TMP/flat.before" "$FS_TMP/flat.after" "$FS_TMP/flat.spec" >"$FS_TMP/flat.out" ||
		echo "internal error: comparing counters failed"
	sort "$FS_TMP/flat.out" | awk 'NR <= 30 { print } END { if (NR > 30) printf "... and %d more\n", NR - 30 }'
}

# assert_deltas BEFORE AFTER "IF:group.key=N ..." [DESC]: one test point.
# Every local/transit/flow counter on every interface must have moved by
# exactly the listed amount, or not at all.
assert_deltas()
{
	local desc=${4:-counters moved exactly as expected} out

	out=$(compare_deltas "$1" "$2" "local|transit|flow_input|flow_output|flow_errors" "$3")
	if [ -z "$out" ] && [ -s "$FS_TMP/flat.after" ]; then
		ktap_pass "$desc"
	else
		ktap_diag "$desc: expected" $3
		ktap_diag "${out:-no counters read}"
		ktap_fail "$desc"
	fi
}

# ping_transit_deltas IN OUT N BYTES: the assert_deltas expectation for N
# echo requests forwarded IN -> OUT and their N replies back, BYTES each at
# L3, in one session opened on IN.
ping_transit_deltas()
{
	local i=$1 o=$2 n=$3 b=$(($3 * $4)) x

	for x in "$i" "$o"; do
		echo "$x:transit.input_packets=$n $x:transit.input_bytes=$b"
		echo "$x:transit.output_packets=$n $x:transit.output_bytes=$b"
		echo "$x:flow_input.icmp_packets=$n"
		echo "$x:flow_input.bytes_permitted_by_policy=$b"
		echo "$x:flow_output.bytes_permitted_by_policy=$b"
	done
	echo "$i:flow_input.connections_established=1"
}

# assert_only_drops_moved BEFORE AFTER "IF:key=N ..." [DESC]: one test point.
# Every flow_errors counter on every interface unchanged except the listed
# ones, which moved by exactly N.
assert_only_drops_moved()
{
	local desc=${4:-only the expected drop counters moved} spec='' x out

	for x in $3; do
		spec="$spec ${x%%:*}:flow_errors.${x#*:}"
	done
	out=$(compare_deltas "$1" "$2" "flow_errors" "$spec")
	if [ -z "$out" ] && [ -s "$FS_TMP/flat.after" ]; then
		ktap_pass "$desc"
	else
		ktap_diag "$desc: expected ${3:-no drop}"
		ktap_diag "${out:-no counters read}"
		ktap_fail "$desc"
	fi
}

# settle [NS]: wait (at most 10 s) until NS's counters (the device's own
# and flowstat's) have not moved for 1 s, so that background IPv6 traffic
# (MLD reports after links come up) is over before a "before" snapshot.
settle_state()
{
	local out re='"(input|output)_(bps|pps)": *[0-9]+'

	if [ -n "$FLOWSTAT" ] &&
	   out=$("$FLOWSTAT" -n "$1" -j show interfaces 2>/dev/null) && [ -n "$out" ]; then
		# drop the rates (they decay on their own), in bash: no jq here
		while [[ $out =~ $re ]]; do
			out=${out//"${BASH_REMATCH[0]}"/}
		done
		printf '%s\n' "$out"
		return
	fi
	ip -n "$1" -s -j link show
}

settle()
{
	local ns=${1:-$R} prev='' cur now since deadline

	now=${EPOCHREALTIME/[.,]/}
	since=$now
	deadline=$((now + 10000000))
	while :; do
		cur=$(settle_state "$ns")
		now=${EPOCHREALTIME/[.,]/}
		if [ "$cur" != "$prev" ]; then
			prev=$cur
			since=$now
		elif [ $((now - since)) -ge 1000000 ]; then
			return 0
		fi
		if [ "$now" -ge "$deadline" ]; then
			ktap_diag "settle: counters in $ns still moving after 10 s"
			return 1
		fi
		sleep 0.1
	done
}

# ---------------------------------------------------------------------------
# Traffic

# ping_rx NS ARGS...: ping (0.05 s interval, 1 s wait when no reply comes),
# print the number of replies.
ping_rx()
{
	local ns=$1 n

	shift
	n=$(ip netns exec "$ns" ping -q -i 0.05 -W 1 "$@" 2>/dev/null |
		sed -n 's/.* \([0-9][0-9]*\) received.*/\1/p')
	echo "${n:-0}"
}

# snmp_get NS PROTO FIELD: a /proc/net/snmp counter (e.g. Icmp InEchos).
snmp_get()
{
	ip netns exec "$1" awk -v p="$2:" -v f="$3" '
		$1 == p && !h { for (i = 2; i <= NF; i++) if ($i == f) c = i; h = 1; next }
		$1 == p && h { print $c; exit }' /proc/net/snmp
}

# snmp6_get NS FIELD: a /proc/net/snmp6 counter (e.g. Icmp6InEchos).
snmp6_get()
{
	ip netns exec "$1" awk -v f="$2" '$1 == f { print $2 }' /proc/net/snmp6
}

# send_tcp_syn NS LINK SRC DST DPORT COUNT: COUNT TCP SYNs (scapy, at L2 with
# the topology's fixed MACs, so no ARP/ND is involved), source ports
# 40000, 40001, ... Host side of link LINK (1..3) to the router.
# IPv4 SYN = 40 bytes, IPv6 SYN = 60 bytes (no TCP options).
send_tcp_syn()
{
	local ns=$1 l=$2 src=$3 dst=$4 dport=$5 count=$6

	ip netns exec "$ns" "$PYTHON" - "$(mac_h "$l")" "$(mac_r "$l")" \
		"$src" "$dst" "$dport" "$count" <<'EOF'
import sys
from scapy.all import Ether, IP, IPv6, TCP, sendp
smac, dmac, src, dst, dport, count = sys.argv[1:7]
l3 = IPv6 if ":" in dst else IP
pkts = [Ether(src=smac, dst=dmac) / l3(src=src, dst=dst) /
        TCP(sport=40000 + i, dport=int(dport), flags="S", seq=1000 + i)
        for i in range(int(count))]
sendp(pkts, iface="eth0", verbose=0)
EOF
}

# udp_send NS DST DPORT COUNT SPORT [INTERVAL] [TOS]: COUNT datagrams of 32 bytes
# payload from one source port (one flow): 60 bytes each over IPv4, 80 over
# IPv6. Payload lines are "NNN...\n", so a receiver can count lines. TOS:
# the IPv4 TOS byte (IP_TOS).
udp_send()
{
	ip netns exec "$1" "$PYTHON" - "$2" "$3" "$4" "$5" "${6:-0.05}" "${7:-0}" <<'EOF'
import socket, sys, time
dst, dport, count, sport, ival = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
tos = int(sys.argv[6], 0)
fam = socket.AF_INET6 if ":" in dst else socket.AF_INET
s = socket.socket(fam, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
if tos and fam == socket.AF_INET:
    s.setsockopt(socket.IPPROTO_IP, socket.IP_TOS, tos)
s.bind(("::" if fam == socket.AF_INET6 else "0.0.0.0", sport))
for i in range(count):
    s.sendto(b"%031d\n" % i, (dst, dport))
    time.sleep(ival)
EOF
}

# udp_sink NS PORT FILE: background receiver, one line per datagram.
udp_sink()
{
	: >"$3"
	bg "$1" socat -u "UDP6-RECV:$2" "OPEN:$3,append"
	wait_until 5 port_listening "$1" u "$2"
}

# udp_echo NS PORT FILE: background UDP echo server (nat_udp.py) that
# appends "ADDR PORT" of each sender, as it sees it, to FILE. Python starts
# slowly under TCG on a loaded host: up to 30 s.
udp_echo()
{
	: >"$3"
	bg "$1" "$PYTHON" "$FS_SELFTESTS_DIR/nat_udp.py" serve "$2" "$3"
	wait_until 30 port_listening "$1" u "$2"
}

# tcp_sink NS PORT FILE: background listener appending what it receives.
tcp_sink()
{
	: >"$3"
	bg "$1" socat -u "TCP6-LISTEN:$2,reuseaddr,fork" "OPEN:$3,append"
	wait_until 5 port_listening "$1" t "$2"
}

# port_listening NS t|u PORT
port_listening()
{
	[ -n "$(ip netns exec "$1" ss -Hln"$2" "sport = :$3")" ]
}

# tcp_send NS DST PORT TEXT: one TCP connection carrying TEXT.
tcp_send()
{
	local addr=$2

	case $addr in *:*) addr="TCP6:[$addr]:$3" ;; *) addr="TCP4:$addr:$3" ;; esac
	printf '%s\n' "$4" | ip netns exec "$1" timeout 10 socat -u - "$addr,connect-timeout=3"
}

# ---------------------------------------------------------------------------
# Configuration snippets

# cfg_policy FROM TO NAME ACTION: the four statements of a match-any policy.
cfg_policy()
{
	local p="set security policies from-zone $1 to-zone $2 policy $3"

	echo "$p match source-address any"
	echo "$p match destination-address any"
	echo "$p match application any"
	echo "$p then $4"
}

# cfg_zone ZONE IF...: a zone and its interfaces (unit 0 form).
cfg_zone()
{
	local z=$1 i

	shift
	for i in "$@"; do
		echo "set security zones security-zone $z interfaces $i.0"
	done
}

# cfg_services ZONE SERVICE...: zone-wide host-inbound system-services.
cfg_services()
{
	local z=$1 s

	shift
	for s in "$@"; do
		echo "set security zones security-zone $z host-inbound-traffic system-services $s"
	done
}
