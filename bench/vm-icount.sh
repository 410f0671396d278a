#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# scripts/vm.sh under deterministic TCG: one vCPU, single-threaded TCG,
# instruction counting (performance.md: the guest clock advances with the
# instructions executed, so a rate measured inside the guest is a cost per
# packet that repeats run to run).
#
#   bench/vm-icount.sh [--kernel REL] [--timeout S] [--log FILE] -- COMMAND...
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
mkdir -p "$repo/bench/.vm"
exec env FLOWSTAT_VM_ACCEL='-accel tcg,thread=single -icount shift=0,sleep=off -smp 1' \
	"$repo/scripts/vm.sh" "$@"
