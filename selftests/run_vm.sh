#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run the whole flowstat selftest suite and print one KTAP document; what
# runs inside the VM (scripts/vm.sh -- ... selftests/run_vm.sh).
#
#   FLOWSTAT_KO=path/to/flowstat.ko FLOWSTAT=path/to/flowstat selftests/run_vm.sh [TEST...]
#
# Loads FLOWSTAT_KO (and the modules it depends on) unless flowstat is
# already loaded, then runs each script of TEST_PROGS (Makefile) in order,
# or only the TESTs named, as one subtest: its output is prefixed with "# ",
# then `ok N - script`, `not ok N - script` or `ok N - script # SKIP`.
# The last line counts the individual test points of all scripts:
#   # N passed, M failed[, K skipped]
# A script that exits non-zero without a failed test point (it crashed,
# bailed out or timed out) counts as one failed point.
#
# Exit status: 0 all passed; 1 anything failed; 4 nothing failed but
# something was skipped (a skip is not a pass).
#
# For the debug kernel (scripts/check-debug.sh), two checks after each
# script make its kernel reports its own failure rather than the whole
# run's; both are off unless asked for, so the normal run is unchanged:
#   FLOWSTAT_KMEMLEAK=1  kmemleak is cleared of boot-time reports before the
#                        first script and scanned after each one: a leak
#                        report fails that script (its objects are printed)
#   FLOWSTAT_KREPORTS=1  a KASAN, lockdep, UBSAN, WARNING, BUG... line in
#                        dmesg while a script ran fails that script
#   FLOWSTAT_TIMEOUT=S   per-script timeout, instead of settings' (a KASAN
#                        and lockdep kernel under TCG is several times slower)

dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$dir" || exit 1

timeout=$(sed -n 's/^timeout=//p' settings 2>/dev/null)
timeout=${FLOWSTAT_TIMEOUT:-${timeout:-300}}

