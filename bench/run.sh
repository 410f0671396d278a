#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# flowstat's benchmark (performance.md): for each kernel, one VM boot under
# deterministic TCG (bench/vm-icount.sh) running bench/guest.sh, which
# measures kernel pktgen's packet rate through a router namespace with no
# firewall (bare), the equivalent nftables ruleset (nft) and flowstat.
# Prints a table of ratios to bare and writes bench/results/DATE-KERNEL.json.
#
#   bench/run.sh [--kernel REL]... [--packets N] [--scale-packets N] [--pool-packets N] [--repeats N]
#                [--cases "LIST"] [--fill N] [--sink host|otherhost] [--no-build]
#                [--timeout S] [--screen] [--ifaces "LIST"]
#                [--profile]
#
#   --kernel REL       a kernel of scripts/kernels.sh (default: all of them)
#   --packets N        packets per measurement (default 30000)
#   --scale-packets N  packets per measurement of the scale case (default 3000)
#   --pool-packets N   packets per measurement of pool10 and pool90 (default 2000)
#   --repeats N        measurements per case and mode (default 3)
#   --cases "LIST"     of: warmup established oneway new denied scale
#                      sess1k sess100k sess1m ifread synflood
#                      snat snatnew pool10 pool90 (default: the first six;
#                      warmup always runs first; synflood: see
#                      bench/guest-syn.sh, it adds the VM's virtio NICs;
#                      the source NAT cases: bench/guest-nat.sh)
#   --fill N           policies/rules before the matching one in "scale" (default 10000)
#   --sink MODE        host (default) or otherhost: see bench/guest.sh
#   --no-build         use the module and tool as built
#   --timeout S        per VM boot (default 1200)
#   --screen           flowstat only: the clients' zone (trust) gets a screen
#                      with ip spoofing and tcp syn-flood (the screen step's
#                      cost on first packets; nft has no equivalent)
#   --ifaces "LIST"    interface counts of the ifread case (default "10 1000")
#   --profile          then run each case and mode once more under perf
#                      (cpu-clock, which icount turns into an instruction
#                      profile): bench/.vm/profile/CASE-MODE-KERNEL.txt
#
# Exit status: 0 every figure measured (short of target or not: see the
# table), 1 a measurement or VM run failed.
set -euo pipefail

bench=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
repo=$(dirname "$bench")
kernels=() packets=30000 scale_packets=3000 pool_packets=2000 repeats=3 fill=10000
cases="warmup established oneway new denied scale" sink=host build=1 timeout=1200
screen=0 ifaces="10 1000" profile=

usage() {
	sed -n 's/^#   \(bench\/run.*\)/usage: \1/p; s/^#                \(\[.*\)/                    \1/p' "$0" >&2
	exit 2
}
while (($#)); do
	case $1 in
	--kernel) kernels+=("${2:?}"); shift 2 ;;
	--packets) packets=${2:?}; shift 2 ;;
	--scale-packets) scale_packets=${2:?}; shift 2 ;;
	--pool-packets) pool_packets=${2:?}; shift 2 ;;
	--repeats) repeats=${2:?}; shift 2 ;;
	--cases) cases=${2:?}; shift 2 ;;
	--fill) fill=${2:?}; shift 2 ;;
	--sink) sink=${2:?}; shift 2 ;;
	--no-build) build=0; shift ;;
	--timeout) timeout=${2:?}; shift 2 ;;
	--screen) screen=1; shift ;;
	--ifaces) ifaces=${2:?}; shift 2 ;;
	--profile) profile=$bench/.vm/profile; shift ;;
	-h | --help) usage ;;
	*) usage ;;
	esac
