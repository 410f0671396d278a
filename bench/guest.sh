#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The benchmark's guest side, run by bench/run.sh inside one VM boot
# (bench/vm-icount.sh). Builds client - router - server namespaces and
# measures kernel pktgen's packet rate through the router for each case and
# mode; one line per measurement to $BENCH_OUT:
#
#   CASE MODE REP PPS SENT DELIVERED ATTEMPTS
#
# Environment (bench/run.sh sets them):
#   BENCH_OUT            result file (required)
#   BENCH_RULES          directory with flowstat.conf, nft.nft and the --fill variants
#   BENCH_CASES          cases, in order (default: warmup established oneway new denied scale);
#                        also sess1k sess100k sess1m (session scale, bare and
#                        flowstat only: one established flow with N live sessions);
#                        snat snatnew pool10 pool90 (source NAT, below)
#   BENCH_MODES          modes (default: bare nft flowstat)
#   BENCH_PACKETS        packets per measurement (default 30000)
#   BENCH_SCALE_PACKETS  packets per measurement of the scale case (default 3000)
#   BENCH_POOL_PACKETS   packets per measurement of pool10 and pool90 (default 2000)
#   BENCH_POOL           the pool of snat-pool.txt: "NAME ADDRESS PORTS"
#   BENCH_REPEATS        measurements per case and mode (default 3)
#   BENCH_IFACES         interface counts of the "ifread" case (default "10 1000")
#   BENCH_PROFILE        directory: after the measurements, run each case and
#                        mode once more under `perf record -e cpu-clock`
#                        and write perf's report there (not a figure: the
#                        sampling costs instructions too)
#   BENCH_SINK           host (default, the method of performance.md): the
#                        router forwards to the receiving host's MAC and the
#                        packet goes up its stack (UDP, no socket: dropped;
#                        ICMP port unreachable, rate-limited); otherhost: to a
#                        MAC nobody has, so the receiving host drops it on
#                        arrival (PACKET_OTHERHOST) and nothing answers
#   FLOWSTAT_KO, FLOWSTAT  the module and the tool
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../selftests/lib.sh
. "$here/../selftests/lib.sh"

out=${BENCH_OUT:?}
rules=${BENCH_RULES:?}
cases=${BENCH_CASES:-warmup established oneway new denied scale}
modes=${BENCH_MODES:-bare nft flowstat}
packets=${BENCH_PACKETS:-30000}
scale_packets=${BENCH_SCALE_PACKETS:-3000}
pool_packets=${BENCH_POOL_PACKETS:-2000}
read -r pool_name pool_addr pool_ports <<<"${BENCH_POOL:-bench-pool 10.0.99.1 60000}"
repeats=${BENCH_REPEATS:-3}
sink_mode=${BENCH_SINK:-host}
ifaces=${BENCH_IFACES:-10 1000}
FLOWSTAT=${FLOWSTAT:?}
FLOWSTAT_KO=${FLOWSTAT_KO:?}

CL=bench-cl RT=bench-rt SV=bench-sv
SINK1=02:00:00:00:01:99 SINK2=02:00:00:00:02:99

log() { echo "guest: $*" >&2; }
die() { log "FATAL: $*"; exit 1; }

cleanup() {
	ip netns del $CL 2>/dev/null
	ip netns del $RT 2>/dev/null
	ip netns del $SV 2>/dev/null
	grep -q '^flowstat ' /proc/modules && rmmod flowstat
}
trap cleanup EXIT

# --- modules, loaded up front so that nothing loads mid-measurement -------
modprobe pktgen || die "modprobe pktgen"
# global before 6.2, per namespace after (topo_up sets them there too)
sysctl -qw net.ipv4.icmp_msgs_per_sec=0 net.ipv4.icmp_msgs_burst=0
modprobe -a nf_conntrack nf_tables nft_ct nf_defrag_ipv4 nf_defrag_ipv6 \
	nf_nat nft_chain_nat nft_masq nft_nat ||
	die "modprobe netfilter modules"
# Default on a 2 GB guest: 65,536 entries; a roomy table whatever
# --packets says.
sysctl -qw net.netfilter.nf_conntrack_max=1048576 || die "nf_conntrack_max"
deps=$(modinfo -F depends "$FLOWSTAT_KO" | tr ',' ' ')
[ -z "$deps" ] || modprobe -a $deps || die "modprobe $deps"
grep -q '^flowstat ' /proc/modules && rmmod flowstat

