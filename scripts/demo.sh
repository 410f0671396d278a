#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The flowstat demo: a router namespace between a trust host, an untrust
# host and a host on an interface bound to no zone, configured with
# examples/demo.conf, some traffic of each kind, then the router's
# `show interfaces` for ge-0/0/0 and ge-0/0/1, as on a gateway.
#
#   A (trust) ---- ge-0/0/0 [ R ] ge-0/0/1 ---- B (untrust)
#   10.0.1.2                  |                 10.0.2.2
#                        ge-0/0/2 (no zone)
#                             |
#                        C 10.0.3.2
#
#   FLOWSTAT=path/to/flowstat FLOWSTAT_KO=path/to/flowstat.ko scripts/demo.sh
#
# Loads FLOWSTAT_KO if flowstat is not loaded yet (and unloads it again at
# the end); removes everything it made on exit. Run as root.

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=../selftests/lib.sh
source "$top/selftests/lib.sh"

die()
{
	echo "demo: $*" >&2
	exit 1
}

[ "$(id -u)" -eq 0 ] || die "run as root"
for c in ip ping socat jq; do
	command -v "$c" >/dev/null 2>&1 || die "'$c' is not installed"
done
find_flowstat || die "flowstat not found: build it (make -C userspace) or set FLOWSTAT="

FS_TMP=$(mktemp -d /tmp/flowstat-demo.XXXXXX) || die "mktemp failed"
we_loaded=
demo_cleanup()
{
	fs_cleanup
	if [ -n "$we_loaded" ]; then
		sleep 1		# namespace teardown is asynchronous
		rmmod flowstat 2>/dev/null || echo "demo: rmmod flowstat failed" >&2
	fi
}
trap demo_cleanup EXIT
trap 'exit 130' INT TERM

"$FLOWSTAT" show interfaces >/dev/null 2>&1
if [ $? -eq 2 ]; then
	[ -n "$FLOWSTAT_KO" ] && [ -r "$FLOWSTAT_KO" ] ||
		die "flowstat.ko is not loaded; set FLOWSTAT_KO=path/to/flowstat.ko"
	deps=$(modinfo -F depends "$FLOWSTAT_KO" 2>/dev/null | tr ',' ' ')
	# shellcheck disable=SC2086
	[ -z "$deps" ] || modprobe -a $deps || die "cannot load $deps"
	insmod "$FLOWSTAT_KO" || die "insmod $FLOWSTAT_KO failed"
	we_loaded=1
	echo "== loaded $FLOWSTAT_KO on $(uname -r)"
fi

step()
{
	echo
	echo "== $*"
}

# run_ping NS ARGS...: ping, print its summary line.
run_ping()
{
	local ns=$1

	shift
	ip netns exec "$ns" ping -q -i 0.2 -W 1 "$@" 2>&1 | grep -E 'transmitted|unreachable' |
		sed 's/^/   /'
}

step "building the topology (namespaces, veth, addresses)"
setup_router_topology || die "cannot build the topology"
ip -n "$R" -br addr show | sed 's/^/   /'
echo "   aliases: eth0=$IF_TRUST eth1=$IF_UNTRUST eth2=$IF_NOZONE"

step "flowstat -n R load examples/demo.conf"
"$FLOWSTAT" -n "$R" load "$top/examples/demo.conf" || die "load failed"
"$FLOWSTAT" -n "$R" show configuration | sed 's/^/   /'
settle "$R" >/dev/null

step "permitted: A (trust) pings B (untrust) 5 times, IPv4 and IPv6 (policy allow-out)"
run_ping "$A" -c 5 "$B_IP4"
run_ping "$A" -c 5 "$B_IP6"

step "permitted: a TCP connection from A to B port 8080 (policy allow-out)"
tcp_sink "$B" 8080 "$FS_TMP/tcp.rx"
tcp_send "$A" "$B_IP4" 8080 "hello through the router" &&
	echo "   B received: $(head -n 1 "$FS_TMP/tcp.rx")"

step "denied: B (untrust) pings A (trust) 4 times (policy block-in)"
run_ping "$B" -c 4 "$A_IP4"

step "to the router: A pings R 3 times (trust allows ping)"
run_ping "$A" -c 3 "$R_A_IP4"

step "to the router: B tries ssh to R (untrust allows ping only)"
tcp_send "$B" "$R_B_IP4" 22 "ssh?" 2>/dev/null || echo "   no connection: no one interested"

step "no zone: C pings R 3 times through ge-0/0/2, bound to no zone"
run_ping "$C" -c 3 "$R_C_IP4"

settle "$R" >/dev/null
for ifn in "$IF_TRUST" "$IF_UNTRUST"; do
	step "flowstat -n R show interfaces $ifn"
	"$FLOWSTAT" -n "$R" show interfaces "$ifn"
done

step "flowstat -n R show interfaces $IF_NOZONE terse"
"$FLOWSTAT" -n "$R" show interfaces "$IF_NOZONE" terse

step "flowstat -n R show security flow statistics"
"$FLOWSTAT" -n "$R" show security flow statistics