done
for n in "$packets" "$scale_packets" "$pool_packets" "$repeats" "$fill" "$timeout" $ifaces; do
	[[ $n =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: '$n' is not a positive number" >&2; exit 2; }
done
[[ $sink == host || $sink == otherhost ]] || usage
# warmup first, once
cases="warmup $(tr ' ' '\n' <<<"$cases" | grep -vx -e warmup -e '' | tr '\n' ' ')"
((${#kernels[@]})) || mapfile -t kernels < <("$repo/scripts/kernels.sh")
((${#kernels[@]})) || { echo "run.sh: no kernel (scripts/kernels.sh)" >&2; exit 1; }

# The two rulesets, from the one description (bench/zones.txt).
rules=$bench/.vm/rules
mkdir -p "$rules" "$bench/results"
"$bench/gen-rules.sh" flowstat >"$rules/flowstat.conf"
"$bench/gen-rules.sh" nft >"$rules/nft.nft"
"$bench/gen-rules.sh" flowstat --fill "$fill" >"$rules/flowstat.fill.conf"
"$bench/gen-rules.sh" nft --fill "$fill" >"$rules/nft.fill.nft"
# Session scale cases: idle sessions stay, and a million fit.
{
	cat "$rules/flowstat.conf"
	echo "set security flow max-sessions 2000000"
	echo "set security flow udp-session timeout 3600"
} >"$rules/flowstat.sess.conf"
# Source NAT cases: the egress interface's address (snat, snatnew), and a
# pool whose fill must stay for the whole measurement (pool10, pool90:
# up to 60,000 sessions held plus the measured ones).
# (idle sessions kept a day on both sides: the guest clock leaps while
# the checks' tools come from the host, past flowstat's 60 s and
# conntrack's 30 s, and the checks count sessions)
{
	"$bench/gen-rules.sh" flowstat "$bench/zones.txt" "$bench/snat-interface.txt"
	echo "set security flow udp-session timeout 86400"
} >"$rules/flowstat.snat.conf"
"$bench/gen-rules.sh" nft "$bench/zones.txt" "$bench/snat-interface.txt" >"$rules/nft.snat.nft"
{
	"$bench/gen-rules.sh" flowstat "$bench/zones.txt" "$bench/snat-pool.txt"
	echo "set security flow max-sessions 200000"
	echo "set security flow udp-session timeout 86400"
} >"$rules/flowstat.pool.conf"
"$bench/gen-rules.sh" nft "$bench/zones.txt" "$bench/snat-pool.txt" >"$rules/nft.pool.nft"
# "NAME ADDRESS PORTS" of the pool, for the guest's fill and checks
pool=$(awk '$1 == "snat" && $4 == "pool" { print $5, $6, $8 - $7 + 1; exit }' "$bench/snat-pool.txt")
if ((screen)); then
	for f in "$rules/flowstat.conf" "$rules/flowstat.fill.conf"; do
		cat >>"$f" <<-EOF
			set security screen ids-option bench-screen ip spoofing
			set security screen ids-option bench-screen tcp syn-flood
			set security zones security-zone trust screen bench-screen
		EOF
	done
fi

if ((build)); then
	make -s -C "$repo/userspace" >/dev/null
	for k in "${kernels[@]}"; do
		"$repo/scripts/build-module.sh" "$k"
	done
fi

# synflood: its sender and XDP loader, and the VM's two hub-joined virtio
# NICs (only then: the other cases run in the VM the selftests use).
nics=
if grep -qw synflood <<<"$cases"; then
	for p in synsend xdpdrop; do
		cc -O2 -Wall -o "$bench/.vm/$p" "$bench/$p.c"
	done
	nics=hub2
fi

rc=0
for k in "${kernels[@]}"; do
	ko=$repo/build/$k/flowstat.ko
	[[ -r $ko ]] || { echo "run.sh: $ko missing (drop --no-build)" >&2; rc=1; continue; }
	raw=$bench/.vm/raw-$k.txt
	rm -f "$raw"
	stamp=$(date -u +%Y-%m-%d-%H%M)
	echo "run.sh: $k: $packets packets x $repeats per case and mode; cases: $cases" >&2
	start=$SECONDS
	if ! FLOWSTAT_VM_NICS=$nics \
		"$bench/vm-icount.sh" --kernel "$k" --timeout "$timeout" \
		--log "$bench/.vm/$k.log" -- env BENCH_OUT="$raw" BENCH_RULES="$rules" \
		BENCH_CASES="$cases" BENCH_PACKETS="$packets" \
		BENCH_SCALE_PACKETS="$scale_packets" BENCH_REPEATS="$repeats" \
		BENCH_POOL_PACKETS="$pool_packets" BENCH_POOL="$pool" \
		BENCH_SINK="$sink" BENCH_IFACES="$ifaces" BENCH_PROFILE="$profile" FLOWSTAT_KO="$ko" FLOWSTAT="$repo/userspace/flowstat" \
		BENCH_SCREEN="$( ((screen)) && echo 1)" \
		bench/guest.sh >"$bench/.vm/$k.out" 2>&1; then
		echo "run.sh: $k: the VM run failed; guest output:" >&2
		tail -n 30 "$bench/.vm/$k.out" >&2
		rc=1
	fi
	[[ -s $raw ]] || { rc=1; continue; }
	json=$bench/results/$stamp-$k.json
	python3 "$bench/report.py" --kernel "$k" --raw "$raw" --json "$json" \
		--packets "$packets" --scale-packets "$scale_packets" --pool-packets "$pool_packets" \
		--repeats "$repeats" --fill "$fill" --sink "$sink" \
		--seconds $((SECONDS - start)) || rc=1
	echo "run.sh: $k: $((SECONDS - start)) s; results in ${json#"$repo"/}" >&2
done
exit $rc
