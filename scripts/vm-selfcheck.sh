#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Prove that scripts/vm.sh works on every supported kernel and fails when it
# must: it boots, runs tools and in-tree modules, propagates exit codes,
# shares the repo read-write, and turns a kernel warning, a new bad taint, a
# panic and a hang into a failed run. Prints TAP. A run takes a few minutes.
#
#   scripts/vm-selfcheck.sh
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
logs=$repo/build/vm/selfcheck
mkdir -p "$logs"
mapfile -t kernels < <("$repo/scripts/kernels.sh")

n=0 passed=0 failed=0

result() {
	n=$((n + 1))
	if (($1)); then
		passed=$((passed + 1))
		echo "ok $n - $2"
	else
		failed=$((failed + 1))
		echo "not ok $n - $2"
	fi
}

# check KERNEL WANT_EXIT WANT_TEXT DESCRIPTION [VM.SH OPTIONS] -- COMMAND...
# Passes when vm.sh exits WANT_EXIT and its stdout+stderr contain WANT_TEXT.
check() {
	local kernel=$1 want=$2 text=$3 what=$4 out rc=0 start=$SECONDS
	shift 4
	out=$("$repo/scripts/vm.sh" --kernel "$kernel" --log "$logs/$kernel.$((n + 1)).log" "$@" 2>&1) || rc=$?
	if ((rc == want)) && grep -qF -- "$text" <<<"$out"; then
		result 1 "$kernel: $what ($((SECONDS - start)) s)"
	else
		result 0 "$kernel: $what (exit $rc, wanted $want with '$text')"
		printf '%s\n' "$out" | sed 's/^/# /'
	fi
}

echo "TAP version 13"
echo "1..$((${#kernels[@]} * 7))"
for k in "${kernels[@]}"; do
	mark=$logs/$k.written-by-guest
	rm -f "$mark"
	# Names that are no prefix of an ip keyword: "ip link add a ..." reads
	# "a" as "address".
	# shellcheck disable=SC2016 # expanded by the guest's shell
	check "$k" 0 "$k OK" "boots, modprobe veth, netns, writable /tmp" -- sh -c '
		uname -r
		modprobe veth &&
		ip netns add selfcheck &&
		ip -n selfcheck link add veth0 type veth peer name veth1 &&
		ip netns del selfcheck &&
		echo x >/tmp/x &&
		uname -r >"$1" &&
		echo "$(uname -r) OK"' sh "$mark"
	result "$([[ $(cat "$mark" 2>/dev/null) == "$k" ]] && echo 1 || echo 0)" \
		"$k: a file written in the guest's repo share shows on the host"
	check "$k" 1 "" "exit code of 'false' comes out" -- false
	check "$k" 125 "WARNING: flowstat-selfcheck" "a WARNING in dmesg fails a run that exited 0" -- \
		sh -c "echo '<4>WARNING: flowstat-selfcheck' >/dev/kmsg"
	# 512 is TAINT_WARN; writing it sets the flag as a real WARN() would.
	check "$k" 125 "kernel tainted during the run" "a new W taint fails the run" -- \
		sh -c 'echo 512 >/proc/sys/kernel/tainted'
	check "$k" 125 "Kernel panic" "a panic ends the VM at once and fails the run" -- \
		sh -c 'echo c >/proc/sysrq-trigger'
	check "$k" 124 "timed out" "a hung command is killed at --timeout" --timeout 40 -- sleep 3600
done
echo "# $passed passed, $failed failed"
((failed == 0))
