# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash disable=SC2154 # out, rules, packets...: guest.sh's
#
# The "synflood" case of bench/guest.sh (sourced by it): a TCP SYN flood
# above the syn-flood screen's threshold, on two virtio-net NICs joined by
# a qemu hub (the VM runs with FLOWSTAT_VM_NICS=hub2: bench/run.sh does it
# when the case is asked for). virtio-net runs XDP natively, veth does not.
#
#   CL vcl0 10.0.3.2 == qemu hub == vrt0 10.0.3.1 RT eth1 -- eth0 10.0.2.2 SV
#
# bench/synsend (AF_PACKET, sendmmsg) sends BENCH_PACKETS 64-byte SYNs from
# vcl0 to 10.0.2.2:80, one source port per packet; its figure is packets
# per guest second from the first send until vrt0's rx_packets has counted
# all of them. Modes (BENCH_SYN_MODES, default all of them):
#
#   bare      no firewall: the router forwards every SYN to SV (context)
#   xdpdrop   bench/xdpdrop: XDP_DROP attached to vrt0 in native mode (the
#             limit for an XDP stage)
#   nftraw    nft raw prerouting chain: a meter per destination address and
#             port dropping SYNs over the threshold (the screen's equivalent)
#   nftdrop   nft raw prerouting chain dropping every SYN, unconditionally
#   flowstat  flowstat.ko, vrt0 in zone trust with a screen
#             "tcp syn-flood attack-threshold T": the first T SYNs pass, the
#             rest are dropped by the screen (checked: exactly N - T)
#
# T is BENCH_SYN_THRESHOLD (default 200, the gateways' default); each run
# takes well under a second of guest time, one screen window. Lines to
# $BENCH_OUT: "synflood MODE REP PPS SENT DELIVERED ATTEMPTS" with
# DELIVERED the packets vrt0 received (must equal SENT), and for flowstat
# "synflood-screen flowstat REP DROPPED EXPECTED".

syn_modes=${BENCH_SYN_MODES:-bare xdpdrop nftraw nftdrop flowstat}
syn_thr=${BENCH_SYN_THRESHOLD:-200}
syn_bin=${BENCH_SYN_BIN:-$here/.vm}
SYN_CLMAC=02:00:00:00:03:02 SYN_RTMAC=02:00:00:00:03:01

# syn_dev MAC: the name of the init namespace's device with MAC
syn_dev() {
	ip -o link show | awk -v m="$1" '$0 ~ "link/ether " m " " { sub(":$", "", $2); print $2 }'
}

syn_init() {
	if [ ! -x "$syn_bin/synsend" ] || [ ! -x "$syn_bin/xdpdrop" ]; then
		die "synflood: $syn_bin/synsend or xdpdrop missing (bench/run.sh builds them)"
	fi
	modprobe virtio_net || die "modprobe virtio_net"
	wait_until 10 syn_nics_present || die "synflood: no virtio-net NICs $SYN_CLMAC, $SYN_RTMAC (FLOWSTAT_VM_NICS=hub2)"
	modprobe -a nft_limit nft_meta nft_payload 2>/dev/null
	log "synflood: virtio-net NICs $(syn_dev $SYN_CLMAC) $(syn_dev $SYN_RTMAC)"
}
syn_nics_present() {
	[ -n "$(syn_dev $SYN_CLMAC)" ] && [ -n "$(syn_dev $SYN_RTMAC)" ]
}

# The bench topology, plus the virtio NICs moved into CL and RT. They go
# back to the init namespace when topo_down deletes the namespaces.
syn_topo_up() {
	local cl rt
	topo_up || return 1
	cl=$(syn_dev $SYN_CLMAC) rt=$(syn_dev $SYN_RTMAC)
	if [ -z "$cl" ] || [ -z "$rt" ]; then
		log "synflood: NICs not in the init namespace"
		return 1
	fi
	ip link set dev "$rt" xdp off 2>/dev/null
	# named before the move: CL and RT have their own eth0
	ip link set dev "$cl" down && ip link set dev "$rt" down || return 1
	[ "$cl" = vcl0 ] || ip link set dev "$cl" name vcl0 || return 1
	[ "$rt" = vrt0 ] || ip link set dev "$rt" name vrt0 || return 1
	ip link set dev vcl0 netns "$CL" && ip link set dev vrt0 netns "$RT" || return 1
	ip -n "$CL" -batch - <<-EOF || return 1
		link set vcl0 addrgenmode none
		addr add 10.0.3.2/24 dev vcl0
		neigh add 10.0.3.1 lladdr $SYN_RTMAC dev vcl0 nud permanent
		link set vcl0 up
	EOF
	ip -n "$RT" -batch - <<-EOF || return 1
		link set vrt0 addrgenmode none
		addr add 10.0.3.1/24 dev vrt0
		neigh add 10.0.3.2 lladdr $SYN_CLMAC dev vrt0 nud permanent
		link set vrt0 up
	EOF
	wait_until 5 topology_links_up "$RT" && wait_until 5 topology_links_up "$CL"
}