# --- topology (lib.sh's links: fixed MACs, permanent neighbours) ----------
#   CL eth0 10.0.1.2 -- eth0 10.0.1.1 RT 10.0.2.1 eth1 -- eth0 10.0.2.2 SV
# Built afresh for every measurement and torn down after it, so that each
# starts from the same state: no sessions or conntrack entries left by an
# earlier one (their expiry and garbage collection would land in a later
# measurement at a time that depends on how long the host took to serve
# the guest's file reads: the guest clock leaps over idle time).
topo_up() {
	local ns
	for ns in $CL $RT $SV; do
		ip netns add $ns || return 1
	done
	ns_sysctls $RT router && ns_sysctls $CL host && ns_sysctls $SV host || return 1
	# No ICMP errors (port unreachable from the server, net unreachable from
	# the router): rate-limited by a token bucket refilled by the clock,
	# they made the cost of a run depend on when it ran.
	for ns in $CL $RT $SV; do
		ip netns exec $ns sysctl -qw net.ipv4.icmp_msgs_per_sec=0 \
			net.ipv4.icmp_msgs_burst=0 2>/dev/null
	done
	ip -n $RT link set lo up || return 1
	add_link $RT eth0 ge-0/0/0 $CL 1 || return 1
	add_link $RT eth1 ge-0/0/1 $SV 2 || return 1
	wait_until 5 topology_links_up $RT || return 1
	# run.sh --screen: the "new" case's sources (10.1.0.0/16) are behind
	# the client, or the ip-spoofing screen would rightly drop them all.
	if [ -n "${BENCH_SCREEN:-}" ]; then
		ip -n $RT route add 10.1.0.0/16 via 10.0.1.2 dev eth0 || return 1
	fi
	sink
}
topo_down() {
	ip netns del $CL
	ip netns del $RT
	ip netns del $SV
}
# Lets deferred work (namespace cleanup, RCU callbacks, table resizes)
# finish before a measurement: the guest idles, and its clock leaps.
quiesce() {
	sleep 2
}
# BENCH_SINK=otherhost: the router forwards to the hosts' MACs only while a
# flow is primed; while pktgen runs it forwards to a MAC nobody has.
sink() {
	[ "$sink_mode" = host ] && return 0
	ip -n $RT -batch - <<-EOS
		neigh replace 10.0.1.2 lladdr $SINK1 dev eth0 nud permanent
		neigh replace 10.0.2.2 lladdr $SINK2 dev eth1 nud permanent
	EOS
}
unsink() {
	[ "$sink_mode" = host ] && return 0
	ip -n $RT -batch - <<-EOS
		neigh replace 10.0.1.2 lladdr $(mac_h 1) dev eth0 nud permanent
		neigh replace 10.0.2.2 lladdr $(mac_h 2) dev eth1 nud permanent
	EOS
}

rx_packets() {
	ip netns exec "$1" cat /sys/class/net/eth0/statistics/rx_packets
}

# pg NS COUNT SRC DST DSTMAC SPORT_MIN SPORT_MAX DPORT [SRC_MAX]: pktgen on
# NS's eth0; prints "PPS SENT". Source ports run from SPORT_MIN up, one per
# packet, wrapping before SPORT_MAX (pktgen's range without UDPSRC_RND).
pg() {
	ip netns exec "$1" bash -s -- "$@" <<-'EOS'
		ns=$1 count=$2 src=$3 dst=$4 dmac=$5 smin=$6 smax=$7 dport=$8
		srcmax=${9:-$3}
		pgw() {
			echo "$2" >"$1" 2>/dev/null
			grep -q '^Result: OK' "$1" || {
				echo "pktgen: '$2': $(grep '^Result' "$1")" >&2
				exit 1
			}
		}
		t=/proc/net/pktgen/kpktgend_0 d=/proc/net/pktgen/eth0
		pgw $t rem_device_all
		pgw $t "add_device eth0"
		for c in "count $count" "clone_skb 0" "pkt_size 64" "delay 0" \
			"src_min $src" "src_max $srcmax" "dst $dst" "dst_mac $dmac" \
			"udp_src_min $smin" "udp_src_max $smax" \
			"udp_dst_min $dport" "udp_dst_max $dport"; do
			pgw $d "$c"
		done
		echo start >/proc/net/pktgen/pgctrl
		r=$(sed -n '/^Result: OK/,$p' $d | tr '\n' ' ')
		pps=$(sed -n 's/.* \([0-9][0-9]*\)pps .*/\1/p' <<<"$r")
		sent=$(sed -n 's/^Result: OK: [^,]*, \([0-9][0-9]*\) .*/\1/p' <<<"$r")
		[ -n "$pps" ] && [ -n "$sent" ] || { echo "pktgen: no result: $(cat $d)" >&2; exit 1; }
		pgw $t rem_device_all
		echo "$pps $sent"
	EOS
}

