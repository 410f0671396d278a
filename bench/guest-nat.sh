# SPDX-License-Identifier: GPL-2.0
#
# The source NAT cases (issue 12), sourced by bench/guest.sh: the checks
# that the router really translated, and the pool's fill. A figure of a
# NAT case whose packets left untranslated would measure nothing, so each
# measurement of snat, snatnew, pool10 and pool90 is checked after its
# figure is taken (nothing here runs during pktgen's burst), and a failed
# check writes "natcheck CASE MODE REP fail ..." to $BENCH_OUT, which
# report.py turns into a problem: the run fails. nft's pool cases are a
# reference only: nf_nat drops a new connection when its search of the
# range finds no free port (at 90% most of a burst), so there its counts
# are notes ("natcheck ... note ..."), and only the wire's sources must
# be the pool's.
#
#   snat     one established UDP flow, source NAT to the egress interface's
#            address (flowstat `source-nat interface`, nft `masquerade`)
#   snatnew  as "new" (every packet a new session) through the same NAT:
#            every session takes a port
#   pool10,  as "new", BENCH_POOL_PACKETS packets, through a pool of one
#   pool90   address (snat-pool.txt) whose ports are first held to 10% /
#            90% by live sessions (pool_prepare)
#
# Checks, per measurement:
#   - on the wire (every mode, bare included, as a check of the check): the
#     server captures (tcpdump) the first 20 packets of the same burst sent
#     again, and every one must come from the translated address (the
#     router's 10.0.2.1, or the pool address; bare: the client's own);
#   - flowstat: the rule's successful translations (snat: 1, and the
#     session's reply goes to 10.0.2.1; snatnew: one per packet), the pool's
#     ports in use (fill, then fill + packets, no failed allocation);
#   - nft: conntrack entries whose reply goes to the translated address
#     (snatnew: one per packet; pools: fill, then fill + packets).

# nat_addr CASE MODE ORIGINAL: the source the server must see
nat_addr() {
	if [ "$2" = bare ]; then
		echo "$3"
	elif [ "$(case_sfx "$1")" = .pool ]; then
		echo "$pool_addr"
	else
		echo 10.0.2.1
	fi
}

# natcheck CASE MODE REP ok|fail WHAT: one line to the results and the log
natcheck() {
	echo "natcheck $1 $2 $3 $4 ${*:5}" >>"$out"
	log "  NAT check $1 $2 #$3: $4: ${*:5}"
}

# fs_pool: "PORTS-IN-USE HITS FAILED" of the benchmark's pool
fs_pool() {
	"$FLOWSTAT" -n $RT -j show security nat source pool all |
		jq -r --arg p "$pool_name" '.source_nat_pool_info_entry[] | select(.pool_name == $p) |
			"\(.source_pool_address_range_sum.single_port_sum) \(.address_pool_hits) \(.failed_hits)"'
}
# fs_rule_hits: "SUCCESSFUL FAILED" of the benchmark's source rule
fs_rule_hits() {
	"$FLOWSTAT" -n $RT -j show security nat source rule all |
		jq -r '.source_nat_rule_entry[] | select(.rule_name == "snat-1") |
			.source_nat_rule_hits_entry | "\(.succ_hits) \(.failed_hits)"'
}
# ct_nat ADDR: "ENTRIES TRANSLATED" of the router's conntrack table, the
# second the entries whose reply goes to ADDR (the original destination is
# always the server, never ADDR)
ct_nat() {
	ip netns exec $RT sh -c "cat /proc/sys/net/netfilter/nf_conntrack_count;
		grep -c ' dst=$1 ' /proc/net/nf_conntrack" | paste -sd' '
}

# pool_prepare CASE MODE: hold pool_fill(CASE) of the pool's ports with
# live one-way sessions, and check that they are held. bare has nothing to
# fill.
pool_prepare() {
	local case=$1 mode=$2 n r got
	n=$(pool_fill "$case")
	[ "$mode" = bare ] && return 0
	r=$(pg $CL "$n" 10.3.0.1 10.0.2.2 "$(mac_r 1)" 10000 59999 9 10.3.0.21) || return 1
	log "$case $mode: filled with $n packets (pktgen: $r)"
	case $mode in
	flowstat)
		got=$(fs_pool)
		log "  pool $pool_name: ports in use, hits, failed: $got"
		[ "$got" = "$n $n 0" ] || natcheck "$case" "$mode" - fail \
			"fill: pool ports in use, hits, failed $got, expected $n $n 0"
		;;
	nft)
		got=$(ct_nat "$pool_addr")
		log "  conntrack entries, translated to $pool_addr: $got"
		[ "$got" = "$n $n" ] || natcheck "$case" "$mode" - note \
			"fill: conntrack entries, translated $got, expected $n $n"
		;;
	esac
	quiesce
}

