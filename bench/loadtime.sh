#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# How long `flowstat load` takes with N policies (policy scale, with real
# destination-address matches: bench/gen-rules.sh flowstat --fill N), and
# a reload of the same file (an atomic swap that carries the hit counts
# over). Runs inside the VM (bench/vm-icount.sh for a repeatable guest
# clock); prints "N load_seconds reload_seconds show_configuration_seconds".
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

secs() { local t0=$EPOCHREALTIME; "$@" >/dev/null; echo "$EPOCHREALTIME - $t0" | bc; }

for n in "$@"; do
	f=/tmp/loadtime.$n.conf
	"$bench/gen-rules.sh" flowstat --fill "$n" >"$f"
	l=$(secs "$FLOWSTAT" -n "$ns" load "$f")
	r=$(secs "$FLOWSTAT" -n "$ns" load "$f")
	s=$(secs "$FLOWSTAT" -n "$ns" show configuration)
	echo "$n $l $r $s"
done