# prime SPORT: one datagram client -> server and its reply, so that a
# stateful firewall has seen both directions of the flow.
prime() {
	local sport=$1 reply spid try
	unsink
	for try in 1 2 3; do
		ip netns exec $SV timeout 30 socat -T 3 UDP4-RECVFROM:9,reuseaddr EXEC:cat &
		spid=$!
		wait_until 10 port_listening $SV u 9
		reply=$(echo ping | ip netns exec $CL timeout 30 socat -T 3 - "UDP4:10.0.2.2:9,sourceport=$sport")
		wait $spid 2>/dev/null
		[ "$reply" = ping ] && break
		log "prime $sport: no reply ('$reply'), try $try"
	done
	sink
	[ "$reply" = ping ]
}

# --- modes ------------------------------------------------------------------
# mode_start MODE SUFFIX: the firewall of MODE, with the ruleset
# flowstat$SUFFIX.conf or nft$SUFFIX.nft ("" or ".fill").
mode_start() {
	case $1 in
	bare) ;;
	nft)
		ip netns exec $RT nft -f "$rules/nft$2.nft" || { log "nft -f nft$2.nft failed"; return 1; }
		# the pool's fill must stay, as flowstat's udp-session timeout
		# keeps it (one-way UDP: conntrack's "unreplied" timeout), and
		# snatnew's entries until guest-nat.sh has counted them (30 s
		# of guest time pass quickly while files come from the host)
		if [ "$2" = .pool ] || [ "$2" = .snat ]; then
			ip netns exec $RT sysctl -qw net.netfilter.nf_conntrack_udp_timeout=86400 ||
				{ log "nf_conntrack_udp_timeout"; return 1; }
		fi
		;;
	flowstat)
		insmod "$FLOWSTAT_KO" || { log "insmod $FLOWSTAT_KO failed"; return 1; }
		"$FLOWSTAT" -n $RT load "$rules/flowstat$2.conf" >/dev/null ||
			{ log "flowstat load flowstat$2.conf failed"; return 1; }
		;;
	esac
}
# nft's table and conntrack entries go with the router namespace.
mode_stop() {
	case $1 in
	flowstat) rmmod flowstat || die "rmmod flowstat" ;;
	esac
}

# --- cases ------------------------------------------------------------------
# measure CASE K [COUNT]: one pktgen run of CASE; K (the measurement number)
# gives it flows of its own. Prints "PPS SENT". COUNT (NAT cases) sends the
# first COUNT packets of the same run again: nat_wire's sample.
measure() {
	local case=$1 k=$2
	case $case in
	warmup | oneway)
		pg $CL "$packets" 10.0.1.2 10.0.2.2 "$(mac_r 1)" $((30000 + k)) $((30000 + k)) 9 ;;
	established)
		prime $((20000 + k)) >&2 || return 1
		pg $CL "$packets" 10.0.1.2 10.0.2.2 "$(mac_r 1)" $((20000 + k)) $((20000 + k)) 9 ;;
	sess1k | sess100k | sess1m)
		prime $((20000 + k)) >&2 || return 1
		pg $CL "$packets" 10.0.1.2 10.0.2.2 "$(mac_r 1)" $((20000 + k)) $((20000 + k)) 9 ;;
	snat)
		# (not again for nat_wire's sample: the flow is primed)
		[ -n "${3:-}" ] || prime $((20000 + k)) >&2 || return 1
		pg $CL "${3:-$packets}" 10.0.1.2 10.0.2.2 "$(mac_r 1)" $((20000 + k)) $((20000 + k)) 9 ;;
	new | snatnew)
		# a source address of its own: none of its 5-tuples seen before
		pg $CL "${3:-$packets}" "10.1.$((k / 250)).$((k % 250 + 1))" 10.0.2.2 "$(mac_r 1)" 10000 60000 9 ;;
	pool10 | pool90)
		pg $CL "${3:-$pool_packets}" "10.1.$((k / 250)).$((k % 250 + 1))" 10.0.2.2 "$(mac_r 1)" 10000 60000 9 ;;
	scale)
		pg $CL "$scale_packets" "10.1.$((k / 250)).$((k % 250 + 1))" 10.0.2.2 "$(mac_r 1)" 10000 60000 9 ;;
	denied)
		pg $SV "$packets" 10.0.2.2 10.0.1.2 "$(mac_r 2)" $((40000 + k)) $((40000 + k)) 9 ;;
	*) log "unknown case $case"; return 1 ;;
	esac
}

