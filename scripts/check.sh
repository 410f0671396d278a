#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The project's test command (README, .ci/run, `make check`):
#   1. installs what is missing (scripts/setup.sh),
#   2. builds the tool and runs its unit tests,
#   3. for each supported kernel: builds the module with W=1 and runs the
#      whole selftest suite in one VM boot of that kernel.
# Prints TAP from every part and closes with one line "N passed, M failed"
# over all test points. Exit status 0 only if nothing failed.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
out=$top/build/check
mkdir -p "$out"
start=$(date +%s)

# shellcheck source=scripts/tap-totals.sh
source "$top/scripts/tap-totals.sh"

echo "TAP version 13"
echo "# set-up"
scripts/setup.sh >"$out/setup.log" 2>&1
rc=$?
point $rc "set-up (log: build/check/setup.log)"
[[ $rc -eq 0 ]] || { tail -n 20 "$out/setup.log"; echo "$passed passed, $failed failed"; exit 1; }

echo "# unit tests"
# The tool, and the netlink fuzzer that selftests/nl_fuzz.sh runs.
make -s -C userspace >"$out/tool-build.log" 2>&1 &&
	make -s -C tools/nlfuzz >>"$out/tool-build.log" 2>&1
rc=$?
point $rc "tool and nlfuzz build warning-free"
if [[ $rc -eq 0 ]]; then
	make -s -C userspace test 2>&1 | tee "$out/unit.tap"
	tally "$out/unit.tap" "unit tests"
else
	cat "$out/tool-build.log"
fi

kernels=$(scripts/kernels.sh) || kernels=""
[[ -n $kernels ]]
point $? "supported kernels installed: ${kernels//$'\n'/ }"
for k in $kernels; do
	echo "# kernel $k"
	scripts/build-module.sh "$k" W=1 >"$out/build-$k.log" 2>&1
	rc=$?
	# W=1 warnings count as a failure: the module must build clean.
	grep -E 'warning:|error:' "$out/build-$k.log" && rc=1
	point $rc "module builds warning-free (W=1) for $k"
	[[ $rc -eq 0 ]] || continue
	# slab_nomerge: flowstat's slab caches hold its objects alone, so
	# that churn.sh can see them return to their baseline.
	# --timeout: the suite takes some 16 minutes on an idle machine; a
	# busy one can double that.
	scripts/vm.sh --kernel "$k" --log "$out/vm-$k.log" --append slab_nomerge \
		--timeout 3600 -- \
		env FLOWSTAT_KO="$top/build/$k/flowstat.ko" \
		FLOWSTAT="$top/userspace/flowstat" \
		selftests/run_vm.sh 2>&1 | tee "$out/selftests-$k.tap"
	rc=${PIPESTATUS[0]}
	tally "$out/selftests-$k.tap" "selftests on $k"
	# 125: the kernel warned or oopsed even if every test passed.
	[[ $rc -ne 125 && $rc -ne 124 ]]
	point $? "kernel $k ran the suite without warning, oops or timeout"
done

echo "# make check took $(($(date +%s) - start)) s"
summary="$passed passed, $failed failed"
[[ $skipped -gt 0 ]] && summary+=", $skipped skipped"
echo "$summary"
[[ $failed -eq 0 ]]
