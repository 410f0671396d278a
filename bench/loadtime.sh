#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# How long `flowstat load` takes with N policies (policy scale, with real
# destination-address matches: bench/gen-rules.sh flowstat --fill N), and
# a reload of the same file (an atomic swap that carries the hit counts
# over). Runs inside the VM (bench/vm-icount.sh for a repeatable guest
# clock). Prints, per N, the CPU seconds (user + system: the kernel's
# CONFIG_SET work runs in the sending process) of `load`, of a reload of
# the same file, and of `show configuration`. CPU time, not elapsed time:
# under icount with sleep=off, the guest clock leaps while the guest waits
# for the host (9p reads of a 45 MB file), so elapsed times mean little.
#
#   bench/vm-icount.sh --kernel REL -- env FLOWSTAT_KO=... FLOWSTAT=... \
#       bench/loadtime.sh 10 1000 10000 100000
set -euo pipefail

bench=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
: "${FLOWSTAT:?}" "${FLOWSTAT_KO:?}"
for d in $(modinfo -F depends "$FLOWSTAT_KO" | tr ',' ' '); do modprobe "$d"; done
grep -q '^flowstat ' /proc/modules || insmod "$FLOWSTAT_KO"
ns=loadtime-$$
ip netns add "$ns"
trap 'ip netns del "$ns"' EXIT

# CPU seconds (user + system) of a command
secs()
{
	local t TIMEFORMAT='%U %S'

	t=$( { time "$@" >/dev/null; } 2>&1 | tail -1)
	echo "${t% *} + ${t#* }" | bc
}

for n in "$@"; do
	f=/tmp/loadtime.$n.conf
	"$bench/gen-rules.sh" flowstat --fill "$n" >"$f"
	cat "$f" >/dev/null # in the page cache before anything is timed
	l=$(secs "$FLOWSTAT" -n "$ns" load "$f")
	r=$(secs "$FLOWSTAT" -n "$ns" load "$f")
	s=$(secs "$FLOWSTAT" -n "$ns" show configuration)
	echo "$n $l $r $s"
done