# Session scale: N live sessions before the measurement. pktgen steps the
# source address (21 of them) and port (50,000) together, one per packet:
# 21 and 50,000 are coprime, so up to 1,050,000 packets are all new
# 5-tuples. flowstat's configuration for these cases keeps idle UDP
# sessions for an hour.
sess_count() {
	case $1 in
	sess1k) echo 1000 ;;
	sess100k) echo 100000 ;;
	sess1m) echo 1000000 ;;
	*) echo 0 ;;
	esac
}
# pool_fill CASE: the pool's ports held by live sessions before the
# measurement (pool10: 10%, pool90: 90%; made as the session scale cases
# make theirs, from 10.3.0.1-21, never the measured burst's sources).
pool_fill() {
	case $1 in
	pool10) echo $((pool_ports / 10)) ;;
	pool90) echo $((pool_ports * 9 / 10)) ;;
	*) echo 0 ;;
	esac
}
# case_sfx CASE: the ruleset suffix of CASE (flowstat$SFX.conf, nft$SFX.nft)
case_sfx() {
	case $1 in
	scale) echo .fill ;;
	sess1k | sess100k | sess1m) echo .sess ;;
	snat | snatnew) echo .snat ;;
	pool10 | pool90) echo .pool ;;
	esac
}
prepare() {
	local case=$1 mode=$2 n r
	n=$(sess_count "$case")
	if [ "$(pool_fill "$case")" != 0 ]; then
		pool_prepare "$case" "$mode"
		return
	fi
	[ "$n" = 0 ] && return 0
	r=$(pg $CL "$n" 10.3.0.1 10.0.2.2 "$(mac_r 1)" 10000 59999 9 10.3.0.21) || return 1
	log "$case $mode: filled with $n packets (pktgen: $r)"
	if [ "$mode" = flowstat ]; then
		log "  sessions: $("$FLOWSTAT" -n $RT -j show security flow statistics |
			jq -c '.sessions | {current, maximum}')"
		log "  slab fs_session: object_size $(cat /sys/kernel/slab/fs_session/object_size)" \
			"slab_size $(cat /sys/kernel/slab/fs_session/slab_size)," \
			"fs_tcp: object_size $(cat /sys/kernel/slab/fs_tcp/object_size)" \
			"slab_size $(cat /sys/kernel/slab/fs_tcp/slab_size)"
		log "  slabinfo: $(grep -E '^(fs_session|fs_tcp) ' /proc/slabinfo | tr -s ' ' | tr '\n' ';')"
	fi
	quiesce
}

