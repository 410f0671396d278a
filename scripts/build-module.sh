#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Builds flowstat.ko for kernel release KVER into build/KVER/flowstat.ko.
# Each kernel gets its own copy of the sources: Kbuild writes objects next
# to them, and two kernels must not share (or keep rebuilding) those.
# Usage: scripts/build-module.sh KVER [extra make args, e.g. W=1]
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
kver=${1:?usage: $0 KVER [make args]}
shift
kdir=/lib/modules/$kver/build
[ -d "$kdir" ] || kdir=/usr/src/linux-headers-$kver
[ -d "$kdir" ] || { echo "no headers for $kver: run scripts/setup.sh" >&2; exit 1; }
out=$top/build/$kver
src=$out/src
mkdir -p "$src"
# Copy only what changed so that rebuilds stay incremental.
cp -ru "$top/Kbuild" "$top/kmod" "$top/include" "$src/"
make -s -C "$kdir" M="$src" "$@" modules
cp "$src/flowstat.ko" "$out/flowstat.ko"