# nft's equivalent of the screen: per destination address and port, SYNs
# over T a second are dropped (burst T: the first T of a burst pass, as
# with the screen's window).
syn_nft() {
	case $1 in
	nftraw)
		cat <<-EOF
			table ip synbench {
				chain pre {
					type filter hook prerouting priority raw; policy accept;
					tcp flags & (syn | ack) == syn meter synflood { ip daddr . tcp dport limit rate over $syn_thr/second burst $syn_thr packets } drop
				}
			}
		EOF
		;;
	nftdrop)
		cat <<-EOF
			table ip synbench {
				chain pre {
					type filter hook prerouting priority raw; policy accept;
					tcp flags & (syn | ack) == syn drop
				}
			}
		EOF
		;;
	esac
}

syn_mode_start() {
	local l
	case $1 in
	bare) ;;
	xdpdrop)
		ip netns exec "$RT" "$syn_bin/xdpdrop" vrt0 drv || { log "xdpdrop vrt0 drv failed"; return 1; }
		# "xdp" is native mode; generic mode would show "xdpgeneric"
		l=$(ip -n "$RT" link show dev vrt0 | head -n 1)
		grep -qw xdp <<<"$l" || { log "vrt0: XDP not in native mode: $l"; return 1; }
		log "  $l"
		;;
	nftraw | nftdrop)
		syn_nft "$1" | ip netns exec "$RT" nft -f - || { log "nft ($1) failed"; return 1; }
		;;
	flowstat)
		insmod "$FLOWSTAT_KO" || { log "insmod $FLOWSTAT_KO failed"; return 1; }
		{
			cat "$rules/flowstat.conf"
			echo "set security zones security-zone trust interfaces vrt0"
			echo "set security screen ids-option bench-syn tcp syn-flood attack-threshold $syn_thr"
			echo "set security zones security-zone trust screen bench-syn"
		} >/tmp/flowstat.syn.conf
		"$FLOWSTAT" -n "$RT" load /tmp/flowstat.syn.conf >/dev/null ||
			{ log "flowstat load flowstat.syn.conf failed"; return 1; }
		;;
	*) log "synflood: unknown mode $1"; return 1 ;;
	esac
}
syn_mode_stop() {
	case $1 in
	xdpdrop) ip -n "$RT" link set dev vrt0 xdp off ;;
	flowstat) rmmod flowstat || die "rmmod flowstat" ;;
	esac
}

syn_rx() {
	ip netns exec "$1" cat "/sys/class/net/$2/statistics/rx_packets"
}
syn_screen_drops() {
	"$FLOWSTAT" -n "$RT" -j show security screen statistics zone trust | jq -r .statistics.syn_flood
}

# synsend in CL, reading vrt0's counter through a descriptor opened in RT
# (ip netns exec mounts the namespace's own /sys). Prints synsend's line.
syn_send() {
	# shellcheck disable=SC2016 # expanded by the inner bash
	ip netns exec "$RT" bash -c 'exec 3<"$1" && shift && exec ip netns exec "$@"' - \
		/sys/class/net/vrt0/statistics/rx_packets "$CL" \
		"$syn_bin/synsend" -q -r /dev/fd/3 vcl0 "$packets" $SYN_CLMAC $SYN_RTMAC \
		10.0.3.2 10.0.2.2 10000 59999 80
}

# syn_run_one MODE REP [warm]: one measurement (up to 3 attempts), as run_one
syn_run_one() {
	local mode=$1 rep=$2 warm=${3:-} r rx0 rx1 sv0 sv1 d0 d1 try pps sent ok
	for try in 1 2 3; do
		syn_topo_up || die "synflood topology"
		r="0 0" rx0=0 rx1=0 sv0=0 sv1=0 d0=0 d1=0 ok=1
		if syn_mode_start "$mode"; then
			quiesce
			[ "$mode" = flowstat ] && d0=$(syn_screen_drops)
			rx0=$(syn_rx "$RT" vrt0) sv0=$(syn_rx "$SV" eth0)
			r=$(syn_send) || { log "synflood $mode #$rep: synsend failed"; r="0 0"; }
			rx1=$(syn_rx "$RT" vrt0) sv1=$(syn_rx "$SV" eth0)
			[ "$mode" = flowstat ] && d1=$(syn_screen_drops) && why_dropped
		fi
		syn_mode_stop "$mode"
		topo_down
		read -r pps sent _ <<<"$r"
		sent=${sent:-0}
		log "synflood $mode #$rep: synsend (pps sent retries ns rx) = $r; vrt0 received $((rx1 - rx0)), SV $((sv1 - sv0)) (attempt $try)"
		[ "$sent" != 0 ] && [ $((rx1 - rx0)) = "$sent" ] || ok=0
		if [ "$mode" = flowstat ]; then
			log "  screen syn-flood drops $((d1 - d0)), expected $((sent - syn_thr))"
			[ $((d1 - d0)) = $((sent - syn_thr)) ] || ok=0
		fi
		[ $ok = 1 ] && break
	done
	[ -n "$warm" ] && return 0
	echo "synflood $mode $rep $pps $sent $((rx1 - rx0)) $try" >>"$out"
	[ "$mode" = flowstat ] && echo "synflood-screen flowstat $rep $((d1 - d0)) $((sent - syn_thr))" >>"$out"
	return 0
}

# The case: a discarded bare run (the first on these NICs), then each
# repeat measures every mode in turn.
syn_case() {
	local rep mode
	syn_init
	syn_run_one bare 0 warm
	for ((rep = 1; rep <= repeats; rep++)); do
		for mode in $syn_modes; do
			syn_run_one "$mode" "$rep"
		done
	done
}