# flowstat's non-zero drop counters and session figures, to the log
why_dropped() {
	local d
	d=$("$FLOWSTAT" -n $RT -j show interfaces 2>&1 |
		jq -r '.interfaces[] | .name as $n | (.flow_errors // {}) | to_entries[]
			| select(.value != 0) | "\($n) \(.key)=\(.value)"' 2>&1 | tr '\n' ' ')
	[ -n "$d" ] && log "  flowstat drops: $d"
	log "  flowstat: $("$FLOWSTAT" -n $RT -j show security flow statistics 2>&1 | tr -d ' \n' | cut -c1-300)"
}

# one measurement: fresh topology and firewall, pktgen, teardown. Writes
# "CASE MODE REP PPS SENT DELIVERED ATTEMPTS". A run that loses packets
# (when softirq processing is deferred to ksoftirqd, pktgen fills the
# 1,000-packet backlog and the rest is dropped, cheaply: its rate then
# counts packets nobody forwarded) is measured again, up to 3 times.
run_one() {
	local case=$1 mode=$2 rep=$3 k=$4 rxns=$SV rx0 rx1 r sfx want try
	[ "$case" = denied ] && rxns=$CL
	sfx=$(case_sfx "$case")
	for try in 1 2 3; do
		topo_up || die "topology"
		if ! mode_start "$mode" "$sfx"; then
			r="0 0" rx0=0 rx1=0
		else
			quiesce
			prepare "$case" "$mode" || log "$case $mode: filling failed"
			rx0=$(rx_packets $rxns)
			if ! r=$(measure "$case" "$k"); then
				log "$case $mode #$rep failed"
				r="0 0"
			fi
			rx1=$(rx_packets $rxns)
			if [ "$mode" = flowstat ]; then why_dropped; fi
			# the NAT cases: did the router translate? (after the
			# figure; a failure fails the run, see guest-nat.sh)
			case $sfx in
			.snat | .pool) [ "${r%% *}" != 0 ] && nat_check "$case" "$mode" "$rep" "$k" "${r#* }" ;;
			esac
		fi
		mode_stop "$mode"
		topo_down
		want=${r#* }
		[ "$case" = established ] || [ "$case" = snat ] && want=$((want + 1))
		[ "$(sess_count "$case")" != 0 ] && want=$((want + 1))
		[ "$case" = denied ] && [ "$mode" != bare ] && want=0
		log "$case $mode #$rep: pps sent = $r, delivered $((rx1 - rx0)) of $want (attempt $try)"
		[ "${r%% *}" != 0 ] && [ $((rx1 - rx0)) = "$want" ] && break
		# nft drops what nf_nat finds no port for: not a backlog loss
		[ "${r%% *}" != 0 ] && [ "$mode" = nft ] && [ "$sfx" = .pool ] && break
	done
	echo "$case $mode $rep $r $((rx1 - rx0)) $try" >>"$out"
}

# Counter read (performance.md: `flowstat show interfaces` over 1,000
# interfaces, one netlink dump, <= 100 ms). The router namespace gets N
# dummy interfaces, every one in a zone (half trust, half untrust, as the
# configuration names them), on top of its two veths. Writes, per repeat,
# "ifread N FORMAT REP REAL_MS USER_MS SYS_MS REQUESTS SHOWN" (FORMAT text
# or json; SHOWN the interfaces it listed, N plus lo and the veths): the command's
# elapsed, user and system time in guest milliseconds (icount: elapsed
# includes the guest clock's leaps while files come from the host, user +
# sys does not) and the netlink requests it sent (strace, in a separate
# run: a count that does not grow with N shows one dump, not one request
# per interface).
ifread_one() {
	local n=$1 i conf=/tmp/ifread.conf t rep req j shown
	topo_up || die "topology"
	{
		for ((i = 0; i < n; i++)); do
			echo "link add d$i type dummy"
			echo "link set d$i up"
		done
	} | ip -n $RT -batch - || die "ifread: $n dummy interfaces"
	{
		cat "$rules/flowstat.conf"
		for ((i = 0; i < n; i++)); do
			echo "set security zones security-zone $( ((i % 2)) && echo untrust || echo trust) interfaces d$i"
		done
	} >$conf
	mode_start flowstat "" || die "ifread: flowstat"
	"$FLOWSTAT" -n $RT load $conf >/dev/null || die "ifread: load $n interfaces"
	# a little real traffic, so that the counters read are not all zero
	pg $CL 1000 10.0.1.2 10.0.2.2 "$(mac_r 1)" 30000 30000 9 >/dev/null ||
		die "ifread: pktgen"
	quiesce
	TIMEFORMAT='%R %U %S'
	for j in "" -j; do
		# the first read of the binary and its libraries comes from the host
		"$FLOWSTAT" $j -n $RT show interfaces >/dev/null || die "ifread: show interfaces $j"
		req=$(strace -f -qq -e trace=sendto,sendmsg -o /tmp/ifread.strace \
			"$FLOWSTAT" $j -n $RT show interfaces 2>&1 >/dev/null &&
			grep -c 'sendmsg\|sendto' /tmp/ifread.strace) || req=0
		if [ -n "$j" ]; then
			shown=$("$FLOWSTAT" -j -n $RT show interfaces | jq '.interfaces | length')
		else
			shown=$("$FLOWSTAT" -n $RT show interfaces | grep -c '^Physical interface')
		fi
		log "ifread $n$j: $shown interfaces shown, $req netlink requests:" \
			"$(grep -o 'nlmsg_type=[^,]*, nlmsg_flags=[^,]*' /tmp/ifread.strace | tr '\n' ';')"
		for ((rep = 1; rep <= repeats; rep++)); do
			t=$({ time "$FLOWSTAT" $j -n $RT show interfaces >/dev/null; } 2>&1) ||
				die "ifread: show interfaces $j"
			set -- $t
			echo "ifread $n $( [ -n "$j" ] && echo json || echo text) $rep" \
				"$(ms "$1") $(ms "$2") $(ms "$3") $req $shown" >>"$out"
		done
	done
	mode_stop flowstat
	topo_down
}
# seconds with 3 decimals (bash's `time`) -> whole milliseconds
ms() {
	local s=${1/,/.}
	echo $((10#${s%.*} * 1000 + 10#${s#*.}))
}
# shellcheck source=guest-syn.sh
. "$here/guest-syn.sh"
# shellcheck source=guest-nat.sh
. "$here/guest-nat.sh"

# The warm-up first, once; then case by case, each repeat measuring every
# mode in turn (bare, nft, flowstat, bare, nft, ...).
k=0
for case in $cases; do
	if [ "$case" = ifread ]; then
		for n in $ifaces; do
			ifread_one "$n"
		done
		continue
	fi
	[ "$case" = synflood ] && { syn_case; continue; }
	n=$repeats
	[ "$case" = warmup ] && n=1
	for ((rep = 1; rep <= n; rep++)); do
		for mode in $modes; do
			[ "$case" = warmup ] && [ "$mode" != bare ] && continue
			[ "$(sess_count "$case")" != 0 ] && [ "$mode" = nft ] && continue
			k=$((k + 1))
			run_one "$case" "$mode" "$rep" "$k"
		done
	done
done

# Profiles (BENCH_PROFILE): under icount the cpu-clock timer runs on the
# guest clock, which advances with instructions executed, so perf's
# samples fall in proportion to the instructions each function executes;
# no PMU is needed.
profile_one() {
	local case=$1 mode=$2 k=$3 sfx f
	f=$BENCH_PROFILE/$case-$mode-$(uname -r)
	sfx=$(case_sfx "$case")
	topo_up || die "topology"
	mode_start "$mode" "$sfx" || die "profile: $mode"
	quiesce
	prepare "$case" "$mode" || log "$case $mode: filling failed"
	# perf takes seconds to start under TCG: record only between the
	# "enable" and "disable" commands of its control FIFO (on tmpfs: the
	# repo share has no FIFOs), acknowledged.
	rm -f /tmp/perf.ctl /tmp/perf.ack
	mkfifo /tmp/perf.ctl /tmp/perf.ack
	perf record -q -a -e cpu-clock -F 10000 -D -1 \
		--control fifo:/tmp/perf.ctl,/tmp/perf.ack -o "$f.data" -- sleep 3600 &
	exec 8>/tmp/perf.ctl 9</tmp/perf.ack
	# (guest time: it leaps while perf's files come from the host)
	echo enable >&8 && read -r -t 1200 _ <&9 || log "profile: perf did not start"
	measure "$case" "$k" >"$f.pps" || log "profile $case $mode: measurement failed"
	echo disable >&8 && read -r -t 60 _ <&9
	exec 8>&- 9<&-
	kill -INT $!
	wait $!
	rm -f /tmp/perf.ctl /tmp/perf.ack
	# One sample per 100,000 instructions (-F 10000 on a clock of one
	# instruction per ns): samples x 100,000 / packets is a function's
	# instructions per packet. Idle (the waits around the run) is left out.
	perf report -q -i "$f.data" --no-children --sort sym -F sample,sym \
		--comms kpktgend_0,ksoftirqd/0 --stdio 2>/dev/null |
		awk -v n="$(cut -d' ' -f2 "$f.pps")" '$1 ~ /^[0-9]+$/ && n > 0 {
			t += $1; c[NR] = $1; $1 = ""; l[NR] = $0
		} END {
			if (!t)
				print "# no samples: perf did not run during the measurement, run again"
			printf "# %d packets, %.0f instructions per packet in pktgen and softirq context\n", n, t * 100000 / n
			for (i in c) if (c[i] * 100000 / n >= 5)
				printf "%8.0f %s\n", c[i] * 100000 / n, l[i] | "sort -k1,1nr"
		}' >"$f.txt"
	rm -f "$f.data"
	mode_stop "$mode"
	topo_down
	log "profile $case $mode: $(head -c 100 "$f.pps"), report in $f.txt"
}
if [ -n "${BENCH_PROFILE:-}" ]; then
	mkdir -p "$BENCH_PROFILE"
	for case in $cases; do
		[ "$case" = warmup ] || [ "$case" = ifread ] && continue
		for mode in $modes; do
			[ "$(sess_count "$case")" != 0 ] && [ "$mode" = nft ] && continue
			k=$((k + 1))
			profile_one "$case" "$mode" "$k"
		done
	done
fi
echo "end $(uname -r)" >>"$out"