# nat_wire CASE MODE K: the server captures the first 20 packets of
# measurement K's burst, sent again; prints their distinct source
# addresses, comma-separated, and how many it captured.
nat_wire() {
	local case=$1 mode=$2 k=$3 cap=/tmp/nat-wire.txt err=/tmp/nat-wire.err pid i
	: >$cap
	: >$err
	unsink
	# Guest time leaps while tcpdump is read from the host (icount,
	# sleep=off): its start may take minutes of guest time, so the bounds
	# are generous (a start that missed the burst shows as 0 packets).
	ip netns exec $SV timeout 1800 tcpdump -n -l -i eth0 -c 20 'udp and dst port 9' \
		>$cap 2>$err &
	pid=$!
	for ((i = 0; i < 6000; i++)); do
		grep -q 'listening on' $err && break
		kill -0 $pid 2>/dev/null || break
		sleep 0.1
	done
	measure "$case" "$k" 20 >/dev/null || log "nat_wire: pktgen failed"
	wait $pid
	sink
	echo "$(awk '$2 == "IP" { sub(/\.[0-9]+$/, "", $3); print $3 }' $cap |
		sort -u | paste -sd,) $(grep -c ' IP ' $cap)"
}

# nat_check CASE MODE REP K SENT: after measurement K (REP of CASE, MODE,
# SENT packets), the translation checks above.
nat_check() {
	local case=$1 mode=$2 rep=$3 k=$4 sent=$5 src want got fill what bad
	fill=$(pool_fill "$case")
	case $case in
	snat) src=10.0.1.2 ;;
	*) src=10.1.$((k / 250)).$((k % 250 + 1)) ;;
	esac
	# the counters first: the wire sample adds sessions when the burst's
	# have expired meanwhile (the guest clock leaps while tcpdump starts)
	case $mode in
	flowstat)
		case $case in
		snat)
			got="$(fs_rule_hits) $("$FLOWSTAT" -n $RT -j show security flow session |
				jq -r --argjson p $((20000 + k)) '.sessions[] |
					select(.in.source_port == $p) | .out.destination')"
			want="1 0 10.0.2.1"
			what="rule hits, failures, the session's reply destination"
			;;
		snatnew)
			got=$(fs_rule_hits)
			want="$sent 0"
			what="rule hits, failures"
			;;
		pool10 | pool90)
			got=$(fs_pool)
			want="$((fill + sent)) $((fill + sent)) 0"
			what="pool ports in use, hits, failed"
			;;
		esac
		;;
	nft)
		got=$(ct_nat "$(nat_addr "$case" nft "")")
		case $case in
		snat) want="1 1" ;;
		*) want="$((fill + sent)) $((fill + sent))" ;;
		esac
		what="conntrack entries, translated"
		;;
	*) got= want= what= ;;
	esac
	bad=fail
	[ "$mode" = nft ] && [ "$(case_sfx "$case")" = .pool ] && bad=note
	if [ -n "$what" ]; then
		if [ "$got" = "$want" ]; then
			natcheck "$case" "$mode" "$rep" ok "$what: $got"
		else
			natcheck "$case" "$mode" "$rep" $bad "$what: $got, expected $want"
		fi
	fi
	want="$(nat_addr "$case" "$mode" "$src") 20"
	got=$(nat_wire "$case" "$mode" "$k")
	if [ "$got" = "$want" ]; then
		natcheck "$case" "$mode" "$rep" ok "wire: sources, packets: $got"
	elif [ "$bad" = note ] && [ "${got%% *}" = "${want%% *}" ]; then
		natcheck "$case" "$mode" "$rep" note "wire: sources, packets: $got, expected $want"
	else
		natcheck "$case" "$mode" "$rep" fail "wire: sources, packets: $got, expected $want"
	fi
}