if [ $# -gt 0 ]; then
	tests=("$@")
else
	mapfile -t tests < <(make -s --no-print-directory -C "$dir" list_tests 2>/dev/null)
	if [ ${#tests[@]} -eq 0 ]; then
		# no make: read the list from the Makefile itself
		mapfile -t tests < <(sed -n '/^TEST_PROGS :=/,/^$/p' Makefile |
			tr -d '\\' | tr ' \t' '\n\n' | grep '\.sh$')
	fi
fi

echo "TAP version 13"

for v in FLOWSTAT FLOWSTAT_KO; do
	if [ -n "${!v}" ]; then
		export "$v=$(realpath "${!v}")"
	fi
done

module_loaded()
{
	grep -q '^flowstat ' /proc/modules 2>/dev/null
}

if [ -n "$FLOWSTAT_KO" ] && ! module_loaded; then
	deps=$(modinfo -F depends "$FLOWSTAT_KO" 2>/dev/null | tr ',' ' ')
	if [ -n "$deps" ] && ! modprobe -a $deps; then
		echo "Bail out! cannot load the modules flowstat.ko depends on: $deps"
		exit 1
	fi
	if ! insmod "$FLOWSTAT_KO"; then
		echo "Bail out! insmod $FLOWSTAT_KO failed"
		exit 1
	fi
	echo "# loaded $FLOWSTAT_KO (kernel $(uname -r))"
fi

# What counts as a kernel report (as in scripts/vm.sh, which checks the
# whole run's dmesg).
kreport='WARNING:|BUG:|kernel BUG at|Oops|general protection fault|Kernel panic'
kreport+='|unreferenced object|KASAN|UBSAN|detected stalls|refcount_t:'
kreport+='|list_add corruption|list_del corruption|sleeping function called from invalid context'
kreport+='|possible circular locking|blocked for more than|soft lockup|hard LOCKUP'
# Not a bare "lockdep": a lockdep kernel says "RCU lockdep checking is
# enabled" at boot; its reports start with WARNING: or BUG: anyway.
kreport+='|lockdep is turned off|turning off the locking correctness validator'
kmemleak=/sys/kernel/debug/kmemleak

# kmemleak_scan FILE: the leaks found since the last clear, into FILE, then
# clear them so that the next script starts from none. An object is only
# reported once it is older than 5 s and unreferenced in a scan: the sleep
# also lets a netns's asynchronous cleanup finish first.
kmemleak_scan()
{
	sleep 6
	echo scan >"$kmemleak"
	sleep 1
	echo scan >"$kmemleak"
	cat "$kmemleak" >"$1"
	echo clear >"$kmemleak"
}

if [ "${FLOWSTAT_KMEMLEAK:-0}" = 1 ]; then
	if [ ! -w "$kmemleak" ]; then
		echo "Bail out! FLOWSTAT_KMEMLEAK=1 but no $kmemleak (CONFIG_DEBUG_KMEMLEAK, debugfs)"
		exit 1
	fi
	# Boot-time reports (the kernel's own) are not any script's.
	kmemleak_scan /dev/null
fi

echo "1..${#tests[@]}"

pass=0 fail=0 skip=0 n=0 rc_all=0
out=$(mktemp /tmp/flowstat-run.XXXXXX) || exit 1
trap 'rm -f "$out" "$out.leak" "$out.dmesg"' EXIT

for t in "${tests[@]}"; do
	n=$((n + 1))
	echo "# selftests: flowstat: $t"
	start=$SECONDS
	# The marker starts this script's part of dmesg.
	mark="flowstat-selftest: start $n $t"
	[ "${FLOWSTAT_KREPORTS:-0}" = 1 ] && echo "<6>$mark" >/dev/kmsg
	if [ ! -x "./$t" ]; then
		echo "# $t: not found or not executable" | tee "$out"
		rc=1
	else
		timeout -k 10 "$timeout" "./$t" 2>&1 </dev/null | tee "$out" | sed -u 's/^/# /'
		rc=${PIPESTATUS[0]}
	fi
	p=$(grep -E '^ok ' "$out" | grep -cv '# SKIP')
	f=$(grep -E '^not ok ' "$out" | grep -cv '# SKIP')
	s=$(grep -cE '^(not )?ok .*# SKIP' "$out")
	kfail=
	if [ "${FLOWSTAT_KMEMLEAK:-0}" = 1 ]; then
		kmemleak_scan "$out.leak"
		if [ -s "$out.leak" ]; then
			echo "# $t: kmemleak: $(grep -c '^unreferenced object' "$out.leak") unreferenced object(s):"
			sed 's/^/# /' "$out.leak"
			kfail="kmemleak"
		fi
	fi
	if [ "${FLOWSTAT_KREPORTS:-0}" = 1 ]; then
		# dmesg after this script's marker (the scan above included).
		dmesg | awk -v m="$mark" 'index($0, m) { p = 1; next } p' >"$out.dmesg"
		if grep -qE "$kreport" "$out.dmesg"; then
			echo "# $t: kernel reports in dmesg:"
			sed 's/^/# /' "$out.dmesg"
			kfail="${kfail:+$kfail, }kernel report"
		fi
	fi
	secs=$((SECONDS - start))

	if [ -n "$kfail" ]; then
		# One failed point for the kernel, on top of the script's own.
		f=$((f + 1))
		echo "# $t: exit status $rc, ${secs} s, $kfail"
		echo "not ok $n - $t"
		rc_all=1
	elif [ "$rc" -eq 4 ] && [ "$f" -eq 0 ]; then
		[ "$s" -eq 0 ] && s=1	# skipped as a whole
		echo "ok $n - $t # SKIP $(sed -n 's/^1\.\.0 # SKIP //p' "$out" | head -n 1)"
		[ "$rc_all" -eq 0 ] && rc_all=4
	elif [ "$rc" -eq 0 ] && [ "$f" -eq 0 ]; then
		echo "# $t: ${secs} s"
		echo "ok $n - $t"
	else
		if [ "$f" -eq 0 ]; then
			f=1
			case $rc in
			124|137) echo "# $t: TIMEOUT after $timeout seconds" ;;
			*) echo "# $t: exited $rc without a failed test point" ;;
			esac
		fi
		echo "# $t: exit status $rc, ${secs} s"
		echo "not ok $n - $t"
		rc_all=1
	fi
	pass=$((pass + p)) fail=$((fail + f)) skip=$((skip + s))
done

line="# $pass passed, $fail failed"
[ "$skip" -gt 0 ] && line="$line, $skip skipped"
echo "$line"
exit $rc_all
