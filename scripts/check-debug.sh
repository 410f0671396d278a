#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make check-debug`: the whole selftest suite on a debug kernel (KASAN,
# lockdep, kmemleak, UBSAN, debug objects, DEBUG_NET; docs/reliability.md).
#   1. installs what is missing (scripts/setup.sh),
#   2. builds the debug kernel, or finds it in its cache
#      (scripts/debug-kernel.sh: the first build takes the better part of an
#      hour on two cores),
#   3. builds the tool, and the module against the debug kernel with W=1,
#   4. boots the debug kernel once and runs the whole suite in it, with a
#      kmemleak scan and a dmesg check after each script, so that a leak or a
#      kernel report fails the script that caused it.
# Prints TAP and closes with one line "N passed, M failed", like
# scripts/check.sh. Exit status 0 only if nothing failed.
#
# Environment: FLOWSTAT_FUZZ_COUNT, FLOWSTAT_FUZZ_SEED and
# FLOWSTAT_CHURN_{RELOADS,SESSIONS,NETNS,MODULE} set the scale of
# nl_fuzz.sh and churn.sh (docs/reliability.md); FLOWSTAT_PANIC_ON_WARN=1 boots with panic_on_warn=1, which
# stops the VM at the first report (its state as it was, the rest of the
# suite not run); by default the suite goes on and every report is counted.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
out=$top/build/check-debug
mkdir -p "$out"
start=$(date +%s)

# A script under a KASAN and lockdep kernel under TCG runs several times
# slower than on Debian's kernel (settings: 300 s).
script_timeout=1800
vm_timeout=$((6 * 3600))

# shellcheck source=scripts/tap-totals.sh
source "$top/scripts/tap-totals.sh"

finish() {
	echo "# make check-debug took $(($(date +%s) - start)) s"
	local summary="$passed passed, $failed failed"
	[[ $skipped -gt 0 ]] && summary+=", $skipped skipped"
	echo "$summary"
	[[ $failed -eq 0 ]]
	exit
}

echo "TAP version 13"
echo "# set-up"
scripts/setup.sh >"$out/setup.log" 2>&1
rc=$?
point $rc "set-up (log: build/check-debug/setup.log)"
[[ $rc -eq 0 ]] || { tail -n 20 "$out/setup.log"; finish; }

echo "# debug kernel"
kstart=$(date +%s)
rel=$(scripts/debug-kernel.sh 2>"$out/kernel.log")
rc=$?
point $rc "debug kernel built or cached: ${rel:-none} (log: build/check-debug/kernel.log)"
[[ $rc -eq 0 ]] || { tail -n 20 "$out/kernel.log"; finish; }
cache=$(scripts/debug-kernel.sh --dir)
echo "# debug kernel: $(($(date +%s) - kstart)) s now; its build took $(cat "$cache/build-time")"

echo "# build"
make -s -C userspace >"$out/tool-build.log" 2>&1
rc=$?
point $rc "tool builds warning-free"
[[ $rc -eq 0 ]] || { cat "$out/tool-build.log"; finish; }
scripts/build-module.sh "$rel" W=1 >"$out/build-$rel.log" 2>&1
rc=$?
grep -E 'warning:|error:' "$out/build-$rel.log" && rc=1
point $rc "module builds warning-free (W=1) for $rel"
[[ $rc -eq 0 ]] || finish

echo "# kernel $rel"
# kasan_multi_shot: every KASAN report, not only the first. pci=noacpi:
# the interrupt routing comes from the BIOS's PIRQ table, because ACPI's
# _PRT method (a loop over every slot in AML) runs past ACPICA's 30 s loop
# timeout on this kernel under TCG, and the virtio devices get no IRQ.
# slab_nomerge: as in check.sh (churn.sh counts flowstat's slab objects).
append="kasan_multi_shot pci=noacpi slab_nomerge"
[[ ${FLOWSTAT_PANIC_ON_WARN:-0} == 1 ]] && append+=" panic_on_warn=1"
# The scale of nl_fuzz.sh and churn.sh, when asked for (the VM's command
# gets no other environment): e.g. FLOWSTAT_FUZZ_COUNT=1000000.
scale=()
for v in FLOWSTAT_FUZZ_COUNT FLOWSTAT_FUZZ_SEED FLOWSTAT_CHURN_RELOADS \
	FLOWSTAT_CHURN_SESSIONS FLOWSTAT_CHURN_NETNS FLOWSTAT_CHURN_MODULE; do
	[[ -n ${!v:-} ]] && scale+=("$v=${!v}")
done
sstart=$(date +%s)
scripts/vm.sh --kernel "$rel" --image "$cache/obj/arch/x86/boot/bzImage" \
	--memory 4096 --timeout "$vm_timeout" --append "$append" \
	--log "$out/vm-$rel.log" -- \
	env FLOWSTAT_KO="$top/build/$rel/flowstat.ko" \
	FLOWSTAT="$top/userspace/flowstat" \
	FLOWSTAT_KMEMLEAK=1 FLOWSTAT_KREPORTS=1 FLOWSTAT_TIMEOUT=$script_timeout \
	"${scale[@]}" \
	selftests/run_vm.sh 2>&1 | tee "$out/selftests-$rel.tap"
rc=${PIPESTATUS[0]}
echo "# suite on $rel: $(($(date +%s) - sstart)) s"
tally "$out/selftests-$rel.tap" "selftests on $rel"
# 125: a report in the whole run's dmesg (boot included) or a dead VM.
[[ $rc -ne 125 && $rc -ne 124 ]]
point $? "debug kernel $rel ran the suite without KASAN, lockdep, UBSAN, leak, warning or timeout"
finish
